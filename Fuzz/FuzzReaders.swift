// libFuzzer entry point for the WAV/RF64/BW64/AIFF/AIFF-C readers.
// Built by Fuzz/run together with Sources/ProducerAudio/*.swift as one module,
// so it can use the internal in-memory reader.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let reader = try? AudioFileReader(bytes: bytes, name: "fuzz-input") else { return 0 }
    _ = reader.metadata
    var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 1024)
    do {
        while try reader.read(into: &block) > 0 {}
        if reader.frameCount > 0 {
            try reader.seek(toFrame: reader.frameCount / 2)
            _ = try reader.read(into: &block)
        }
    } catch is AudioFileError {
        // Expected for broken input.
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
