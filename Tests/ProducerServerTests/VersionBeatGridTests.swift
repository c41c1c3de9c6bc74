import Foundation
import ProducerAudio
import ProducerJobs
import ProducerOffice
import ProducerTestSupport
import Testing

@Suite struct VersionBeatGridTests {
    /// A click track: `tempo` BPM from `offset` seconds, each bar's first beat a low thump and the
    /// others a high click, 4/4, at 44.1 kHz.
    static func clicks(tempo: Double, offset: Double, seconds: Double) -> AudioBuffer {
        let rate = 44_100.0
        var samples = [Float](repeating: 0, count: Int(seconds * rate))
        let beat = 60 / tempo
        var index = 0
        while offset + Double(index) * beat < seconds - 0.2 {
            let start = Int(((offset + Double(index) * beat) * rate).rounded())
            let downbeat = index % 4 == 0
            let frequency = downbeat ? 80.0 : 2000.0
            let amplitude: Float = downbeat ? 0.9 : 0.4
            for n in 0..<Int(0.08 * rate) where start + n < samples.count {
                let t = Double(n) / rate
                samples[start + n] += amplitude * Float(exp(-t * 60) * sin(2 * .pi * frequency * t))
            }
            index += 1
        }
        return AudioBuffer(channels: [samples, samples])
    }

    @Test func theAnalysisFindsTheTempoAndTheFirstDownbeatOfAClickTrack() throws {
        let folder = try temporaryDirectory()
        for (tempo, offset) in [(100.0, 0.37), (128.0, 1.25)] {
            let path = try writeWAV(
                Self.clicks(tempo: tempo, offset: offset, seconds: 30), "clicks-\(Int(tempo)).wav", in: folder,
                bits: 16, sampleRate: 44_100)
            let analysis = try VersionAnalysisJob(projectID: "p", versionID: "v", path: path).run()
            let found = try #require(analysis.tempo)
            let first = try #require(analysis.firstDownbeatSeconds)
            print("click track at \(tempo) BPM from \(offset) s: \(found) BPM, first downbeat \(first) s")
            #expect(abs(found - tempo) < 1)
            #expect(abs(first - offset) < 0.02)
            #expect(abs(analysis.seconds - 30) < 0.001)
            #expect(analysis.peaks.count == 800)
        }
    }

    @Test func silenceHasNoBeatGrid() throws {
        let folder = try temporaryDirectory()
        let path = try writeWAV(
            AudioBuffer(channels: [[Float](repeating: 0, count: 44_100 * 8)]), "silence.wav", in: folder, bits: 16,
            sampleRate: 44_100)
        let analysis = try VersionAnalysisJob(projectID: "p", versionID: "v", path: path).run()
        #expect(analysis.tempo == nil)
        #expect(analysis.firstDownbeatSeconds == nil)
        #expect(analysis.truePeakDBTP == nil)
        #expect(analysis.integratedLUFS == nil)
    }
}
