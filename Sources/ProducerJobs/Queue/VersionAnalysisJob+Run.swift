import Foundation
import ProducerAudio
import ProducerEars
import ProducerOffice

extension VersionAnalysisJob {
    /// Reads the version once: loudness and true peak (`analyze`'s meters) and the waveform's
    /// column peaks alongside, in the same pass.
    /// - Throws: ``AudioFileError`` naming the file when it cannot be read.
    public func run() throws -> VersionAnalysis {
        let frameCount = try AudioFileReader(path: path).frameCount
        let columns = max(1, min(self.columns, 4096))
        let framesPerColumn = max(1, (frameCount + Int64(columns) - 1) / Int64(columns))
        var peaks = [Float](repeating: 0, count: columns)
        var position: Int64 = 0
        let analysis = try Analyzer().analyze(
            path: path,
            alongside: { block in
                let n = block.frameCount
                for channel in 0..<block.channelCount {
                    block.withChannel(channel) { samples in
                        peaks.withUnsafeMutableBufferPointer { out in
                            for i in 0..<n {
                                let column = min(columns - 1, Int((position + Int64(i)) / framesPerColumn))
                                let value = min(1, abs(samples[i]))
                                if value > out[column] { out[column] = value }
                            }
                        }
                    }
                }
                position += Int64(n)
            })
        return VersionAnalysis(
            seconds: analysis.duration, integratedLUFS: analysis.integratedLoudness, truePeakDBTP: analysis.truePeak,
            tempo: nil, firstDownbeatSeconds: nil, beatsPerBar: beatsPerBar, peaks: peaks)
    }
}
