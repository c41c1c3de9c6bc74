import Foundation
import ProducerAudio
import ProducerDSP
import ProducerMusic

/// What the tracklist needs to know about a song it can hear: the mix's length, tempo and key,
/// measured in one streaming pass (memory does not grow with the file).
struct MixMeasure: Sendable, Hashable {
    var length: Double
    var tempo: Double?
    var key: Key?

    /// Reads the mix at `path` once, folded to mono.
    /// - Throws: ``AudioFileError`` naming the file when it cannot be read.
    static func measure(path: String) throws -> MixMeasure {
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        let sampleRate = format.sampleRate
        var onsets = OnsetDetector().stream(sampleRate: sampleRate)
        var chroma = KeyDetector().chromaExtractor.stream(sampleRate: sampleRate)
        var buffer = AudioBuffer(channelCount: format.channelCount, frameCapacity: 16_384)
        var mono = [Float](repeating: 0, count: 16_384)
        var frames: Int64 = 0
        while true {
            let n = try reader.read(into: &buffer)
            if n == 0 { break }
            let channels = format.channelCount
            let scale = 1 / Float(channels)
            mono.withUnsafeMutableBufferPointer { out in
                for i in 0..<n { out[i] = 0 }
                for c in 0..<channels {
                    buffer.withChannel(c) { samples in
                        for i in 0..<n { out[i] += samples[i] * scale }
                    }
                }
            }
            mono.withUnsafeBufferPointer { block in
                let part = UnsafeBufferPointer(rebasing: block[0..<n])
                onsets.consume(part)
                chroma.consume(part)
            }
            frames += Int64(n)
        }
        let length = Double(frames) / sampleRate
        let tempo = length >= 10 ? TempoEstimator().tempo(onsets.finish()) : nil
        let profile = chroma.finish().chroma
        let hasPitch = profile.contains { $0 > 0 }
        let key = hasPitch ? try? Key(parsing: KeyDetector().key(chroma: profile).name) : nil
        return MixMeasure(length: length, tempo: tempo, key: key)
    }
}
