import ProducerMusic

extension PerformanceReport {
    /// The notes as sung or played, for a DAW: one track, each note at its nearest MIDI pitch with
    /// a pitch bend for its cents (bend range ±2 semitones), its velocity from its level; an
    /// unpitched part's hits as snare drum hits on channel 10. The file's tempo is the take's
    /// (120 BPM without a grid), so notes land on their times.
    func midiFile(beatsPerBar: Int, pitched: Bool) -> (notes: [MIDINote], bends: [MIDIPitchBend], tempo: Double) {
        let loudest = notes.map(\.levelDecibels).max() ?? 0
        var midi: [MIDINote] = []
        var bends: [MIDIPitchBend] = []
        for note in notes where note.end > note.start {
            // 0 dB below the loudest note → 110; 30 dB below → 40.
            let velocity = Int((110 + (note.levelDecibels - loudest) * 70 / 30).rounded())
            if pitched {
                let pitch = Int(note.midi.rounded())
                midi.append(
                    MIDINote(pitch: pitch, start: note.start, end: note.end, velocity: max(1, min(127, velocity))))
                bends.append(MIDIPitchBend(time: note.start, cents: (note.midi - Double(pitch)) * 100))
            } else {
                midi.append(
                    MIDINote(
                        pitch: 38, start: note.start, end: min(note.end, note.start + 0.1),
                        velocity: max(1, min(127, velocity)), channel: 9))
            }
        }
        let tempo = tempo.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? 120
        return (midi, bends, tempo)
    }

    /// Writes ``midiFile(beatsPerBar:pitched:)`` to `path` (through a temporary file).
    /// - Throws: ``MIDIFileError`` when it cannot be written.
    func writeMIDI(to path: String, beatsPerBar: Int, pitched: Bool) throws {
        let file = midiFile(beatsPerBar: beatsPerBar, pitched: pitched)
        let meter = TimeSignature(validating: max(1, min(32, beatsPerBar)), 4)
        let key = self.key.flatMap { try? Key(parsing: $0) }
        try MIDIFile.write(
            notes: file.notes, tempo: file.tempo, meter: meter ?? .fourFour, key: key, bends: file.bends, to: path)
    }
}
