import Foundation
import ProducerAudio

/// A sine, `seconds` long, with each channel's peak at `dBFS`.
public func sine(
    frequency: Double = 1000, dBFS: Double, seconds: Double, sampleRate: Double = 48_000,
    channels: Int = 2
) -> AudioBuffer {
    let samples = TestSignals.sine(
        frequency: frequency, amplitude: pow(10, dBFS / 20), sampleRate: sampleRate, frames: Int(seconds * sampleRate))
    return AudioBuffer(channels: Array(repeating: samples, count: channels))
}

/// Writes `buffer` as a WAV file in `directory` and returns its path.
public func writeWAV(
    _ buffer: AudioBuffer, _ name: String, in directory: String, bits: Int = 24,
    float: Bool = false, sampleRate: Double = 48_000
) throws -> String {
    let path = directory + "/" + name
    try AudioFile.write(
        buffer, to: path,
        format: AudioFormat(
            sampleRate: sampleRate, channelCount: buffer.channelCount,
            encoding: float ? .float(bits: bits) : .integer(bits: bits)),
        dither: false)
    return path
}

/// Calls `body` with `samples` cut into consecutive blocks of `size` (the last one shorter), as a
/// stream that reads a file in blocks would get them.
public func forEachBlock(of samples: [Float], size: Int, _ body: (UnsafeBufferPointer<Float>) -> Void) {
    samples.withUnsafeBufferPointer { all in
        var start = 0
        while start < all.count {
            let end = min(all.count, start + max(1, size))
            body(UnsafeBufferPointer(rebasing: all[start..<end]))
            start = end
        }
    }
}
