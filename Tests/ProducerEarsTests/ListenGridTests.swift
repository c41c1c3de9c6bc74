import Foundation
import ProducerAudio
import ProducerDSP
import ProducerMusic
import ProducerTestSupport
import Testing

@testable import ProducerEars

/// The grid where the song is: bar:beat positions, the first downbeat, the subdivision a part
/// uses; notes in order; the tuning; a second voice; the notes as a MIDI file.
@Suite("The grid where the song is, and what a producer also asks for")
struct ListenGridTests {
    static let rate = 44_100.0

    /// Sung notes (MIDI, start s, length s) rendered as a take.
    static func sing(_ notes: [(Double, Double, Double)], duration: Double, seed: UInt64 = 5) -> [Float] {
        var synth = VoiceSynth(sampleRate: rate, seed: seed)
        synth.breathNoiseSNR = 35
        return synth.render(notes.map { SungNote(start: $0.1, duration: $0.2, midi: $0.0) }, duration: duration)
            .samples
    }

    static func listen(_ samples: [Float], _ options: ListenOptions) -> PerformanceReport {
        Listener(options: options).listen(to: Take(name: "t", sampleRate: rate, samples: samples))
    }

    @Test("bar:beat is always a beat of the bar, and a note just before a downbeat is at that downbeat")
    func positionsAreValid() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let perBar = Int.random(in: 2...7, using: &random)
            let tempo = Double.random(in: 50...200, using: &random)
            let grid = BeatGrid(
                tempo: tempo, offset: Double.random(in: 0...2, using: &random), duration: 30, beatsPerBar: perBar)
            let moved = BeatGrid(
                beats: grid.beats, firstDownbeatIndex: Int.random(in: 0..<12, using: &random), beatsPerBar: perBar)
            let t = Double.random(in: -1...31, using: &random)
            let p = moved.position(at: t)
            #expect((1...perBar).contains(p.beat) && p.fraction >= 0 && p.fraction < 1, "\(p) in \(perBar)/4")
            let text = p.description.split(separator: ":")
            #expect(text.count == 2 && Double(text[1]).map { $0 >= 1 && $0 < Double(perBar + 1) } == true)
        }
        let grid = BeatGrid(tempo: 120, duration: 10)
        #expect(grid.barBeatText(at: 2 - 0.002) == "2:1")
        #expect(grid.barBeatText(at: 1.5 - 0.002) == "1:4")
        #expect(grid.barBeatText(at: 2 - 0.004) == "1:4.99")
        #expect(grid.barBeatText(at: 1.25) == "1:3.50")
    }

    @Test("Without a reference, a note 100 ms late on a downbeat of an eighth-note part is 100 ms late")
    func subdivisionFromTheNotes() {
        // 100 BPM, eighths (0.3 s), a four-bar phrase; the note on bar 3's downbeat is 100 ms late.
        var notes: [(Double, Double, Double)] = []
        let pattern: [Double] = [0, 1, 1.5, 2, 3, 3.5]  // beats within a bar
        for bar in 0..<4 {
            for (k, beat) in pattern.enumerated() {
                let start = 1.2 + (Double(bar) * 4 + beat) * 0.6 + (bar == 2 && k == 0 ? 0.1 : 0)
                notes.append((Double([57, 60, 62, 64, 62, 60][k]), start, 0.25))
            }
        }
        let take = Self.sing(notes, duration: 11.5)
        var options = ListenOptions(tempo: 100, part: .vocal)
        options.downbeat = .time(1.2)
        let report = Self.listen(take, options)
        #expect(report.subdivision == "eighths" && report.subdivisionSource == "detected")
        #expect(report.downbeatSource == "given" && abs((report.firstDownbeat ?? 0) - 1.2) < 1e-9)
        let late = report.notes.min { abs($0.start - 6.1) < abs($1.start - 6.1) }
        #expect(late.map { abs(($0.timingMs ?? 0) - 100) < 15 } == true, "\(String(describing: late?.timingMs)) ms")
        #expect(late?.bar == "3:1")
        // Told the grid is sixteenths, the same note is early for the next sixteenth.
        options.subdivision = .sixteenths
        let sixteenths = Self.listen(take, options)
        #expect(sixteenths.subdivisionSource == "given")
        let early = sixteenths.notes.min { abs($0.start - 6.1) < abs($1.start - 6.1) }
        #expect(early.map { ($0.timingMs ?? 0) < -35 } == true, "\(String(describing: early?.timingMs)) ms")
    }

    @Test("A triplet part is judged against triplets")
    func triplets() {
        var notes: [(Double, Double, Double)] = []
        for beat in 0..<12 {
            for k in 0..<3 {
                notes.append((Double(60 + (beat + k) % 5), 0.8 + Double(beat) * 0.6 + Double(k) * 0.2, 0.15))
            }
        }
        let report = Self.listen(Self.sing(notes, duration: 9), ListenOptions(tempo: 100, part: .vocal))
        #expect(report.subdivision == "triplets", "\(String(describing: report.subdivision))")
    }

    @Test("With a tempo alone, the grid's phase is found in the take; --downbeat as bar:beat skips a count-in")
    func phaseFromTheTake() {
        // Quarter notes at 100 BPM from 0.37 s on.
        let notes = (0..<16).map { (Double([60, 62, 64, 65][$0 % 4]), 0.37 + Double($0) * 0.6, 0.4) }
        let take = Self.sing(notes, duration: 10.5)
        let found = Self.listen(take, ListenOptions(tempo: 100, part: .vocal))
        #expect(found.downbeatSource == "found")
        let phase = (found.firstDownbeat ?? 0).truncatingRemainder(dividingBy: 0.6)
        #expect(abs(phase - 0.37) < 0.025, "beats at \(phase) + k · 0.6 s")
        let timings = found.notes.compactMap(\.timingMs)
        #expect(timings.count >= 14 && timings.allSatisfy { abs($0) < 25 }, "\(timings)")
        // Two bars of count-in on a grid from the top of the take: bar 1 at 4.8 s.
        let sung = (0..<8).map { (Double([60, 62, 64, 65][$0 % 4]), 4.8 + Double($0) * 0.6, 0.4) }
        var options = ListenOptions(tempo: 100, part: .vocal)
        options.downbeat = .position(bar: 3, beat: 1)
        let counted = Self.listen(Self.sing(sung, duration: 10), options)
        #expect(counted.firstDownbeat.map { abs($0 - 4.8) < 1e-9 } == true)
        let atBar1 = counted.notes.min { abs($0.start - 4.8) < abs($1.start - 4.8) }
        #expect(atBar1?.bar == "1:1", "\(String(describing: atBar1?.bar))")
    }

    @Test("Notes are in order, apart, within the take, on 500 random pitch tracks")
    func notesAreOrderedOnRandomTracks() {
        var random = SeededRandom(seed: 21)
        for trial in 0..<500 {
            let seconds = Double.random(in: 0.2...3, using: &random)
            let n = Int(seconds * Self.rate)
            var samples = [Float](repeating: 0, count: n)
            for i in 0..<n where Int.random(in: 0..<400, using: &random) == 0 || i % 997 < 40 {
                samples[i] = Float.random(in: -0.5...0.5, using: &random)
            }
            // A pitch track with random runs, jumps, gaps and glides.
            var frames: [PitchFrame] = []
            var f0 = Double.random(in: 80...800, using: &random)
            for i in 0..<Int(seconds / 0.01) {
                if Int.random(in: 0..<8, using: &random) == 0 { f0 = Double.random(in: 80...800, using: &random) }
                f0 *= Double.random(in: 0.97...1.03, using: &random)
                let voiced = Int.random(in: 0..<5, using: &random) != 0
                frames.append(PitchFrame(time: Double(i) * 0.01, f0: voiced ? f0 : 0, voicing: voiced ? 0.9 : 0.1))
            }
            let notes = NoteSegmenter().notes(from: frames, samples: samples, sampleRate: Self.rate)
            for (i, note) in notes.enumerated() {
                #expect(note.start >= 0 && note.end > note.start, "trial \(trial): \(note.start)…\(note.end)")
                if i > 0 { #expect(notes[i - 1].end <= note.start, "trial \(trial): notes \(i - 1) and \(i) overlap") }
            }
        }
    }

    @Test("Notes are in order, apart and at valid positions on 120 random sung and spoken takes")
    func randomTakes() {
        var random = SeededRandom(seed: 31)
        for trial in 0..<120 {
            // Notes that touch, overlap or leave gaps, glide, or are spoken (quick falling glides).
            var notes: [SungNote] = []
            var t = Double.random(in: 0...0.2, using: &random)
            while t < 1.4 {
                let length = Double.random(in: 0.04...0.4, using: &random)
                let midi = Double.random(in: 45...75, using: &random)
                let spoken = Int.random(in: 0..<3, using: &random) == 0
                notes.append(
                    SungNote(
                        start: t, duration: length, midi: midi,
                        glideFromMidi: spoken ? midi + Double.random(in: 2...7, using: &random) : nil))
                t += length + Double.random(in: -0.05...0.15, using: &random)
            }
            var synth = VoiceSynth(sampleRate: Self.rate, seed: UInt64(trial))
            synth.consonantBursts = trial % 2 == 0
            synth.breathNoiseSNR = Double.random(in: 10...40, using: &random)
            let take = synth.render(notes, duration: 1.6).samples
            var options = ListenOptions(tempo: Double.random(in: 70...160, using: &random), part: .vocal)
            options.beatsPerBar = [3, 4, 5, 6][trial % 4]
            let report = Self.listen(take, options)
            for (i, note) in report.notes.enumerated() {
                #expect(note.start >= 0 && note.end > note.start, "trial \(trial): \(note.start)…\(note.end)")
                if i > 0 { #expect(report.notes[i - 1].end <= note.start, "trial \(trial): notes overlap") }
                if let bar = note.bar {
                    let beat = bar.split(separator: ":").last.flatMap { Double($0) } ?? 0
                    #expect(
                        beat >= 1 && beat < Double(options.beatsPerBar + 1), "trial \(trial): bar \(bar)")
                }
            }
        }
    }

    @Test("--a4 432: a take tuned to A = 432 Hz is in tune against 432 and 32 cents flat against 440")
    func tuningReference() {
        let flat = 12 * log2(432.0 / 440)
        let notes = (0..<6).map { (Double([57, 60, 64, 62, 60, 57][$0]) + flat, 0.3 + Double($0) * 0.5, 0.4) }
        let take = Self.sing(notes, duration: 3.6)
        var options = ListenOptions(part: .vocal)
        options.key = Key(fifths: 0, minor: true)
        let at440 = Self.listen(take, options).notes.compactMap(\.cents)
        options.a4 = 432
        let at432 = Self.listen(take, options).notes.compactMap(\.cents)
        #expect(at440.count == 6 && at440.allSatisfy { abs($0 + 31.8) < 6 }, "\(at440)")
        #expect(at432.count == 6 && at432.allSatisfy { abs($0) < 6 }, "\(at432)")
    }

    @Test("Two voices at once are reported with their time; one voice with a band bleeding at −20 dB is not")
    func secondVoice() {
        let melody = (0..<8).map { (Double([60, 62, 64, 65, 67, 65, 64, 62][$0]), 0.3 + Double($0) * 0.5, 0.45) }
        let lead = Self.sing(melody, duration: 4.5)
        // A second singer a third below from the fifth note on.
        let harmony = Self.sing(melody.suffix(4).map { ($0.0 - 4, $0.1, $0.2) }, duration: 4.5, seed: 9)
        let duet = zip(lead, harmony).map { $0 + 0.8 * $1 }
        let heard = Self.listen(duet, ListenOptions(part: .vocal))
        let warning = heard.advice.first { $0.message.contains("More than one voice") }
        #expect(warning.map { abs(($0.time ?? 0) - 2.3) < 0.15 } == true, "\(heard.advice.map(\.message))")
        // A band (chords an octave below, −20 dB) bleeding into one voice.
        let band = Self.sing(melody.map { ($0.0 - 12 - 3, $0.1, $0.2) }, duration: 4.5, seed: 13)
        let bleed = zip(lead, band).map { $0 + 0.1 * $1 }
        let alone = Self.listen(bleed, ListenOptions(part: .vocal))
        #expect(!alone.advice.contains { $0.message.contains("More than one voice") }, "\(alone.advice.map(\.message))")
    }

    @Test(
        "--midi writes the notes as sung, read back by mido and music21",
        .enabled(if: Python.canImport("mido", "music21"), "python3 cannot import mido and music21"))
    func notesAsMIDI() throws {
        let dir = try temporaryDirectory()
        let cents: [Double] = [0, 25, -40, 10]
        let notes = (0..<4).map { (Double([60, 64, 67, 72][$0]) + cents[$0] / 100, 0.3 + Double($0) * 0.6, 0.5) }
        let takePath = try writeWAV(
            AudioBuffer(channels: [Self.sing(notes, duration: 3)]), "take.wav", in: dir, sampleRate: Self.rate)
        var settings = ListenSettings(part: .vocal)
        settings.key = "C major"
        let report = try ListenJob(takePath: takePath, settings: settings, midiPath: dir + "/sung.mid").run()
        #expect(report.notes.count == 4)
        let read = try Python.run(
            """
            import sys, json, mido, music21
            m = mido.MidiFile(sys.argv[1])
            out, bend, t = [], 0, 0.0
            for msg in m:
                t += msg.time
                if msg.type == 'pitchwheel': bend = msg.pitch
                if msg.type == 'note_on' and msg.velocity > 0: out.append([msg.note, bend / 8192 * 200, t])
            s = music21.converter.parse(sys.argv[1])
            names = [p.nameWithOctave for n in s.recurse().notes if n.tie is None or n.tie.type == 'start' for p in n.pitches]
            print(json.dumps({"notes": out, "music21": names}))
            """, arguments: [dir + "/sung.mid"])
        struct Read: Decodable { var notes: [[Double]]; var music21: [String] }
        let back = try JSONDecoder().decode(Read.self, from: Data(read.utf8))
        #expect(back.notes.map { Int($0[0]) } == [60, 64, 67, 72])
        for (i, n) in back.notes.enumerated() {
            #expect(abs(n[1] - cents[i]) < 8, "note \(i): bent \(n[1]) cents, sung \(cents[i])")
            #expect(abs(n[2] - report.notes[i].start) < 0.01)
        }
        #expect(back.music21.count == 4 && back.music21.first?.hasPrefix("C") == true, "\(back.music21)")
    }
}
