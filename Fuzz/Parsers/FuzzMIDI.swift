import ProducerMusic

/// The Standard MIDI File reader, and what the commands read from a file: notes, tempo map,
/// meters, keys and length.
func fuzzMIDI(_ bytes: [UInt8]) {
    expectOnly(MIDIFileError.self, file: "fuzz.mid", input: String(decoding: bytes, as: UTF8.self)) {
        let file = try MIDIFile(bytes: bytes, name: "fuzz.mid")
        _ = file.notes()
        _ = file.duration
        _ = file.timeSignatures
        _ = file.keySignatures
        for track in file.tracks.indices { _ = file.tempoMap(forTrack: track) }
    }
}
