import ProducerMusic

/// The demo's song: a short melody in E minor, its reference MIDI part, and two sung takes with
/// flaws planted at known notes, so that `listen` and `takes` can be seen to catch them.
struct DemoSong {
    /// Tempo, BPM, and the key.
    static let tempo = 96.0
    static let key = "E minor"
    static var beat: Double { 60 / tempo }

    /// (MIDI note, bar from 1, beat from 1, length in beats): four two-bar phrases, each ending in a rest.
    static let melody: [(pitch: Int, bar: Int, beat: Double, beats: Double)] = [
        (64, 1, 2, 1), (67, 1, 3, 1), (69, 1, 4, 1), (71, 2, 1, 2), (69, 2, 3, 1),
        (66, 3, 1, 1), (64, 3, 2, 1), (62, 3, 3, 2), (64, 4, 1, 3),
        (67, 5, 1, 1), (71, 5, 2, 1), (74, 5, 3, 1), (72, 5, 4, 1), (71, 6, 1, 2), (69, 6, 3, 1),
        (66, 7, 1, 1), (67, 7, 2, 1), (69, 7, 3, 2), (64, 8, 1, 3),
    ]

    /// A planted flaw: a note sung off pitch (cents) and/or off time (seconds, + late).
    struct Flaw {
        var note: Int
        var cents: Double = 0
        var late: Double = 0
        var what: String
    }

    /// Take 1: a flat note in phrase 1, a sharp and a late note in phrase 3, a rushed phrase 4.
    static let take1Flaws: [Flaw] = [
        Flaw(note: 2, cents: -35, what: "the A4 in bar 1, beat 4, sung 35 cents flat"),
        Flaw(note: 11, cents: 30, what: "the D5 in bar 5, beat 3, sung 30 cents sharp"),
        Flaw(note: 13, late: 0.070, what: "the B4 in bar 6, beat 1, sung 70 ms late"),
        Flaw(note: 15, late: -0.045, what: "bar 7 rushed: its notes 45 ms early"),
        Flaw(note: 16, late: -0.045, what: ""), Flaw(note: 17, late: -0.045, what: ""),
    ]
    /// Take 2: a sharp, late phrase 1 and a flat note in phrase 2; phrases 3 and 4 clean.
    static let take2Flaws: [Flaw] = [
        Flaw(note: 0, cents: 40, what: "the E4 in bar 1, beat 2, sung 40 cents sharp"),
        Flaw(note: 2, late: 0.055, what: "the A4 in bar 1, beat 4, sung 55 ms late"),
        Flaw(note: 6, cents: -30, what: "the E4 in bar 3, beat 2, sung 30 cents flat"),
    ]

    /// The reference part as MIDI notes (bar 1 starts at 0 s).
    static func referenceNotes() -> [MIDINote] {
        melody.map { n in
            let start = (Double(n.bar - 1) * 4 + n.beat - 1) * beat
            return MIDINote(pitch: n.pitch, start: start, end: start + n.beats * beat, velocity: 90)
        }
    }

    /// A take sung with `flaws`, as samples.
    static func sing(flaws: [Flaw], sampleRate: Double, seed: UInt64) -> [Float] {
        var synth = VoiceSynth(sampleRate: sampleRate, seed: seed)
        synth.breathNoiseSNR = 30
        let byNote = Dictionary(flaws.map { ($0.note, $0) }, uniquingKeysWith: { a, _ in a })
        let reference = referenceNotes()
        let notes: [SungNote] = reference.enumerated().map { i, r in
            let flaw = byNote[i]
            let start = r.start + (flaw?.late ?? 0)
            let long = r.duration >= 2 * beat
            // Sung slightly detached: each note stops a little before the next.
            return SungNote(
                start: start, duration: r.duration * 0.9 - (flaw?.late ?? 0) * (flaw?.late ?? 0 > 0 ? 1 : 0),
                midi: Double(r.pitch) + (flaw?.cents ?? 0) / 100,
                vibratoRate: long ? 5.5 : 0, vibratoDepthCents: long ? 30 : 0)
        }
        let end = (reference.map(\.end).max() ?? 0) + 1
        return synth.render(notes, duration: end).samples
    }
}
