/// Where a reader gets its bytes from: a file on disk or bytes in memory.
///
/// Reads are positional (`pread`-like), so a source has no cursor and seeking is free.
protocol ByteSource: AnyObject {
    /// The total number of bytes, as known when the source was opened.
    var size: Int64 { get }
    /// Copies up to `buffer.count` bytes starting at `offset` into `buffer`.
    /// Returns the number of bytes copied; fewer than asked only at the end of the source.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Up to `count` bytes at `offset` (fewer at the end of the source). `count` is clamped
    /// to what the source holds, so a size field read from a file can never cause a huge allocation.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, offset < size, count > 0 else { return [] }
        let n = Int(min(Int64(count), size - offset))
        var result = [UInt8](repeating: 0, count: n)
        let got = try result.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        if got < n { result.removeLast(n - got) }
        return result
    }
}
