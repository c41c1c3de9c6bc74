import Foundation

/// Small deterministic synthesis for the demo: a four-chord loop with bass, kick and hi-hat.
///
/// Everything is seeded, so the demo files are the same on every run and every machine.
struct DemoSignals {
    let sampleRate: Double

    /// A stereo mix, `seconds` long, peaking near -1 dBFS (before any fault is added).
    func mix(seconds: Double, tempo: Double = 120) -> (left: [Float], right: [Float]) {
        let n = Int(seconds * sampleRate)
        var left = [Float](repeating: 0, count: n)
        var right = [Float](repeating: 0, count: n)
        let beat = 60 / tempo
        // C – G – Am – F, one bar (4 beats) each, as MIDI notes.
        let chords: [[Double]] = [[60, 64, 67], [55, 59, 62], [57, 60, 64], [53, 57, 60]]
        let bassRoots: [Double] = [36, 43, 45, 41]
        var noise = SplitMix(seed: 0x5EED)
        let bar = 4 * beat
        for i in 0..<n {
            let t = Double(i) / sampleRate
            let barIndex = Int(t / bar) % chords.count
            let inBar = t.truncatingRemainder(dividingBy: bar)
            let inBeat = t.truncatingRemainder(dividingBy: beat)
            // Pad: three voices, three harmonics each, slightly detuned between the sides.
            var padL = 0.0, padR = 0.0
            let swell = min(1, inBar / 0.08) * (0.6 + 0.4 * exp(-inBar * 0.8))
            for note in chords[barIndex] {
                let f = 440 * pow(2, (note - 69) / 12)
                for h in 1...3 {
                    let a = 1 / Double(h * h)
                    padL += a * sin(2 * .pi * f * Double(h) * t)
                    padR += a * sin(2 * .pi * f * 1.003 * Double(h) * t + 0.4)
                }
            }
            padL *= 0.07 * swell
            padR *= 0.07 * swell
            // Bass on every beat, decaying.
            let fb = 440 * pow(2, (bassRoots[barIndex] - 69) / 12)
            let bass = 0.28 * exp(-inBeat * 3) * sin(2 * .pi * fb * t)
            // Kick on beats 1 and 3: a falling sine.
            let beatNumber = Int(inBar / beat)
            var kick = 0.0
            if beatNumber % 2 == 0 {
                let k = inBeat
                // Pitch falls from 90 Hz to 50 Hz.
                kick = 0.45 * exp(-k * 18) * sin(2 * .pi * (50 * k + 40.0 / 30 * (1 - exp(-k * 30))))
            }
            // Hi-hat on off-beat eighths: short noise bursts.
            let eighth = beat / 2
            let inEighth = t.truncatingRemainder(dividingBy: eighth)
            let hatOn = Int(t / eighth) % 2 == 1
            let hat = hatOn ? 0.06 * exp(-inEighth * 60) * noise.nextSigned() : 0
            left[i] = Float(padL + bass + kick + hat * 0.8)
            right[i] = Float(padR + bass + kick + hat * 1.2)
        }
        normalise(&left, &right, peak: 0.85)
        return (left, right)
    }

    /// White noise at an RMS level in dBFS.
    func noise(count: Int, rmsDecibels: Double, seed: UInt64) -> [Float] {
        var rng = SplitMix(seed: seed)
        // Uniform noise in ±a has RMS a/√3.
        let a = pow(10, rmsDecibels / 20) * 3.0.squareRoot()
        return (0..<count).map { _ in Float(a * rng.nextSigned()) }
    }

    private func normalise(_ l: inout [Float], _ r: inout [Float], peak: Float) {
        // A clean mix has no DC: remove what the kick's asymmetric decay leaves.
        for i in 0..<2 {
            var x = i == 0 ? l : r
            let mean = x.reduce(0, +) / Float(max(1, x.count))
            for j in x.indices { x[j] -= mean }
            if i == 0 { l = x } else { r = x }
        }
        let m = max(l.map(abs).max() ?? 0, r.map(abs).max() ?? 0)
        guard m > 0 else { return }
        let g = peak / m
        for i in l.indices { l[i] *= g; r[i] *= g }
    }
}

/// A small, fast, seeded pseudo-random generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in -1 ..< 1.
    mutating func nextSigned() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }
}
