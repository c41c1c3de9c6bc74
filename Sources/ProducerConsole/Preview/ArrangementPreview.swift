import Foundation
import ProducerAudio
import ProducerMusic

/// Renders a MIDI file (an arrangement) to a WAV file through the console: one track per MIDI
/// track that has notes, each played by its built-in instrument (``MIDIPart/instrument(for:notes:)``:
/// from the track's name, else its General MIDI program; channel 10 is the drum kit), at a level
/// and pan that suit the instrument, with a little room reverb on the sustained parts and a gentle
/// true-peak limiter on the master (ceiling −1.2 dBTP), to a 24-bit WAV.
public enum ArrangementPreview {
    /// Where each instrument sits in the preview's mix: fader (dB), pan (−1…1), reverb send (dB, nil: none).
    public static func placement(_ instrument: Instrument) -> (gain: Double, pan: Double, reverb: Double?) {
        switch instrument {
        case .drums: (-1, 0, -24)
        case .bass: (-2, 0, nil)
        case .keys: (-4, -0.2, -16)
        case .guitar: (-5, 0.35, -18)
        case .pad: (-7, 0, -14)
        case .strings: (-6, 0.2, -14)
        case .lead: (-3, 0, -16)
        }
    }

    /// The in-memory session that plays `midi`: see ``ArrangementPreview``.
    /// - Throws: ``SessionError`` when the MIDI file cannot be read or has no notes.
    public static func session(midi path: String, sampleRate: Double = 48000) throws(SessionError) -> Session {
        let file: MIDIFile
        do {
            file = try MIDIFile(path: path)
        } catch {
            let place = error.byteOffset.map { "at byte \($0), " } ?? ""
            throw SessionError(file: path, code: .track, "\(path) cannot be previewed: \(place)\(error.reason)")
        }
        var byTrack: [Int: [MIDINote]] = [:]
        for note in file.notes() { byTrack[note.track, default: []].append(note) }
        guard !byTrack.isEmpty else { throw SessionError(file: path, code: .track, "\(path) has no notes to play") }
        var tracks: [Session.Track] = []
        var names = Set<String>()
        for index in byTrack.keys.sorted() {
            let notes = byTrack[index]!
            let midiTrack = file.tracks[index]
            var part = MIDIPart(selection: .number(index + 1))
            part.notes = notes
            part.instrument = MIDIPart.instrument(for: midiTrack, notes: notes)
            part.trackLabel = midiTrack.name ?? "track \(index + 1)"
            let instrument = part.instrument!
            var name = midiTrack.name.flatMap { $0.isEmpty ? nil : $0 } ?? instrument.trackName
            if names.contains(name) { name += " \(index + 1)" }
            names.insert(name)
            let place = placement(instrument)
            var strip = Session.Strip()
            strip.gainDecibels = place.gain
            strip.pan = place.pan
            if let send = place.reverb {
                strip.sends = [Session.Send(bus: "Room", levelDecibels: send, preFader: false, keyPath: "tracks.sends")]
            }
            tracks.append(
                Session.Track(
                    name: name, file: path, midi: part, startFrame: 0, trimStartFrame: 0, trimLengthFrames: nil,
                    strip: strip, mute: false, solo: false))
        }
        var room = Session.Strip()
        room.inserts = [
            Session.Insert(
                kind: "reverb", parameters: ["size": .number(0.35), "damping": .number(0.45), "mix": .number(1)],
                keyPath: "buses[0].inserts[0].reverb")
        ]
        var master = Session.Strip()
        master.inserts = [
            Session.Insert(
                kind: "limiter", parameters: ["ceiling": .number(-1.2), "release": .number(150)],
                keyPath: "master.inserts[0].limiter")
        ]
        let bpm = file.tempoMap.bpm(atSeconds: 0)
        return Session(
            sampleRate: sampleRate, tempo: min(400, max(20, bpm)), beatsPerBar: 4, tracks: tracks,
            buses: [Session.Bus(name: "Room", strip: room)], master: Session.Bus(name: "master", strip: master),
            path: path)
    }

    /// Renders `midi` to `wav` (24-bit), through a temporary file renamed when complete.
    ///
    /// - Parameters:
    ///   - force: replace `wav` if it exists (otherwise that is an error).
    ///   - parallel: render the tracks on all cores (the result is the same either way).
    /// - Throws: ``SessionError`` for a MIDI file that cannot be read or has no notes; a
    ///   `FileError` for an output the output policy refuses (an existing file without `force`,
    ///   a folder, the MIDI file itself) or that cannot be written.
    public static func render(
        midi: String, to wav: String, sampleRate: Double = 48000, force: Bool, parallel: Bool = true
    )
        throws
    {
        let session = try session(midi: midi, sampleRate: sampleRate)
        var mixdown = Mixdown(encoding: .integer(bits: 24), replacesExisting: force)
        mixdown.parallel = parallel
        _ = try mixdown.render(session, to: wav)
    }
}
