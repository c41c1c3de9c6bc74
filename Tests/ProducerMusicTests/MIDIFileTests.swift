import Foundation
import Testing
import ProducerMusic
import ProducerTestSupport

@Suite(
    "MIDI files compared with mido", .enabled(if: Support.madmom != nil, "../shared/testdata/madmom is missing"),
    .enabled(if: Support.hasMido, "python3 with mido is not installed (pip install mido)"))
struct MIDIFileMidoTests {
    @Test(arguments: ["stereo_sample.mid", "piano_sample.mid", "multitrack.mid"])
    func notesMatchMido(file: String) throws {
        let path = Support.madmom! + "/" + file
        let ours = try MIDIFile(path: path).notes()
        let theirs = try Support.python(midoNotesScript, [path], as: [ToolNote].self)
        #expect(!ours.isEmpty)
        #expect(ours.count == theirs.count, "\(file): \(ours.count) notes, mido \(theirs.count)")
        let sortedOurs = ours.sorted { ($0.start, $0.pitch, $0.end) < ($1.start, $1.pitch, $1.end) }
        for (a, b) in zip(sortedOurs, theirs) {
            #expect(abs(a.start - b.start) < 0.001 && abs(a.end - b.end) < 0.001, "\(file): \(a) vs mido \(b)")
            #expect(
                a.pitch == b.pitch && a.velocity == b.velocity && a.channel == b.channel, "\(file): \(a) vs mido \(b)")
        }
    }
}

@Suite("MIDI files", .enabled(if: Support.madmom != nil, "../shared/testdata/madmom is missing"))
struct MIDIFileReadTests {
    /// stereo_sample.notes lists onset, pitch, duration and velocity, to the millisecond.
    @Test func stereoSampleMatchesItsNotesFile() throws {
        let dir = Support.madmom!
        let song = try MIDIFile(path: dir + "/stereo_sample.mid")
        let text = try String(contentsOfFile: dir + "/stereo_sample.notes", encoding: .utf8)
        let expected = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map { Double($0)! }
        }
        let notes = song.notes()
        #expect(song.format == 0)
        #expect(song.ticksPerQuarter == 480)
        #expect(notes.count == expected.count)
        for (n, e) in zip(notes, expected) {
            #expect(abs(n.start - e[0]) < 0.0015, "\(n) vs \(e)")
            #expect(n.pitch == Int(e[1]))
            #expect(abs(n.duration - e[2]) < 0.0015, "\(n) vs \(e)")
            #expect(n.velocity == Int(e[3]))
        }
        #expect(song.timeSignatures.map(\.meter) == [.fourFour])
        #expect(song.tempoMap.bpm(atSeconds: 0) == 120)
    }

    @Test func multitrackMetadata() throws {
        let song = try MIDIFile(path: Support.madmom! + "/multitrack.mid")
        #expect(song.format == 1)
        #expect(song.tracks.count == 4)
        #expect(song.tracks.map(\.name) == [nil, "control track", "ApartA:AvoiceAA", "ApartB:AvoiceBA"])
        #expect(abs(song.tempoMap.bpm(atSeconds: 0) - 60_000_000.0 / 454_545) < 1e-9)
        #expect(song.timeSignatures.first?.meter == .fourFour)
        let notes = song.notes()
        #expect(Set(notes.map(\.track)) == [2, 3])
        #expect(zip(notes, notes.dropFirst()).allSatisfy { $0.start <= $1.start })
        // bar:beat of the first note agrees with its tick position.
        let first = notes[0]
        let quarters = Double(first.startTick) / Double(song.ticksPerQuarter)
        #expect(song.tempoMap.barBeat(atSeconds: first.start) == song.tempoMap.barBeat(atQuarterNotes: quarters))
    }

    /// Every prefix of every real file either fails with an error naming the file or is the whole file.
    @Test(arguments: ["stereo_sample.mid", "piano_sample.mid", "multitrack.mid"])
    func truncatedRealFiles(file: String) throws {
        let bytes = try Support.bytes(Support.madmom! + "/" + file)
        for length in 0..<bytes.count {
            do {
                _ = try MIDIFile(bytes: Array(bytes[0..<length]), name: file)
                Issue.record("\(file) cut to \(length) bytes was read without an error")
            } catch {
                #expect(error.fileName == file)
                #expect(error.description.hasPrefix("\(file): "))
            }
        }
    }
}

