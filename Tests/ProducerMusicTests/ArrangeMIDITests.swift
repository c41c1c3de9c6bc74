import Foundation
import Testing
import ProducerMusic
import ProducerTestSupport

/// An arrangement's MIDI file: read back by Producer's reader and by mido, pretty_midi and music21.
@Suite("Arrangement MIDI files")
struct ArrangeMIDITests {
    static func song(_ style: ArrangementStyle, humanize: Bool = true) -> Arrangement {
        Arrangement.arrange(
            ArrangeCharts.withMelody.appending(ArrangeCharts.lateTrain),
            options: ArrangementOptions(style: style, humanize: humanize, seed: 42))
    }

    static func write(_ song: Arrangement) throws -> String {
        let path = try Support.tempDirectory() + "/\(song.options.style).mid"
        try Data(song.midiBytes()).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func noteCount(_ song: Arrangement) -> Int { song.parts.reduce(0) { $0 + $1.notes.count } }

    @Test(arguments: ArrangementStyle.allCases)
    func producersReaderReadsItBack(style: ArrangementStyle) throws {
        let song = Self.song(style)
        let file = try MIDIFile(bytes: song.midiBytes(), name: "\(style).mid")
        #expect(file.format == 1)
        #expect(file.ticksPerQuarter == 480)
        #expect(file.tracks.count == 1 + song.parts.count)
        #expect(file.tracks.first?.name == "Melody")
        #expect(file.tracks.dropFirst().map(\.name) == song.parts.map { Optional($0.instrument.trackName) })
        let notes = file.notes()
        #expect(notes.count == Self.noteCount(song))
        for (t, part) in song.parts.enumerated() {
            let track = file.tracks[t + 1]
            #expect(
                track.events.contains {
                    $0.message == .programChange(channel: part.instrument.channel, program: part.instrument.program)
                })
            #expect(notes.filter { $0.track == t + 1 }.allSatisfy { $0.channel == part.instrument.channel })
        }
        #expect(song.part(.drums)?.instrument.channel == 9)
        // Track 0: tempo changes (100, 104, then Late Train's 92), meters (4/4, 3/4, 4/4), key, markers.
        #expect(file.tempoMap.tempoChanges.map { ($0.bpm * 1000).rounded() / 1000 } == [100, 104, 92])
        #expect(file.timeSignatures.map(\.meter) == [.fourFour, .threeFour, .fourFour])
        #expect(file.keySignatures.first?.key == Key(tonic: NoteName(.a), mode: .minor))
        let markers = file.tracks[0].events.compactMap { e -> String? in
            if case .text(6, let s) = e.message { return s }
            return nil
        }
        #expect(markers == song.sections.map { $0.pass > 0 ? "\($0.name) (\($0.pass + 1))" : $0.name })
        #expect(markers.prefix(4) == ["Verse", "Chorus", "Waltz", "Intro"])
    }

    @Test(.enabled(if: Support.hasMido, "python3 with mido is not installed (pip install mido): skipped"))
    func midoReadsTheSameNotesStrictly() throws {
        for style in ArrangementStyle.allCases {
            let song = Self.song(style)
            let path = try Self.write(song)
            // clip=False (the default) makes mido raise on any data byte above 127; reading
            // raises on malformed chunks, running status without a status, and truncation.
            let script = """
                import sys, json, mido
                mid = mido.MidiFile(sys.argv[1], clip=False)
                ons = sum(1 for t in mid.tracks for m in t if m.type == 'note_on' and m.velocity > 0)
                offs = sum(1 for t in mid.tracks for m in t if m.type == 'note_off')
                names = [t.name for t in mid.tracks]
                drums = sorted({m.channel for t in mid.tracks if t.name == 'Drums' for m in t if m.type == 'note_on'})
                print(json.dumps(dict(ons=ons, offs=offs, names=names, drums=drums, type=mid.type, length=mid.length)))
                """
            struct Reply: Decodable {
                var ons: Int, offs: Int, names: [String], drums: [Int], type: Int, length: Double
            }
            let r = try Python.json(script, arguments: [path], as: Reply.self)
            print("\(style): wrote \(Self.noteCount(song)) notes; mido reads \(r.ons), length \(r.length) s")
            #expect(r.ons == Self.noteCount(song) && r.offs == r.ons)
            #expect(r.type == 1 && r.drums == [9])
            #expect(r.names.dropFirst() == song.parts.map(\.instrument.trackName)[...])
            #expect(abs(r.length - song.lengthInSeconds) < 0.5)
        }
    }

    @Test(
        .enabled(
            if: Python.canImport("pretty_midi"),
            "python3 with pretty_midi is not installed (pip install pretty_midi): skipped"))
    func prettyMidiReadsTheSameNotes() throws {
        for style in ArrangementStyle.allCases {
            let song = Self.song(style)
            let path = try Self.write(song)
            let script = """
                import sys, json, warnings
                warnings.simplefilter('ignore')
                import pretty_midi
                pm = pretty_midi.PrettyMIDI(sys.argv[1])
                print(json.dumps(dict(
                    notes=sum(len(i.notes) for i in pm.instruments),
                    drums=[i.name for i in pm.instruments if i.is_drum],
                    programs={i.name: int(i.program) for i in pm.instruments})))
                """
            struct Reply: Decodable {
                var notes: Int, drums: [String], programs: [String: Int]
            }
            let r = try Python.json(script, arguments: [path], as: Reply.self)
            print("\(style): wrote \(Self.noteCount(song)) notes; pretty_midi reads \(r.notes)")
            #expect(r.notes == Self.noteCount(song))
            #expect(r.drums == ["Drums"])
            #expect(r.programs["Bass"] == 33 && r.programs["Keys"] == 4)
        }
    }

    @Test(.enabled(if: Support.hasMusic21, "python3 with music21 is not installed (pip install music21): skipped"))
    func music21ReadsTheSameNotes() throws {
        // music21 is slow to start: all styles in one run. Its MIDI import gathers notes that
        // start within a sixteenth of each other into one chord and splits notes at bar lines, so
        // humanised sixteenths (funk's muted guitar) can come out a note or two apart: it reads
        // the files as written on the grid (mido and pretty_midi read the humanised ones).
        var paths: [String] = []
        var counts: [Int] = []
        for style in ArrangementStyle.allCases {
            let song = Self.song(style, humanize: false)
            paths.append(try Self.write(song))
            counts.append(Self.noteCount(song))
        }
        let script = """
            import sys, json
            from music21 import converter, chord, percussion
            out = []
            for path in sys.argv[1:]:
                s = converter.parse(path)
                out.append(sum(len(e.notes) if isinstance(e, (chord.Chord, percussion.PercussionChord)) else 1
                               for e in s.flatten().notes))
            print(json.dumps(out))
            """
        let read = try Python.json(script, arguments: paths, as: [Int].self)
        print("wrote \(counts) notes; music21 reads \(read)")
        #expect(read == counts)
    }
}

extension Chart {
    /// This chart followed by `other`'s sections (its tempo and meter set at the join).
    func appending(_ other: Chart) -> Chart {
        var out = self
        var sections = other.sections
        if var first = sections.first?.lines.first?.bars.first {
            first.tempoChange = other.tempo
            first.timeChanges = true
            sections[0].lines[0].bars[0] = first
        }
        out.sections += sections
        return out
    }
}
