import ProducerEars
import ProducerMusic

/// A sung melody with known flaws, and the reference it should match.
struct SungMaterial {
    static let tempo = 100.0
    static var beat: Double { 60 / tempo }

    /// (MIDI, start beat, length in beats): 16 notes in A minor, detached, with rests every 4 notes.
    static let melody: [(Int, Double, Double)] = [
        (57, 1, 1), (60, 2, 1), (64, 3, 1), (62, 4, 1),
        (64, 6, 1), (65, 7, 1), (67, 8, 1), (69, 9, 2),
        (69, 12, 1), (67, 13, 1), (65, 14, 1), (64, 15, 1),
        (62, 17, 1), (64, 18, 1), (60, 19, 1), (57, 20, 2),
    ]

    static var reference: [ReferenceNote] {
        melody.map { ReferenceNote(start: $0.1 * beat, end: ($0.1 + $0.2) * beat, pitch: $0.0) }
    }

    /// Renders the melody with per-note detuning (cents) and lateness (seconds).
    static func sing(
        cents: [Int: Double] = [:], late: [Int: Double] = [:], sampleRate: Double = 44_100,
        vibrato: Bool = false, breathSNR: Double? = 30, seed: UInt64 = 3
    ) -> [Float] {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: seed)
        synth.breathNoiseSNR = breathSNR
        let notes = reference.enumerated().map { i, r in
            SungNote(
                start: r.start + (late[i] ?? 0), duration: (r.end - r.start) * 0.85 - Swift.max(0, late[i] ?? 0),
                midi: Double(r.pitch) + (cents[i] ?? 0) / 100,
                vibratoRate: vibrato && r.end - r.start > 1 ? 5.5 : 0,
                vibratoDepthCents: vibrato && r.end - r.start > 1 ? 35 : 0)
        }
        return synth.render(notes, duration: (reference.last?.end ?? 0) + 1).samples
    }
}