@Suite("MIDI writer round trips")
struct MIDIRoundTripTests {
    /// A melody on a sixteenth-note grid at 100 bpm (a quarter is 0.6 s), plus a second track.
    static let quarterLengths: [(pitch: Int, offset: Double, length: Double)] = [
        (60, 0, 1), (62, 1, 0.5), (64, 1.5, 0.5), (65, 2, 1.5), (67, 3.5, 0.25), (69, 3.75, 0.25),
        (71, 4, 2), (72, 6, 0.75), (72, 6.75, 1.25), (48, 8, 4),
    ]
    static let bpm = 100.0
    static var notes: [MIDINote] {
        quarterLengths.map { q in
            MIDINote(
                pitch: q.pitch, start: q.offset * 60 / bpm, end: (q.offset + q.length) * 60 / bpm,
                velocity: 64 + q.pitch % 20, channel: 0, track: 0)
        } + [MIDINote(pitch: 36, start: 0, end: 2.4, velocity: 100, channel: 9, track: 1)]
    }

    @Test func readsBackItsOwnFile() throws {
        let dir = try Support.tempDirectory()
        let path = dir + "/round.mid"
        try MIDIFile.write(
            notes: Self.notes, tempo: Self.bpm, meter: .threeFour, key: try Key(parsing: "Bb major"), to: path)
        let song = try MIDIFile(path: path)
        #expect(song.format == 1)
        #expect(song.tracks.count == 3)
        #expect(song.timeSignatures.map(\.meter) == [.threeFour])
        #expect(song.keySignatures.map(\.key.description) == ["B♭ major"])
        let back = song.notes()
        let sent = Self.notes.sorted { ($0.start, $0.pitch) < ($1.start, $1.pitch) }
        #expect(back.count == sent.count)
        for (a, b) in zip(back, sent) {
            #expect(a.pitch == b.pitch && a.velocity == b.velocity && a.channel == b.channel)
            #expect(abs(a.start - b.start) < 1e-9 && abs(a.end - b.end) < 1e-9, "\(a) vs \(b)")
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"))
    }

    @Test(.enabled(if: Support.hasMido, "python3 with mido is not installed (pip install mido)"))
    func midoReadsWrittenFile() throws {
        let path = try Support.tempDirectory() + "/mido.mid"
        try MIDIFile.write(notes: Self.notes, tempo: Self.bpm, to: path)
        let theirs = try Support.python(midoNotesScript, [path], as: [ToolNote].self)
        let sent = Self.notes.sorted { ($0.start, $0.pitch, $0.end) < ($1.start, $1.pitch, $1.end) }
        #expect(theirs.count == sent.count)
        for (a, b) in zip(sent, theirs) {
            #expect(a.pitch == b.pitch && a.velocity == b.velocity && a.channel == b.channel)
            #expect(abs(a.start - b.start) < 0.001 && abs(a.end - b.end) < 0.001, "\(a) vs mido \(b)")
        }
    }

    @Test(.enabled(if: Support.hasMusic21, "python3 with music21 is not installed (pip install music21)"))
    func music21ReadsWrittenFile() throws {
        let melody = Self.notes.filter { $0.track == 0 }
        let path = try Support.tempDirectory() + "/music21.mid"
        try MIDIFile.write(notes: melody, tempo: Self.bpm, to: path)
        let theirs = try Support.python(music21NotesScript, [path], as: [Music21Note].self)
        #expect(theirs.map(\.pitch) == Self.quarterLengths.map(\.pitch))
        #expect(theirs.map(\.quarterLength) == Self.quarterLengths.map(\.length))
        #expect(theirs.map(\.offset) == Self.quarterLengths.map(\.offset))
    }
}

@Suite("Malformed MIDI files")
struct MalformedMIDITests {
    static func header(format: Int = 0, tracks: Int = 1, division: Int = 480, length: Int = 6) -> [UInt8] {
        Array("MThd".utf8) + [
            0, 0, 0, UInt8(length), 0, UInt8(format), UInt8(tracks >> 8), UInt8(tracks & 0xFF),
            UInt8(division >> 8), UInt8(division & 0xFF),
        ]
    }

