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

    /// Sings `notes` (the reference notes with their singing) as a take: detached notes, vibrato
    /// on long ones, a little breath; `count` samples.
    static func sing(
        _ notes: [(note: MIDINote, singing: Singing)], beat: Double, sampleRate: Double, seed: UInt64, count: Int
    ) -> [Float] {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: seed)
        synth.breathNoiseSNR = 30
        let sung = notes.map { item in
            let n = item.note, s = item.singing
            let long = n.duration >= 1.5 * beat
            return SungNote(
                start: n.start + s.late, duration: n.duration * 0.9, midi: Double(n.pitch) + s.cents / 100,
                vibratoRate: long ? 5.5 : 0, vibratoDepthCents: long ? 25 : 0)
        }
        return fitted(synth.render(sung, duration: Double(count) / sampleRate).samples, count: count)
    }

    /// `samples` cut or padded with silence to `count`.
    static func fitted(_ samples: [Float], count: Int) -> [Float] {
        samples.count >= count
            ? Array(samples.prefix(count)) : samples + [Float](repeating: 0, count: count - samples.count)
    }
}
