import Foundation
import ProducerAudio
import ProducerDSP
import ProducerEars
import ProducerOffice

extension VersionAnalysisJob {
    /// Reads the version once: loudness and true peak (`analyze`'s meters), and alongside, in the
    /// same pass, the waveform's column peaks and the onset envelope (folded to mono) that the
    /// beat grid — tempo and first downbeat — is found from.
    /// - Throws: ``AudioFileError`` naming the file when it cannot be read.
    public func run() throws -> VersionAnalysis {
        let reader = try AudioFileReader(path: path)
        let frameCount = reader.frameCount
        let sampleRate = reader.format.sampleRate
        let columns = max(1, min(self.columns, 4096))
        let framesPerColumn = max(1, (frameCount + Int64(columns) - 1) / Int64(columns))
        var peaks = [Float](repeating: 0, count: columns)
        var position: Int64 = 0
        var onsets = OnsetDetector().stream(sampleRate: sampleRate)
        var mono: [Float] = []
        let analysis = try Analyzer().analyze(
            path: path,
            alongside: { block in
                let n = block.frameCount
                if mono.count < n { mono = [Float](repeating: 0, count: n) }
                let scale = 1 / Float(max(1, block.channelCount))
                mono.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n { out[i] = 0 }
                }
                for channel in 0..<block.channelCount {
                    block.withChannel(channel) { samples in
                        peaks.withUnsafeMutableBufferPointer { out in
                            for i in 0..<n {
                                let column = min(columns - 1, Int((position + Int64(i)) / framesPerColumn))
                                let value = min(1, abs(samples[i]))
                                if value > out[column] { out[column] = value }
                            }
                        }
                        mono.withUnsafeMutableBufferPointer { out in
                            for i in 0..<n { out[i] += samples[i] * scale }
                        }
                    }
                }
                mono.withUnsafeBufferPointer { all in onsets.consume(UnsafeBufferPointer(rebasing: all[0..<n])) }
                position += Int64(n)
            })
        let grid = Self.beatGrid(onsets.finish(), seconds: analysis.duration, beatsPerBar: beatsPerBar)
        return VersionAnalysis(
            seconds: analysis.duration, integratedLUFS: analysis.integratedLoudness.flatMap(Self.finite),
            truePeakDBTP: analysis.truePeak.flatMap(Self.finite),
            tempo: grid?.tempo, firstDownbeatSeconds: grid?.firstDownbeat, beatsPerBar: beatsPerBar, peaks: peaks)
    }

    /// `value` when it is a number JSON can carry (silence measures as −∞ on some meters).
    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// Tempo and first downbeat from the onset envelope (ProducerDSP's ``BeatTracker``), or nil
    /// when the version is too short or has no steady beat. The first downbeat is the tracker's
    /// first, moved back whole bars while it stays within the version: bar 1 beat 1.
    static func beatGrid(
        _ envelope: OnsetEnvelope, seconds: Double, beatsPerBar: Int
    ) -> (tempo: Double, firstDownbeat: Double)? {
        guard seconds >= 4 else { return nil }
        let track = BeatTracker().track(envelope, beatsPerBar: max(1, beatsPerBar))
        guard track.beats.count >= 4, track.tempo.isFinite, track.tempo > 0,
            var first = track.downbeats.first ?? track.beats.first
        else { return nil }
        let bar = Double(max(1, beatsPerBar)) * 60 / track.tempo
        while first - bar >= -0.02 { first -= bar }
        return (track.tempo, max(0, first))
    }
}