    static func track(_ body: [UInt8], declaredLength: Int? = nil) -> [UInt8] {
        let n = declaredLength ?? body.count
        return Array("MTrk".utf8) + [
            UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF),
        ] + body
    }

    func error(_ bytes: [UInt8], name: String = "piano.mid") -> MIDIFileError? {
        do {
            _ = try MIDIFile(bytes: bytes, name: name)
            return nil
        } catch {
            return error
        }
    }

    @Test func everyPrefixOfAWrittenFileFails() {
        let bytes = MIDIFile.bytes(notes: MIDIRoundTripTests.notes, tempo: 93, key: Key(fifths: 2, minor: true))
        #expect(throws: Never.self) { try MIDIFile(bytes: bytes, name: "whole.mid") }
        for length in 0..<bytes.count {
            let e = error(Array(bytes[0..<length]), name: "cut.mid")
            #expect(e?.fileName == "cut.mid", "cut to \(length)")
            #expect(e?.description.hasPrefix("cut.mid: ") == true)
        }
    }

    @Test func badHeaders() {
        #expect(error([])?.description == "piano.mid: byte 0: the file is empty")
        #expect(error(Array("RIFF....".utf8))?.reason.contains("RIFF") == true)
        #expect(error(Array("MThx".utf8) + [0, 0, 0, 6, 0, 0, 0, 1, 1, 0xE0])?.reason.contains("MThd") == true)
        #expect(error(Self.header(length: 2))?.reason.contains("at least 6") == true)
        #expect(error(Self.header(length: 200))?.reason.contains("runs past the end") == true)
        #expect(error(Self.header(format: 3))?.reason.contains("format 3") == true)
        #expect(error(Self.header(division: 0xE728))?.reason.contains("SMPTE") == true)
        #expect(error(Self.header(division: 0))?.reason.contains("0 ticks") == true)
        #expect(
            error(Self.header(tracks: 2) + Self.track([0, 0xFF, 0x2F, 0]))?.reason
                == "the header promises 2 tracks but the file ends after 1")
    }

    @Test func trackLengthPastEnd() {
        let bytes =
            Self.header(format: 1, tracks: 2) + Self.track([0, 0xFF, 0x2F, 0])
            + Self.track([0, 0x90, 60, 100], declaredLength: 1234)
        let e = error(bytes)
        #expect(e?.byteOffset == 30)
        #expect(e?.description.hasPrefix("piano.mid: byte 30: track 2's length runs past the end of the file") == true)
        // A huge declared length must not allocate: 0xFFFFFFFF.
        let huge = Self.header() + Self.track([0, 0xFF, 0x2F, 0], declaredLength: 0xFFFF_FFFF)
        #expect(error(huge)?.reason.contains("track 1's length runs past the end") == true)
    }

    @Test func hugeVariableLengthQuantities() {
        let delta = Self.header() + Self.track([0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x90, 60, 100])
        #expect(error(delta)?.reason.contains("longer than 4 bytes") == true)
        #expect(error(delta)?.byteOffset == 22)
        let meta = Self.header() + Self.track([0, 0xFF, 0x01, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(error(meta)?.reason.contains("longer than 4 bytes") == true)
        let metaPast = Self.header() + Self.track([0, 0xFF, 0x01, 0x8F, 0xFF, 0xFF, 0x7F, 1, 2])
        #expect(error(metaPast)?.reason.contains("runs past the end of the track") == true)
        let sysex = Self.header() + Self.track([0, 0xF0, 0x7F, 1, 2, 0xF7])
        #expect(error(sysex)?.reason.contains("system-exclusive") == true)
    }

    @Test func runningStatusWithoutStatus() {
        let e = error(Self.header() + Self.track([0, 60, 100, 0, 0xFF, 0x2F, 0]))
        #expect(e?.reason.contains("running status") == true)
        #expect(e?.byteOffset == 23)
        // Running status is cancelled by system exclusive.
        let afterSysex = Self.header() + Self.track([0, 0x90, 60, 100, 0, 0xF0, 1, 0xF7, 10, 60, 0])
        #expect(error(afterSysex)?.reason.contains("running status") == true)
        #expect(error(Self.header() + Self.track([0, 0xF4, 0]))?.reason.contains("0xF4") == true)
        #expect(error(Self.header() + Self.track([0, 0x90, 0x90, 100]))?.reason.contains("above 127") == true)
    }

    @Test func tolerantReading() throws {
        // Running status across meta events, note-on velocity 0 as note-off, sysex skipped,
        // no end-of-track, an unknown chunk skipped, overlapping same-pitch notes FIFO.
        let body: [UInt8] = [
            0, 0xFF, 0x51, 3, 0x0F, 0x42, 0x40,  // 60 bpm
            0, 0xFF, 0x59, 2, 0xFD, 1,  // 3 flats, minor: C minor
            0, 0xF0, 3, 1, 2, 0xF7,  // sysex
            0, 0x91, 60, 100,  // A: on at 0
            0x83, 0x60, 0xFF, 0x01, 1, 0x41,  // text at 480
            0, 60, 90,  // B: running status on at 480
            0x83, 0x60, 60, 0,  // off at 960 closes A
            0x83, 0x60, 0x81, 60, 0,  // off at 1440 closes B
        ]
        let bytes = Self.header() + Array("XFIH".utf8) + [0, 0, 0, 2, 9, 9] + Self.track(body)
        let song = try MIDIFile(bytes: bytes, name: "ok.mid")
        let notes = song.notes()
        #expect(notes.count == 2)
        #expect(notes.map(\.startTick) == [0, 480])
        #expect(notes.map(\.endTick) == [960, 1440])
        #expect(notes.map(\.velocity) == [100, 90])
        #expect(notes.map(\.channel) == [1, 1])
        #expect(notes.map(\.end) == [2, 3])
        #expect(song.keySignatures.map(\.key.description) == ["C minor"])
        #expect(song.tracks[0].events.contains { $0.message == .systemExclusive(length: 3) })
    }

    @Test func unclosedNotesEndWithTheirTrack() throws {
        let bytes = Self.header() + Self.track([0, 0x90, 64, 80, 0x87, 0x40, 0xFF, 0x2F, 0])
        let notes = try MIDIFile(bytes: bytes, name: "x.mid").notes()
        #expect(notes.map(\.endTick) == [960])
        #expect(notes.map(\.end) == [1])
    }

    @Test func format2UsesEachTracksTempo() throws {
        let bytes =
            Self.header(format: 2, tracks: 2)
            + Self.track([0, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20, 0, 0x90, 60, 1, 0x83, 0x60, 60, 0])  // 120 bpm
            + Self.track([0, 0xFF, 0x51, 3, 0x0F, 0x42, 0x40, 0, 0x90, 62, 1, 0x83, 0x60, 62, 0])  // 60 bpm
        let notes = try MIDIFile(bytes: bytes, name: "f2.mid").notes()
        #expect(notes.map(\.end) == [0.5, 1])
    }

    /// Random byte changes to a valid file never crash the reader.
    @Test func mutatedFilesNeverCrash() {
        let valid = MIDIFile.bytes(notes: MIDIRoundTripTests.notes, tempo: 120)
        var rng = SeededRandom(seed: 42)
        var failures = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let song = try MIDIFile(bytes: bytes, name: "m.mid")
                _ = song.notes()
                _ = song.timeSignatures
            } catch {
                failures += 1
                #expect(error.fileName == "m.mid")
            }
        }
        #expect(failures > 0)
    }

    @Test func missingFileNamesThePath() {
        do {
            _ = try MIDIFile(path: "/nonexistent/dir/song.mid")
            Issue.record("read a missing file")
        } catch {
            #expect(error.description == "/nonexistent/dir/song.mid: the MIDI file does not exist")
        }
    }
}
