import Foundation
import ProducerAudio
@testable import ProducerEars
import Testing

@Suite("A click track is heard at its own sample rate")
struct ClickTrackTests {
    /// A click at every beat of the sung material's tempo: a 1.5 kHz burst decaying in ~20 ms.
    static func clickTrack(sampleRate: Double, seconds: Double = 14) -> [Float] {
        var x = [Float](repeating: 0, count: Int(seconds * sampleRate))
        var beat = 0.0
        while beat < seconds - 0.1 {
            let start = Int((beat * sampleRate).rounded())
            for i in 0..<Int(0.05 * sampleRate) where start + i < x.count {
                let t = Double(i) / sampleRate
                x[start + i] = Float(0.5 * exp(-t / 0.007) * sin(2 * Double.pi * 1500 * t))
            }
            beat += SungMaterial.beat
        }
        return x
    }

    static func write(_ samples: [Float], sampleRate: Double, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "producer-click-\(ProcessInfo.processInfo.processIdentifier)-\(name).wav"
        ).path
        let format = AudioFormat(sampleRate: sampleRate, channelCount: 1, encoding: .integer(bits: 24), container: .wav)
        try AudioFile.write(AudioBuffer(channels: [samples]), to: path, format: format)
        return path
    }

    func report(click path: String, take: Take) throws -> PerformanceReport {
        var settings = ListenSettings(part: .vocal)
        settings.clickPath = path
        return Listener(options: try settings.options()).listen(to: take)
    }

    @Test("A 48 kHz click with a 44.1 kHz take gives the timing a 44.1 kHz click gives")
    func clickAtAnotherRate() throws {
        let take = Take(name: "take", sampleRate: 44_100, samples: SungMaterial.sing(late: ListenerTests.lateness))
        let at44 = try Self.write(Self.clickTrack(sampleRate: 44_100), sampleRate: 44_100, name: "44")
        let at48 = try Self.write(Self.clickTrack(sampleRate: 48_000), sampleRate: 48_000, name: "48")
        defer { try? FileManager.default.removeItem(atPath: at44); try? FileManager.default.removeItem(atPath: at48) }
        let a = try report(click: at44, take: take)
        let b = try report(click: at48, take: take)
        #expect(a.tempoSource == "click" && b.tempoSource == "click")
        #expect(abs((b.tempo ?? 0) - SungMaterial.tempo) < 1, "tempo from the 48 kHz click: \(b.tempo ?? .nan)")
        #expect(a.notes.count == SungMaterial.melody.count && b.notes.count == a.notes.count)
        for (x, y) in zip(a.notes, b.notes) {
            let ta = try #require(x.timingMs), tb = try #require(y.timingMs)
            #expect(
                abs(ta - tb) <= 2, "note at \(x.start): \(ta) ms with the 44.1 kHz click, \(tb) ms with the 48 kHz one")
            #expect(x.bar == y.bar)
        }
        // The verdicts are the planted ones, against the on-time notes (the clicks are placed to
        // the millisecond at both rates): 10 ms and 30 ms late, 50 ms early.
        let onTime = b.notes.indices.filter { ListenerTests.lateness[$0] == nil }.compactMap { b.notes[$0].timingMs }
        let bias = onTime.sorted()[onTime.count / 2]
        #expect(abs(bias) <= 3, "on-time notes read \(bias) ms off the click")
        for i in [2, 5, 9] {
            let ms = try #require(b.notes[i].timingMs) - bias
            let planted = (ListenerTests.lateness[i] ?? 0) * 1000
            #expect(abs(ms - planted) <= 5, "note \(i): \(ms) ms against the on-time notes, planted \(planted)")
        }
        // The same advice, give or take a millisecond in its figures.
        let words = { (m: String) in m.filter { !$0.isNumber } }
        #expect(a.advice.map { words($0.message) } == b.advice.map { words($0.message) })
    }

    @Test("Clicks are placed within ±2 ms of where they sound, a click at 0 s included", arguments: [44_100.0, 48_000])
    func clicksToTheMillisecond(sampleRate: Double) throws {
        let path = try Self.write(Self.clickTrack(sampleRate: sampleRate), sampleRate: sampleRate, name: "ms")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clicks = try ListenSettings.clicks(path: path)
        let truth = stride(from: 0.0, to: 14 - 0.1, by: SungMaterial.beat).map {
            ($0 * sampleRate).rounded() / sampleRate
        }
        #expect(clicks.count == truth.count, "\(clicks.count) clicks heard, \(truth.count) sounded")
        #expect(clicks.first.map { abs($0) <= 0.002 } == true, "the click at 0 s heard at \(clicks.first ?? .nan)")
        let errors = zip(clicks, truth).map { ($0 - $1) * 1000 }
        let mean = errors.reduce(0, +) / Double(max(1, errors.count))
        #expect(errors.allSatisfy { abs($0) <= 2 }, "errors (ms): \(errors.map { ($0 * 10).rounded() / 10 })")
        #expect(abs(mean) <= 1, "mean \(mean) ms")
    }
}
