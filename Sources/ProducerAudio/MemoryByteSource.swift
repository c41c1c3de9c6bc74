/// A ``ByteSource`` over bytes held in memory (used by the fuzzer and tests).
final class MemoryByteSource: ByteSource {
    private let storage: [UInt8]

    init(_ bytes: [UInt8]) { self.storage = bytes }

    var size: Int64 { Int64(storage.count) }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard offset >= 0, offset < Int64(storage.count), buffer.count > 0 else { return 0 }
        let start = Int(offset)
        let n = min(buffer.count, storage.count - start)
        storage.withUnsafeBytes { all in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[start..<start + n]))
        }
        return n
    }
}
