import Foundation
import ProducerAudio
import ProducerConsole
import ProducerMusic
import ProducerTestSupport
import Testing

@Suite("MIDI tracks and the arrangement preview")
struct MIDITrackTests {
    /// A folder with song.mid: a bass line (MIDI track 2) and a drum part on channel 10 (track 3).
    static func folder() throws -> String {
        let dir = try temporaryDirectory()
        var notes: [MIDINote] = []
        for bar in 0..<4 {
            let t = Double(bar) * 2
            notes.append(MIDINote(pitch: 40 + bar, start: t + 0.5, end: t + 1.4, velocity: 100, channel: 0, track: 0))
            notes.append(MIDINote(pitch: 36, start: t, end: t + 0.1, velocity: 110, channel: 9, track: 1))
            notes.append(MIDINote(pitch: 38, start: t + 1, end: t + 1.1, velocity: 100, channel: 9, track: 1))
            notes.append(MIDINote(pitch: 42, start: t + 0.5, end: t + 0.6, velocity: 80, channel: 9, track: 1))
        }
        let bytes = MIDIFile.bytes(notes: notes, tempo: 120)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/song.mid"))
        // A single note at 0.5 s, for timing.
        let one = MIDIFile.bytes(notes: [MIDINote(pitch: 45, start: 0.5, end: 1, velocity: 100)], tempo: 120)
        try Data(one).write(to: URL(fileURLWithPath: dir + "/one.mid"))
        try Data("MThd\0\0\0\u{6}\0\u{1}\0\u{2}\u{1}\u{E0}MTrk\0\0\u{FF}\u{FF}".utf8).write(
            to: URL(fileURLWithPath: dir + "/broken.mid"))
        return dir
    }

    static func render(_ yaml: String, in dir: String) throws -> AudioBuffer {
        try yaml.write(toFile: dir + "/session.yaml", atomically: true, encoding: .utf8)
        let session = try Session(path: dir + "/session.yaml")
        _ = try Mixdown(encoding: .float(bits: 32), replacesExisting: true).render(session, to: dir + "/mix.wav")
        return try AudioFile.read(path: dir + "/mix.wav").buffer
    }

    @Test("A session with MIDI tracks renders each through its instrument, strips applied")
    func rendersMIDITracks() throws {
        let dir = try Self.folder()
        let session = try Session(
            yaml: """
                sampleRate: 48000
                tracks:
                  - { name: Bass, midi: song.mid, track: 2, gain: -3 }
                  - { name: Kit, midi: song.mid, track: 3, pan: 0.2, sends: [{ bus: Room, level: -12 }] }
                  - { name: Keys, midi: song.mid, track: 2, instrument: keys }
                buses:
                  - { name: Room, inserts: [{ reverb: { size: 0.3 } }] }
                """, path: dir + "/session.yaml")
        #expect(session.tracks.map { $0.midi?.instrument } == [.keys, .drums, .keys])  // no names, no programs: keys
        #expect(session.tracks[0].midi?.notes?.count == 4)
        #expect(session.tracks[1].midi?.notes?.count == 12)
        let mix = try Self.render(
            """
            sampleRate: 48000
            tracks:
              - { name: Bass, midi: song.mid, track: 2, instrument: bass }
              - { name: Kit, midi: song.mid, track: 3 }
            """, in: dir)
        // The last sounds: a bass note ending at 7.4 s plus its release, a snare at 7 s ringing
        // about a second; then the tail is cut where the sound ends.
        #expect(mix.frameCount > Int(7.45 * 48_000) && mix.frameCount < Int(8.5 * 48_000), "\(mix.frameCount)")
        let peak = (0..<mix.frameCount).reduce(Float(0)) { max($0, abs(mix[0, $1])) }
        #expect(peak > 0.1 && peak < 1.5)
    }

