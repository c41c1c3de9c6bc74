import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import ProducerTestSupport
import Testing

/// Programme material with known character, synthesised.
enum Programme {
    static let rate = 48_000.0

    /// Drum-like hits (decaying 60 Hz thumps and noise bursts) over pink noise, `seconds` long.
    static func dense(seconds: Double, seed: UInt64 = 1) -> [[Float]] {
        let n = Int(seconds * rate)
        let l = TestSignals.pinkNoise(frames: n, seed: seed, gain: 0.08)
        let r = TestSignals.pinkNoise(frames: n, seed: seed + 1, gain: 0.08)
        var random = SeededRandom(seed: seed + 2)
        var left = l, right = r
        let beat = Int(rate / 2)
        for start in Swift.stride(from: 0, to: n, by: beat) {
            for i in 0..<min(beat, n - start) {
                let t = Double(i) / rate
                let thump = Float(0.6 * exp(-t * 12) * sin(2 * .pi * 60 * t))
                let click = Float(0.3 * exp(-t * 60) * random.uniform())
                left[start + i] += thump + click
                right[start + i] += thump + click
            }
        }
        return [left, right]
    }

    /// Short hits with silence between them.
    static func sparse(seconds: Double) -> [[Float]] {
        let n = Int(seconds * rate)
        var x = [Float](repeating: 0, count: n)
        for start in Swift.stride(from: 0, to: n, by: Int(rate * 1.5)) {
            for i in 0..<min(Int(rate * 0.2), n - start) {
                let t = Double(i) / rate
                x[start + i] = Float(
                    0.5 * exp(-t * 20) * sin(2 * .pi * 220 * t) + 0.2 * exp(-t * 30) * sin(2 * .pi * 3300 * t))
            }
        }
        return [x, x.map { $0 * 0.8 }]
    }

    /// A quiet passage and a loud one, about 30 LU apart.
    static func wideRange(seconds: Double) -> [[Float]] {
        var x = dense(seconds: seconds, seed: 7)
        let n = x[0].count
        for c in 0..<2 {
            for i in 0..<(n / 2) { x[c][i] *= 0.03 }
        }
        return x
    }

    /// One channel.
    static func mono(seconds: Double) -> [[Float]] { [dense(seconds: seconds, seed: 11)[0]] }

    /// Dense material pushed 12 dB into hard clipping.
    static func clipped(seconds: Double) -> [[Float]] {
        dense(seconds: seconds, seed: 13).map { $0.map { max(-1, min(1, $0 * 4)) } }
    }

    static func measure(_ x: [[Float]], rate: Double) -> (integrated: Double, truePeak: Double) {
        let b = AudioBuffer(channels: x)
        var l = LoudnessMeter(sampleRate: rate, channelCount: x.count)
        l.consume(b)
        var p = TruePeakMeter(channelCount: x.count)
        p.consume(b)
        return (l.result().integrated ?? -70, p.result().truePeakDecibels ?? -200)
    }
}

