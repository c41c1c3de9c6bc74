import Foundation
import ProducerDSP
import ProducerMusic

/// Sung material with a known answer, and mir_eval-style scores, for the pitch tracker tests.
enum PitchTestMaterial {
    /// A deterministic melody of 36 notes wandering over A2 (MIDI 45) … A5 (MIDI 81), with
    /// vibrato up to ±50 cents, glides of up to 5 semitones, detuning up to ±20 cents, legato
    /// joins and rests.
    static func melody(seed: UInt64 = 3) -> [SungNote] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var notes: [SungNote] = []
        var t = 0.2, midi = 57.0
        var previous: Double?
        for i in 0..<36 {
            var step = Double(Int(next() % 15) - 7)
            if midi + step < 45 || midi + step > 81 { step = -step }
            midi += step
            if i % 12 == 5 { midi = 46 } else if i % 12 == 11 { midi = 80 }
            let duration = 0.25 + Double(next() % 40) / 100
            let rate = i % 3 == 0 ? 0 : 4.5 + Double(next() % 20) / 10
            let depth = i % 3 == 0 ? 0 : Double(10 + next() % 41)
            let glide: Double? = (i % 4 == 1 && previous.map { abs($0 - midi) <= 5 } == true) ? previous : nil
            let detune = Double(Int(next() % 41) - 20) / 100
            notes.append(
                SungNote(
                    start: t, duration: duration, midi: midi + detune, vibratoRate: rate, vibratoDepthCents: depth,
                    glideFromMidi: glide, velocity: 0.5 + Double(next() % 50) / 100))
            previous = midi
            t += duration
            if next() % 3 == 0 { t += 0.15 + Double(next() % 30) / 100; previous = nil }
        }
        return notes
    }

    /// A deterministic melody of 40 detached notes over A2 … A5: each note fades out (the voice's
    /// 50 ms release) and the next starts 20 ms after it ends, with vibrato on two notes in three.
    static func detachedMelody(seed: UInt64 = 5) -> [SungNote] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var notes: [SungNote] = []
        var t = 0.2, midi = 57.0
        for i in 0..<40 {
            var step = Double(Int(next() % 11) - 5)
            if midi + step < 45 || midi + step > 81 { step = -step }
            midi += step
            let duration = 0.2 + Double(next() % 500) / 1000  // ends off the 10 ms frame grid
            let vibrato = i % 3 != 0
            notes.append(
                SungNote(
                    start: t, duration: duration, midi: midi + Double(Int(next() % 31) - 15) / 100,
                    vibratoRate: vibrato ? 4.5 + Double(next() % 20) / 10 : 0,
                    vibratoDepthCents: vibrato ? Double(20 + next() % 31) : 0,
                    velocity: 0.5 + Double(next() % 50) / 100))
            t += duration + 0.02
        }
        return notes
    }

    /// `notes` sung at `sampleRate` with breath noise at 20 dB SNR and consonant bursts.
    static func take(sampleRate: Double, notes: [SungNote]) -> VoiceSynth.Rendering {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: 7)
        synth.breathNoiseSNR = 20
        synth.consonantBursts = true
        return synth.render(notes)
    }

    /// The melody of `melodySeed` sung with breath noise at 20 dB SNR and consonant bursts.
    static func take(sampleRate: Double, melodySeed: UInt64 = 3) -> VoiceSynth.Rendering {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: 7)
        synth.breathNoiseSNR = 20
        synth.consonantBursts = true
        return synth.render(melody(seed: melodySeed))
    }

    static let take44 = take(sampleRate: 44_100)

    struct Scores: CustomStringConvertible {
        /// Voiced reference frames whose estimate is voiced and within 50 cents, over all of them.
        var rawPitchAccuracy: Double
        /// The same, leaving out frames within 20 ms of a voicing boundary or of a note change
        /// (a jump of more than 100 cents between consecutive reference frames).
        var rawPitchAccuracySteady: Double
        /// Voiced reference frames estimated an octave off (1200 ± 50 cents), over all of them.
        var octaveErrors: Double
        /// Voicing recall and precision, frames within 20 ms of a reference voicing boundary left out.
        var voicingRecall: Double
        var voicingPrecision: Double
        var description: String {
            "RPA \(rawPitchAccuracy) (steady \(rawPitchAccuracySteady)), octave \(octaveErrors), "
                + "recall \(voicingRecall), precision \(voicingPrecision)"
        }
    }

    static func cents(_ f: Double, _ reference: Double) -> Double { 1200 * log2(f / reference) }

    static func score(reference: [Double], estimate: [PitchFrame]) -> Scores {
        let n = min(reference.count, estimate.count)
        func voiced(_ i: Int) -> Bool { i >= 0 && i < n && reference[i] > 0 }
        var voicedFrames = 0, correct = 0, octave = 0, steady = 0, steadyCorrect = 0
        var tp = 0, fp = 0, fn = 0
        for i in 0..<n {
            let r = reference[i] > 0, e = estimate[i].isVoiced
            // Within 20 ms of a voicing boundary: the boundary lies between two frames 10 ms apart.
            var nearBoundary = false
            for k in max(0, i - 2)...min(n - 1, i + 2) where voiced(k) != r { nearBoundary = true }
            var nearChange = false
            for k in max(1, i - 1)...min(n - 1, i + 2)
            where voiced(k) && voiced(k - 1)
                && abs(cents(reference[k], reference[k - 1])) > 100
            { nearChange = true }
            if r {
                voicedFrames += 1
                var ok = false
                if e {
                    let c = abs(cents(estimate[i].f0, reference[i]))
                    if c <= 50 { correct += 1; ok = true } else if abs(c - 1200) <= 50 { octave += 1 }
                }
                if !nearBoundary && !nearChange {
                    steady += 1
                    if ok { steadyCorrect += 1 }
                }
            }
            if nearBoundary { continue }
            if r && e { tp += 1 } else if !r && e { fp += 1 } else if r && !e { fn += 1 }
        }
        return Scores(
            rawPitchAccuracy: Double(correct) / Double(max(1, voicedFrames)),
            rawPitchAccuracySteady: Double(steadyCorrect) / Double(max(1, steady)),
            octaveErrors: Double(octave) / Double(max(1, voicedFrames)),
            voicingRecall: Double(tp) / Double(max(1, tp + fn)),
            voicingPrecision: Double(tp) / Double(max(1, tp + fp)))
    }
}
