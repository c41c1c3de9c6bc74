import Foundation
import ProducerMusic
import ProducerTestSupport

/// Shared helpers: test data, the Python tools (through ProducerTestSupport's `Python`), temporary files.
enum Support {
    /// The package root: three levels up from this file (Tests/ProducerMusicTests/Support.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/testdata/madmom` beside the package, when present.
    static let madmom: String? = {
        let dir = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared/testdata/madmom").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: dir + "/stereo_sample.mid") ? dir : nil
    }()

    static let hasMido = Python.canImport("mido")
    static let hasMusic21 = Python.canImport("music21")

    /// Runs a Python script with arguments and decodes its standard output as JSON.
    static func python<T: Decodable>(_ script: String, _ args: [String], as type: T.Type) throws -> T {
        try Python.json(script, arguments: args, as: type)
    }

    /// A fresh temporary directory.
    static func tempDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("producer-music-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
}

/// A note as a Python tool reports it.
struct ToolNote: Decodable, Equatable {
    var start: Double
    var end: Double
    var pitch: Int
    var velocity: Int
    var channel: Int
}

/// mido's view of a file's notes: its own merged, tempo-aware playback order, with note-ons
/// paired to note-offs first-in, first-out per channel and pitch.
let midoNotesScript = """
    import sys, json, mido
    mid = mido.MidiFile(sys.argv[1])
    now = 0.0
    open_notes = {}
    notes = []
    for msg in mid:
        now += msg.time
        if msg.type == 'note_on' and msg.velocity > 0:
            open_notes.setdefault((msg.channel, msg.note), []).append((now, msg.velocity))
        elif msg.type == 'note_off' or (msg.type == 'note_on' and msg.velocity == 0):
            q = open_notes.get((msg.channel, msg.note))
            if q:
                s, v = q.pop(0)
                notes.append(dict(start=s, end=now, pitch=msg.note, velocity=v, channel=msg.channel))
    for (ch, p), q in open_notes.items():
        for s, v in q:
            notes.append(dict(start=s, end=now, pitch=p, velocity=v, channel=ch))
    notes.sort(key=lambda n: (n['start'], n['pitch'], n['end']))
    print(json.dumps(notes))
    """

/// music21's view: every note's MIDI pitch, offset and duration in quarter lengths.
struct Music21Note: Decodable, Equatable {
    var pitch: Int
    var offset: Double
    var quarterLength: Double
}

let music21NotesScript = """
    import sys, json
    from music21 import converter
    score = converter.parse(sys.argv[1])
    out = []
    for n in score.flatten().notes:
        for p in n.pitches:
            out.append(dict(pitch=p.midi, offset=float(n.offset), quarterLength=float(n.quarterLength)))
    out.sort(key=lambda n: (n['offset'], n['pitch']))
    print(json.dumps(out))
    """