@Suite struct MasteringTests {
    @Test func platformsParse() throws {
        #expect(
            MasteringTarget.names == [
                "spotify", "apple", "youtube", "amazon", "tidal", "deezer", "soundcloud", "cd", "broadcast", "vinyl",
            ])
        let cd = try #require(MasteringTarget.named("CD"))
        #expect(cd.sampleRate == 44_100 && cd.bits == 16)
        let broadcast = try #require(MasteringTarget.named("broadcast"))
        #expect(broadcast.loudness == -23 && broadcast.ceiling == -1)
        #expect(MasteringTarget.named("vinyl")?.monoBelow == 150)
        #expect(MasteringTarget.named("-9.5LUFS")?.loudness == -9.5)
        #expect(MasteringTarget.named("loud") == nil)
        #expect(MasteringTarget.named("+3LUFS") == nil)
    }

    @Test func playbackNormalisation() throws {
        let spotify = try #require(MasteringTarget.named("spotify"))
        // A quiet master with a high peak: turned up only as far as leaves 1 dB under 0 dBTP.
        #expect(abs(spotify.playbackGain(integrated: -20, truePeak: -3) - 2) < 1e-9)
        #expect(abs(spotify.playbackGain(integrated: -8, truePeak: -1) - -6) < 1e-9)
        #expect(MasteringTarget.named("youtube")!.playbackGain(integrated: -20, truePeak: -10) == 0)
        #expect(MasteringTarget.named("soundcloud")!.playbackGain(integrated: -5, truePeak: 0) == 0)
    }

    @Test(arguments: ["dense", "sparse", "wide range", "mono", "clipped"], ["spotify", "cd", "broadcast"])
    func landsOnTarget(material: String, targetName: String) throws {
        let seconds = 12.0
        let mix: [[Float]] =
            switch material {
            case "dense": Programme.dense(seconds: seconds)
            case "sparse": Programme.sparse(seconds: seconds)
            case "wide range": Programme.wideRange(seconds: seconds)
            case "mono": Programme.mono(seconds: seconds)
            default: Programme.clipped(seconds: seconds)
            }
        let target = try #require(MasteringTarget.named(targetName))
        let result = Mastering(target: target).master(mix, sampleRate: Programme.rate)
        let rate = result.report.deliveredRate
        #expect(rate == (targetName == "cd" ? 44_100 : 48_000))
        let m = Programme.measure(result.master, rate: rate)
        #expect(abs(m.integrated - target.loudness) <= 0.5, "\(material) → \(targetName): \(m.integrated) LUFS")
        #expect(m.truePeak <= target.ceiling, "\(material) → \(targetName): \(m.truePeak) dBTP")
        if material == "clipped" {
            #expect(result.report.clippedRuns > 0)
            #expect(result.report.warnings.contains { $0.contains("clipped") })
        }
    }

    @Test func amountZeroLeavesTheMixUntouched() throws {
        let x = TestSignals.sine(frequency: 1000, amplitude: 0.25, sampleRate: 48_000, frames: 48_000)
        let result = Mastering(target: MasteringTarget.named("spotify")!, amount: 0).master([x, x], sampleRate: 48_000)
        #expect(result.master[0] == x && result.master[1] == x)
        #expect(result.report.gain == 0)
    }

    @Test func aMixWithNoLoudnessToAimWithIsOnlyConverted() throws {
        // 0.2 s at full scale: shorter than one 400 ms block, so no integrated loudness.
        let x = TestSignals.sine(frequency: 1000, amplitude: 1, sampleRate: 48_000, frames: 9_600)
        let result = Mastering(target: MasteringTarget.named("spotify")!).master([x, x], sampleRate: 48_000)
        #expect(result.master[0] == x && result.master[1] == x)
        #expect(result.report.gain == 0 && result.report.passes == 0 && result.report.amount == 0)
        #expect(result.report.warnings.contains { $0.contains("no integrated loudness") })
    }

    @Test func beforeAndAfterAreLoudnessMatched() throws {
        let result = Mastering(target: MasteringTarget.named("spotify")!).master(
            Programme.dense(seconds: 8), sampleRate: Programme.rate)
        let b = Programme.measure(result.before, rate: Programme.rate)
        let a = Programme.measure(result.after, rate: Programme.rate)
        #expect(abs(b.integrated - a.integrated) < 0.1)
        #expect(abs(a.integrated - result.report.listeningLoudness) < 0.1)
        // The pre-limiter master is louder at its peaks than the limited one.
        #expect(Programme.measure(result.prelimit, rate: Programme.rate).truePeak > a.truePeak)
    }

    @Test func referenceMatchingMovesTheToneToTheReference() throws {
        // The mix: pink noise; the reference: the same noise with the lows up and the highs down.
        let n = Int(10 * Programme.rate)
        let mix = [TestSignals.pinkNoise(frames: n, seed: 3), TestSignals.pinkNoise(frames: n, seed: 4)]
        var reference = mix
        var eq = Equalizer(bands: [
            .init(frequency: 200, gain: 4, q: 0.7071, type: .lowShelf),
            .init(frequency: 4000, gain: -4, q: 0.7071, type: .highShelf),
        ])
        var b = AudioBuffer(channels: reference)
        eq.prepare(sampleRate: Programme.rate, channelCount: 2, maximumBlockFrames: n)
        eq.process(&b, sidechain: nil)
        reference = [b.channel(0), b.channel(1)]
        let profile = ToneProfile(AudioBuffer(channels: reference), sampleRate: Programme.rate)
        let result = Mastering(target: MasteringTarget.named("spotify")!, reference: profile).master(
            mix, sampleRate: Programme.rate)
        let tone = try #require(result.report.tone)
        #expect(tone.distanceBefore > 1.5, "before \(tone.distanceBefore)")
        #expect(tone.distanceAfter < 0.5, "after \(tone.distanceAfter)")
        // At half the amount, half the way (roughly).
        let half = Mastering(target: MasteringTarget.named("spotify")!, amount: 0.5, reference: profile).master(
            mix, sampleRate: Programme.rate)
        let d = try #require(half.report.tone).distanceAfter
        #expect(d > 0.3 * tone.distanceBefore && d < 0.7 * tone.distanceBefore, "half \(d)")
    }
}
