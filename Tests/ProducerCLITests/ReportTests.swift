import Foundation
import ProducerAudio
import ProducerJobs
import ProducerTestSupport
import Testing

/// The report's plot data, measured from files with known answers.
@Suite("The report's plot data")
struct ReportTests {
    /// 6 s of a 440 Hz sine at half scale, driven into full scale from 1.0 to 1.3 s and silent
    /// (digital zero) from 3.0 to 4.2 s, written as a 24-bit stereo file.
    static func clippedAndSilent(in dir: String) throws -> String {
        let rate = 48_000.0
        let samples = (0..<Int(6 * rate)).map { i -> Float in
            let t = Double(i) / rate
            if t >= 3.0 && t < 4.2 { return 0 }
            let drive = t >= 1.0 && t < 1.3 ? 4.0 : 1.0
            return Float(max(-1, min(1, 0.5 * drive * sin(2 * Double.pi * 440 * t))))
        }
        return try writeWAV(AudioBuffer(channels: [samples, samples]), "marks.wav", in: dir)
    }

    @Test("waveform: the clipped stretch and the silence where they were made, columns min/max")
    func waveformMarks() throws {
        let dir = try temporaryDirectory()
        let file = try Self.clippedAndSilent(in: dir)
        let w = try Waveform(reading: file, columns: 600)
        #expect(abs(w.duration - 6) < 1e-9)
        #expect(w.minimum.count == 600 && w.maximum.count == 600)
        // One clipped stretch, 1.0–1.3 s (the runs inside it, a few ms apart, merged).
        #expect(w.clipped.count == 1, "\(w.clipped)")
        let clip = try #require(w.clipped.first)
        #expect(abs(clip.start - 1.0) < 0.002 && abs(clip.end - 1.3) < 0.002, "\(clip)")
        // One silence, 3.0–4.2 s, to the 50 ms window.
        #expect(w.silent.count == 1, "\(w.silent)")
        let silence = try #require(w.silent.first)
        #expect(abs(silence.start - 3.0) < 0.051 && abs(silence.end - 4.2) < 0.051, "\(silence)")
        // Columns: full scale where clipped, half scale elsewhere, zero in the silence.
        func column(_ t: Double) -> Int { Int(t / 6 * 600) }
        #expect(w.maximum[column(1.15)] > 0.999 && w.minimum[column(1.15)] < -0.999)
        #expect(abs(w.maximum[column(0.5)] - 0.5) < 0.01 && abs(w.minimum[column(0.5)] + 0.5) < 0.01)
        #expect(w.maximum[column(3.5)] == 0 && w.minimum[column(3.5)] == 0)
        // The same drawn from a buffer in memory.
        let read = try AudioFile.read(path: file)
        #expect(Waveform(read.buffer, sampleRate: 48_000, columns: 600) == w)
    }

    @Test("waveform: a file shorter than 0.5 s of silence marks none; a short file gets one column per frame")
    func waveformEdges() throws {
        let dir = try temporaryDirectory()
        let short = try writeWAV(AudioBuffer(channels: [[Float](repeating: 0, count: 100)]), "short.wav", in: dir)
        let w = try Waveform(reading: short, columns: 800)
        #expect(w.minimum.count == 100 && w.silent.isEmpty && w.clipped.isEmpty)
        let quiet = try writeWAV(
            AudioBuffer(channels: [[Float](repeating: 0, count: 24_000) + [Float](repeating: 0.5, count: 24_000)]),
            "quiet.wav", in: dir)
        // 0.5 s of zeros at the head: exactly the shortest silence marked.
        #expect(try Waveform(reading: quiet).silent == [TimeRange(start: 0, end: 0.5)])
    }

    @Test("loudness curve: a 1 kHz sine at −20 dBFS in both channels reads −20.0 LUFS all along, then silence")
    func loudnessOfASine() throws {
        let dir = try temporaryDirectory()
        let tone = sine(frequency: 1000, dBFS: -20, seconds: 10)
        let silence = [Float](repeating: 0, count: 5 * 48_000)
        let file = try writeWAV(
            AudioBuffer(channels: [tone.channel(0) + silence, tone.channel(1) + silence]), "sine.wav", in: dir)
        // Two channels of mean square 0.1²/2 sum to 0.01; K-weighting adds +0.691 dB at 1 kHz, which
        // cancels BS.1770's −0.691: −20.0 LUFS.
        let curve = try LoudnessCurve(reading: file)
        #expect(curve.step == 0.5)
        // Windows ending at 3.0, 3.5 … 15.0 s.
        #expect(curve.shortTerm.count >= 24)
        for (i, v) in curve.shortTerm.enumerated() {
            let t = curve.time(at: i)
            if t <= 10 {
                #expect(abs((v ?? 0) + 20.0) < 0.1, "at \(t) s: \(String(describing: v))")
            } else if t >= 13.4 {
                #expect(v == nil, "at \(t) s the window is all silence: \(String(describing: v))")
            }
        }
        #expect(abs((curve.integrated ?? 0) + 20.0) < 0.1)
    }

    @Test("spectrum: pink noise is flat, white noise rises 3 dB an octave, each about its own mean")
    func spectrumTilt() throws {
        let dir = try temporaryDirectory()
        let frames = 20 * 48_000
        let pink = try writeWAV(
            AudioBuffer(channels: [TestSignals.pinkNoise(frames: frames, seed: 5, gain: 0.05)]), "pink.wav", in: dir)
        let white = try writeWAV(
            AudioBuffer(channels: [TestSignals.noise(rms: 0.1, frames: frames, seed: 6)]), "white.wav", in: dir)
        let s = try Spectrum(mix: white, reference: pink)
        #expect(s.centres == Spectrum.bandCentres)
        #expect(s.centres.first! > 39 && s.centres.first! < 41 && s.centres.last! > 15_000 && s.centres.last! < 16_500)
        let reference = try #require(s.reference)
        /// The least-squares slope of level against octaves, dB per octave.
        func slope(_ levels: [Double]) -> Double {
            let x = s.centres.map { log2($0) }
            let mx = x.reduce(0, +) / Double(x.count), my = levels.reduce(0, +) / Double(levels.count)
            let num = zip(x, levels).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            return num / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        }
        #expect(abs(slope(reference)) < 0.3, "pink: \(reference)")
        #expect(abs(slope(s.mix) - 3.0) < 0.3, "white: \(s.mix)")
        // Each about its own mean, whatever the level.
        #expect(abs(s.mix.reduce(0, +) / Double(s.mix.count)) < 0.1)
        #expect(abs(reference.reduce(0, +) / Double(reference.count)) < 0.1)
        #expect(reference.allSatisfy { abs($0) < 1.5 }, "pink bands: \(reference)")
    }
}
