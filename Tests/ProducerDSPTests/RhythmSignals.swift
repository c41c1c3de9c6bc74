import Foundation
import ProducerAudio
import ProducerTestSupport

/// Signals with known onsets, beats and keys for the rhythm and key tests, and their scoring.
enum RhythmSignals {
    /// A deterministic generator: ProducerTestSupport's SplitMix64, with the rhythm tests' own
    /// `uniform()`, which spans −1 ..< 3 (its figures were measured with it; see the report).
    struct Random {
        var base: SeededRandom
        init(seed: UInt64) { base = SeededRandom(seed: seed) }
        mutating func next() -> UInt64 { base.next() }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) * 2 - 1 }
    }

    /// A signal with the times (seconds) that matter in it.
    struct Take {
        var samples: [Float]
        var sampleRate: Double
        var beats: [Double] = []
        var downbeats: [Double] = []
        var onsets: [Double] = []
    }

    /// Adds `sound` into `x` starting at `time`.
    static func mix(_ sound: [Float], into x: inout [Float], at time: Double, sampleRate: Double, gain: Float = 1) {
        let start = Int((time * sampleRate).rounded())
        for i in 0..<sound.count where start + i < x.count && start + i >= 0 { x[start + i] += gain * sound[i] }
    }

    /// A click: a 1.5 kHz (accent: 2.5 kHz) tone plus noise, decaying in ~20 ms.
    static func click(accent: Bool, sampleRate: Double, rng: inout Random) -> [Float] {
        let n = Int(0.06 * sampleRate)
        let f = accent ? 2500.0 : 1500.0
        return (0..<n).map { i in
            let t = Double(i) / sampleRate
            let env = exp(-t / 0.012)
            return Float(env * (0.6 * sin(2 * .pi * f * t) + 0.4 * rng.uniform()))
        }
    }

    /// A kick: a sine sweeping from 150 Hz down to 50 Hz, decaying in ~0.15 s (faded out, so
    /// that its end makes no click).
    static func kick(sampleRate: Double) -> [Float] {
        let n = Int(0.35 * sampleRate)
        var phase = 0.0
        return (0..<n).map { i in
            let t = Double(i) / sampleRate
            let f = 50 + 100 * exp(-t / 0.03)
            phase += 2 * .pi * f / sampleRate
            return Float(exp(-t / 0.12) * min(1, (0.35 - t) / 0.03) * sin(phase))
        }
    }

    /// A snare: noise and a 190 Hz tone, decaying in ~0.1 s.
    static func snare(sampleRate: Double, rng: inout Random) -> [Float] {
        let n = Int(0.25 * sampleRate)
        return (0..<n).map { i in
            let t = Double(i) / sampleRate
            return Float(
                exp(-t / 0.06) * min(1, (0.25 - t) / 0.03) * (0.6 * rng.uniform() + 0.4 * sin(2 * .pi * 190 * t)))
        }
    }

    /// A closed hi-hat: differentiated noise, decaying in ~25 ms.
    static func hat(sampleRate: Double, rng: inout Random) -> [Float] {
        let n = Int(0.08 * sampleRate)
        var previous = 0.0
        return (0..<n).map { i in
            let t = Double(i) / sampleRate
            let w = rng.uniform()
            defer { previous = w }
            return Float(exp(-t / 0.02) * 0.5 * (w - previous))
        }
    }

    /// A click track at `bpm` with every `beatsPerBar`-th click accented (louder, higher), the
    /// first beat at `offset` seconds.
    static func clickTrack(
        bpm: Double, seconds: Double, sampleRate: Double = 44_100, beatsPerBar: Int = 4,
        offset: Double = 0.5, seed: UInt64 = 1
    ) -> Take {
        var rng = Random(seed: seed)
        var x = [Float](repeating: 0, count: Int(seconds * sampleRate))
        var take = Take(samples: [], sampleRate: sampleRate)
        var k = 0
        while offset + Double(k) * 60 / bpm < seconds - 0.1 {
            let t = offset + Double(k) * 60 / bpm
            let accent = k % beatsPerBar == 0
            mix(
                click(accent: accent, sampleRate: sampleRate, rng: &rng), into: &x, at: t, sampleRate: sampleRate,
                gain: accent ? 0.8 : 0.35)
            take.beats.append(t)
            if accent { take.downbeats.append(t) }
            k += 1
        }
        take.samples = x
        take.onsets = take.beats
        return take
    }

    /// A rock-like drum pattern at `bpm`: kick on 1 and 3 (louder on 1), snare on 2 and 4, a
    /// hi-hat on every beat and (when `eighths`) a softer one between beats.
    static func drumPattern(
        bpm: Double, seconds: Double, sampleRate: Double = 44_100, eighths: Bool = true,
        offset: Double = 0.3, seed: UInt64 = 2
    ) -> Take {
        var rng = Random(seed: seed)
        var x = [Float](repeating: 0, count: Int(seconds * sampleRate))
        var take = Take(samples: [], sampleRate: sampleRate)
        let kick = kick(sampleRate: sampleRate)
        let period = 60 / bpm
        var k = 0
        while offset + Double(k) * period < seconds - 0.3 {
            let t = offset + Double(k) * period
            switch k % 4 {
            case 0: mix(kick, into: &x, at: t, sampleRate: sampleRate, gain: 0.9); take.downbeats.append(t)
            case 2: mix(kick, into: &x, at: t, sampleRate: sampleRate, gain: 0.45)
            default: mix(snare(sampleRate: sampleRate, rng: &rng), into: &x, at: t, sampleRate: sampleRate, gain: 0.5)
            }
            mix(hat(sampleRate: sampleRate, rng: &rng), into: &x, at: t, sampleRate: sampleRate, gain: 0.3)
            if eighths {
                mix(
                    hat(sampleRate: sampleRate, rng: &rng), into: &x, at: t + period / 2, sampleRate: sampleRate,
                    gain: 0.12)
            }
            take.beats.append(t)
            k += 1
        }
        take.samples = x
        take.onsets = take.beats
        return take
    }

    /// The frequency of MIDI note `m`.
    static func hz(_ m: Double) -> Double { 440 * pow(2, (m - 69) / 12) }

    /// A piano-like note: harmonics 1…8 at 1/k, fast attack, exponential decay (faster for
    /// higher partials), 50 ms release.
    static func pianoNote(midi: Double, seconds: Double, sampleRate: Double) -> [Float] {
        let n = Int(seconds * sampleRate), f = hz(midi)
        var out = [Float](repeating: 0, count: n)
        for k in 1...8 where Double(k) * f < sampleRate / 2.2 {
            let w = 2 * Double.pi * Double(k) * f / sampleRate, tau = 0.6 / Double(k).squareRoot()
            for i in 0..<n {
                let t = Double(i) / sampleRate
                let release = min(1, (seconds - t) / 0.05)
                out[i] += Float(min(1, t / 0.004) * release * exp(-t / tau) * sin(w * Double(i)) / Double(k))
            }
        }
        return out
    }

    /// Piano-like notes at known onsets: a pseudo-random melody with intervals of 0.15–0.6 s.
    static func pianoMelody(seconds: Double, sampleRate: Double = 44_100, seed: UInt64 = 3) -> Take {
        var rng = Random(seed: seed)
        var x = [Float](repeating: 0, count: Int(seconds * sampleRate))
        var take = Take(samples: [], sampleRate: sampleRate)
        var t = 0.25
        while t < seconds - 0.7 {
            let midi = 48 + (rng.uniform() + 1) * 18
            let gain = Float(0.25 + 0.2 * (rng.uniform() + 1))
            mix(
                pianoNote(midi: midi.rounded(), seconds: 0.8, sampleRate: sampleRate), into: &x, at: t,
                sampleRate: sampleRate, gain: gain)
            take.onsets.append(t)
            t += 0.15 + 0.225 * (rng.uniform() + 1)
        }
        take.samples = x
        return take
    }

    /// One sustained harmonic tone whose pitch steps (legato, phase-continuous, same loudness)
    /// at known times; the first onset is the tone's start.
    static func legato(seconds: Double, sampleRate: Double = 44_100, seed: UInt64 = 4) -> Take {
        var rng = Random(seed: seed)
        var changes: [(Double, Double)] = []
        var t = 0.3, midi = 60.0
        while t < seconds - 0.3 {
            changes.append((t, midi))
            // Steps of 2…7 semitones (a semitone's change of a low note stays within the
            // maximum filter's reach, by design, like vibrato).
            var step = 0.0
            while abs(step) < 2 { step = (rng.uniform() * 7).rounded() }
            midi += (45...79).contains(midi + step) ? step : -step
            t += 0.25 + 0.2 * (rng.uniform() + 1)
        }
        let n = Int(seconds * sampleRate)
        var x = [Float](repeating: 0, count: n)
        var phases = [Double](repeating: 0, count: 6)
        var c = 0
        let start = Int(changes[0].0 * sampleRate)
        let end = Int((changes.last!.0 + 0.4) * sampleRate)
        for i in start..<min(n, end) {
            let time = Double(i) / sampleRate
            while c + 1 < changes.count && time >= changes[c + 1].0 { c += 1 }
            let f = hz(changes[c].1)
            let env = min(1, (time - changes[0].0) / 0.01) * min(1, Double(end - i) / (0.02 * sampleRate))
            var s = 0.0
            for k in 0..<6 {
                phases[k] += 2 * .pi * Double(k + 1) * f / sampleRate
                s += sin(phases[k]) / Double(k + 1)
            }
            x[i] = Float(0.3 * env * s)
        }
        return Take(samples: x, sampleRate: sampleRate, onsets: changes.map(\.0))
    }

    /// A harmonic tone (partials 1…6 at 1/k) of `seconds` with soft attack and release.
    static func tone(midi: Int, seconds: Double, sampleRate: Double) -> [Float] {
        let n = Int(seconds * sampleRate), f = hz(Double(midi))
        return (0..<n).map { i in
            let t = Double(i) / sampleRate
            let env = min(1, t / 0.02) * min(1, (seconds - t) / 0.05)
            var s = 0.0
            for k in 1...6 where Double(k) * f < sampleRate / 2.2 { s += sin(2 * .pi * Double(k) * f * t) / Double(k) }
            return Float(env * s)
        }
    }

    /// `x` played `cents` higher: resampled (linear interpolation) by the tuning ratio, so the same
    /// samples go by faster.
    static func retuned(_ x: [Float], cents: Double) -> [Float] {
        let ratio = pow(2, cents / 1200)
        return (0..<Int(Double(x.count) / ratio)).map { i -> Float in
            let p = Double(i) * ratio, k = Int(p), f = Float(p - Double(k))
            return k + 1 < x.count ? x[k] * (1 - f) + x[k + 1] * f : 0
        }
    }

    /// I–IV–V–I (minor: i–iv–V–i with the harmonic minor's major V) in the key with tonic pitch
    /// class `tonic`: sustained close triads around middle C over the chord's root an octave
    /// below, one chord per `chordSeconds`.
    static func cadence(tonic: Int, minor: Bool, chordSeconds: Double = 1.0, sampleRate: Double = 22_050) -> [Float] {
        let third = minor ? 3 : 4
        // Chords as (root offset from tonic, third size).
        let chords: [(Int, Int)] = [(0, third), (5, third), (7, 4), (0, third)]
        let n = Int(chordSeconds * sampleRate)
        var x = [Float](repeating: 0, count: n * chords.count)
        for (c, chord) in chords.enumerated() {
            let root = 48 + (tonic + chord.0) % 12  // C3…B3
            let notes = [root - 12, root + 12, root + 12 + chord.1, root + 12 + 7]
            for m in notes {
                let tone = tone(midi: m, seconds: chordSeconds, sampleRate: sampleRate)
                for i in 0..<n { x[c * n + i] += 0.15 * tone[i] }
            }
        }
        return x
    }

    /// F-measure of `detected` against `reference` with one-to-one matching within ±`window`
    /// seconds (as mir_eval's onset evaluation).
    static func fMeasure(_ detected: [Double], _ reference: [Double], window: Double = 0.05) -> Double {
        if detected.isEmpty && reference.isEmpty { return 1 }
        guard !detected.isEmpty, !reference.isEmpty else { return 0 }
        // Greedy matching of the closest pairs first equals the maximum matching here (sorted
        // events much further apart than the window).
        var pairs: [(Double, Int, Int)] = []
        for (i, r) in reference.enumerated() {
            for (j, d) in detected.enumerated() where abs(d - r) <= window { pairs.append((abs(d - r), i, j)) }
        }
        pairs.sort { $0.0 < $1.0 }
        var usedR = Set<Int>(), usedD = Set<Int>()
        for (_, i, j) in pairs where !usedR.contains(i) && !usedD.contains(j) { usedR.insert(i); usedD.insert(j) }
        let matched = Double(usedR.count)
        let precision = matched / Double(detected.count), recall = matched / Double(reference.count)
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// The package root: three levels above this file.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/testdata/madmom` beside the package, if it is there.
    static let madmom: String? = {
        let path = packageRoot + "/../shared/testdata/madmom"
        return FileManager.default.fileExists(atPath: path + "/sample.wav") ? path : nil
    }()

    /// The numbers of an annotation file: each non-comment line's whitespace-separated values.
    static func annotation(_ path: String) throws -> [[Double]] {
        try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { line in
            let s = line.trimmingCharacters(in: .whitespaces)
            guard !s.isEmpty, !s.hasPrefix("#") else { return nil }
            return s.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
        }
    }
}
