import ProducerMusic

extension DemoProject {
    /// The lead vocal's tune in A minor over the stems' loop (Am – F – C – G, a bar each), eight
    /// bars, one phrase a bar: chord tones on beats 1–3 (or a long note on 2–3) and a breath on 4.
    /// (MIDI note, beat from 1, length in beats.)
    static let melody: [[(pitch: Int, beat: Double, beats: Double)]] = [
        [(64, 1, 1), (69, 2, 1), (72, 3, 1)],  // Am
        [(72, 1, 1), (69, 2, 1), (65, 3, 1)],  // F
        [(67, 1, 1), (72, 2, 1), (76, 3, 1)],  // C
        [(74, 1, 1), (71, 2, 2)],  // G
        [(76, 1, 1), (72, 2, 1), (69, 3, 1)],  // Am
        [(65, 1, 1), (69, 2, 1), (72, 3, 1)],  // F
        [(72, 1, 1), (67, 2, 1), (64, 3, 1)],  // C
        [(67, 1, 1), (71, 2, 2)],  // G
    ]

    /// A minor's scale (pitch classes from A), for the backing vocal's thirds.
    static let minorScale = [0, 2, 3, 5, 7, 8, 10]

    /// The note a diatonic third below `pitch` in A minor (`pitch` in A minor, untransposed).
    static func thirdBelow(_ pitch: Int) -> Int {
        let pc = ((pitch - 57) % 12 + 12) % 12
        guard let degree = minorScale.firstIndex(of: pc) else { return pitch - 3 }
        let down = (degree + 5) % 7
        let interval = (pc - minorScale[down] + 12) % 12
        return pitch - interval
    }

    /// How one take sings one note: cents off and seconds late.
    struct Singing {
        var cents = 0.0
        var late = 0.0
    }

    /// Sings a take, `count` samples: phrase `p` (notes timed from the start of its bar) on bar
    /// `p + 1`. Detached notes, vibrato on long ones, a little breath. Each different phrase is
    /// synthesised once, a bar long, and placed on every bar that sings it the same way, so that
    /// minutes of takes cost the time of a few bars.
    static func sing(
        _ phrases: [[SungNote]], barSeconds: Double, sampleRate: Double, seed: UInt64, count: Int
    ) -> [Float] {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: seed)
        synth.breathNoiseSNR = 30
        var out = [Float](repeating: 0, count: count)
        var sung: [[SungNote]: [Float]] = [:]
        for (p, phrase) in phrases.enumerated() where !phrase.isEmpty {
            let bar = sung[phrase] ?? synth.render(phrase, duration: barSeconds).samples
            sung[phrase] = bar
            let start = Int((Double(p) * barSeconds * sampleRate).rounded())
            guard start < count else { break }
            for i in 0..<min(bar.count, count - start) { out[start + i] += bar[i] }
        }
        return out
    }

    /// A note of a phrase as sung: `beat` and `beats` (from the melody) at `beatSeconds` a beat,
    /// `singing` its flaws.
    static func sungNote(
        pitch: Int, beat: Double, beats: Double, beatSeconds: Double, singing: Singing = Singing(),
        velocity: Double = 0.8
    ) -> SungNote {
        let long = beats >= 1.5
        return SungNote(
            start: (beat - 1) * beatSeconds + singing.late, duration: beats * beatSeconds * 0.9,
            midi: Double(pitch) + singing.cents / 100, vibratoRate: long ? 5.5 : 0, vibratoDepthCents: long ? 25 : 0,
            velocity: velocity)
    }
}