    @Test("A note lands on the frame its time and the track's start and trim give")
    func noteTiming() throws {
        let dir = try Self.folder()
        func firstSound(_ extra: String) throws -> Int {
            let mix = try Self.render(
                "sampleRate: 48000\ntracks:\n  - { name: Bass, midi: one.mid, instrument: bass\(extra) }\n", in: dir)
            return (0..<mix.frameCount).first { mix[0, $0] != 0 } ?? -1
        }
        #expect(try firstSound("") == 24_000)
        #expect(try firstSound(", start: 1") == 72_000)
        #expect(try firstSound(", start: 1, trim: { start: 0.25 }") == 60_000)
        #expect(try firstSound(", start: \"100 samples\"") == 24_100)
    }

    func error(_ track: String, in dir: String) -> SessionError? {
        let yaml = "sampleRate: 48000\ntracks:\n  - name: A\n\(track)"
        do {
            _ = try Session(yaml: yaml, path: dir + "/session.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("Missing, broken and unknown MIDI files, tracks and instruments are errors at line:column")
    func errors() throws {
        let dir = try Self.folder()
        let missing = try #require(error("    midi: nothere.mid\n", in: dir))
        #expect(missing.line == 4 && missing.column == 11 && missing.key == "tracks[0].midi")
        #expect(missing.message.contains("nothere.mid does not exist"))

        let broken = try #require(error("    midi: broken.mid\n", in: dir))
        #expect(broken.line == 4 && broken.key == "tracks[0].midi")
        #expect(broken.description.contains("broken.mid cannot be played: at byte"), "\(broken)")

        let several = try #require(error("    midi: song.mid\n", in: dir))
        #expect(several.key == "tracks[0].midi" && several.message.contains("choose one with track:"))

        let unknownTrack = try #require(error("    midi: song.mid\n    track: Tuba\n", in: dir))
        #expect(unknownTrack.line == 5 && unknownTrack.column == 12 && unknownTrack.key == "tracks[0].track")
        #expect(unknownTrack.message.contains("no track named \"Tuba\""))

        let noNotes = try #require(error("    midi: song.mid\n    track: 1\n", in: dir))
        #expect(noNotes.key == "tracks[0].track" && noNotes.message.contains("has no notes"))
        let pastEnd = try #require(error("    midi: song.mid\n    track: 9\n", in: dir))
        #expect(pastEnd.key == "tracks[0].track" && pastEnd.message.contains("no track 9"))

        let instrument = try #require(error("    midi: song.mid\n    track: 2\n    instrument: kazoo\n", in: dir))
        #expect(instrument.line == 6 && instrument.column == 17 && instrument.key == "tracks[0].instrument")
        #expect(instrument.message.contains("unknown instrument \"kazoo\""))

        let both = try #require(error("    midi: song.mid\n    file: a.wav\n", in: dir))
        #expect(both.key == "tracks[0].file" && both.message.contains("not both"))
        let stray = try #require(error("    file: a.wav\n    instrument: bass\n", in: dir))
        #expect(stray.key == "tracks[0].instrument")
    }

    /// A type-1 file with named tracks: "Bass" (program 33, A1 and E2 at 0 and 0.5 s at 120 BPM)
    /// and "Pad" on channel 10 (a kick), written byte by byte.
    static func namedMIDI() -> [UInt8] {
        func track(_ body: [UInt8]) -> [UInt8] {
            let n = body.count + 4
            return Array("MTrk".utf8) + [0, 0, UInt8(n >> 8), UInt8(n & 255)] + body + [0, 0xFF, 0x2F, 0]
        }
        let tempo = track([0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20])
        let bass = track(
            [0, 0xFF, 0x03, 4] + Array("Bass".utf8) + [0, 0xC0, 33, 0, 0x90, 33, 100, 0x83, 0x60, 0x80, 33, 0]
                + [0, 0x90, 40, 90, 0x83, 0x60, 0x80, 40, 0])
        let other = track([0, 0xFF, 0x03, 5] + Array("Other".utf8) + [0, 0x99, 36, 100, 0x60, 0x89, 36, 0])
        return Array("MThd".utf8) + [0, 0, 0, 6, 0, 1, 0, 3, 0x01, 0xE0] + tempo + bass + other
    }

    @Test("track: picks a track by name; the instrument follows the name, else channel 10")
    func namedTracks() throws {
        let dir = try temporaryDirectory()
        try Data(Self.namedMIDI()).write(to: URL(fileURLWithPath: dir + "/named.mid"))
        let session = try Session(
            yaml: """
                sampleRate: 48000
                tracks:
                  - { name: B, midi: named.mid, track: bass }
                  - { name: K, midi: named.mid, track: Other }
                  - { name: P, midi: named.mid, track: 2, instrument: pad }
                """, path: dir + "/session.yaml")
        #expect(session.tracks.map { $0.midi?.instrument } == [.bass, .drums, .pad])
        #expect(session.tracks[0].midi?.notes?.map(\.pitch) == [33, 40])
        #expect(session.tracks[0].midi?.notes?.map(\.start) == [0, 0.5])
        #expect(session.tracks[1].midi?.trackLabel == "Other")
    }

    @Test("The instrument follows the track's name, then channel 10, then its program")
    func defaultInstrument() {
        let note = MIDINote(pitch: 40, start: 0, end: 1)
        #expect(MIDIPart.instrument(for: MIDITrack(name: "Bass", events: []), notes: [note]) == .bass)
        #expect(MIDIPart.instrument(for: MIDITrack(name: "Rhodes 2", events: []), notes: [note]) == .keys)
        var drum = note
        drum.channel = 9
        #expect(MIDIPart.instrument(for: MIDITrack(name: nil, events: []), notes: [drum]) == .drums)
        let program = MIDIEvent(tick: 0, message: .programChange(channel: 0, program: 25))
        #expect(MIDIPart.instrument(for: MIDITrack(name: "Part 3", events: [program]), notes: [note]) == .guitar)
        #expect(MIDIPart.instrument(forProgram: 33) == .bass && MIDIPart.instrument(forProgram: 48) == .strings)
        #expect(MIDIPart.instrument(forProgram: 89) == .pad && MIDIPart.instrument(forProgram: 80) == .lead)
    }

    @Test("ArrangementPreview writes a 24-bit WAV under −1 dBTP that sox and ffmpeg read")
    func preview() throws {
        let dir = try Self.folder()
        let wav = dir + "/preview.wav"
        try ArrangementPreview.render(midi: dir + "/song.mid", to: wav, force: false)
        let (buffer, format, _) = try AudioFile.read(path: wav)
        #expect(format.encoding == .integer(bits: 24) && format.channelCount == 2 && format.sampleRate == 48_000)
        #expect(buffer.frameCount > Int(7.4 * 48_000))
        var peak: Float = 0
        for c in 0..<2 { for i in 0..<buffer.frameCount { peak = max(peak, abs(buffer[c, i])) } }
        #expect(peak > 0.05 && peak < Float(pow(10, -1.0 / 20)))
        // An existing output is replaced only when forced.
        #expect(throws: (any Error).self) {
            try ArrangementPreview.render(midi: dir + "/song.mid", to: wav, force: false)
        }
        try ArrangementPreview.render(midi: dir + "/song.mid", to: wav, force: true)
        #expect(throws: SessionError.self) {
            try ArrangementPreview.render(midi: dir + "/broken.mid", to: dir + "/b.wav", force: false)
        }

        var checked = false
        if let sox = ["/usr/bin/soxi", "/usr/local/bin/soxi", "/opt/homebrew/bin/soxi"].first(
            where: FileManager.default.isExecutableFile)
        {
            let r = try runProcess(sox, ["-b", wav])
            #expect(r.status == 0 && r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "24")
            checked = true
        }
        if let ffprobe = ["/usr/bin/ffprobe", "/usr/local/bin/ffprobe", "/opt/homebrew/bin/ffprobe"].first(
            where: FileManager.default.isExecutableFile)
        {
            let r = try runProcess(
                ffprobe, ["-v", "error", "-show_entries", "stream=codec_name,channels", "-of", "csv=p=0", wav])
            #expect(r.status == 0 && r.out.contains("pcm_s24le,2"), "\(r.out) \(r.err)")
            checked = true
        }
        if !checked {
            print("MIDITrackTests.preview: neither sox nor ffmpeg is installed; the WAV was checked by Producer only")
        }
    }
}
