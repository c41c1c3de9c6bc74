import Foundation
import ProducerAudio
import ProducerEars
import ProducerFiles
import ProducerJobs
import ProducerMusic
import ProducerOffice
import ProducerTestSupport
import Testing

/// ``DemoProject``: the project folder `producer produce` runs on in the demo and the benchmark.
/// Its files are where the layout says, and the flaws it plants are where ``DemoProject/Written``
/// says, as Producer's own ears measure them.
@Suite(.serialized) struct DemoProjectTests {
    static let seconds = 16.0
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// One short song, written once for the suite.
    static let made = Task { () throws -> DemoProject.Written in
        let dir = try temporaryDirectory()
        return try await DemoProject(songs: 1, seconds: seconds).write(to: dir + "/project", now: now)
    }

    /// Each take of the song, listened to against the intended part.
    static let heard = Task { () throws -> [PerformanceReport] in
        let song = try await made.value.songs[0]
        var settings = ListenSettings(referencePath: song.leadReference, key: song.key, part: .vocal)
        settings.tempo = song.tempo
        return try song.leadTakes.map { try ListenJob(takePath: $0, settings: settings).run() }
    }

    @Test func theFolderHasTheDocumentedLayout() async throws {
        let written = try await Self.made.value
        let root = written.folder
        var expected = ["project.sqlite", "takes/song1/song.yaml", "parts/song1/lead-vocal.mid", "refs/song1.wav"]
        expected += DemoProject.stemParts.map { "takes/song1/\($0)/\($0).wav" }
        expected += (1...3).map { "takes/song1/lead-vocal/take-\($0).wav" }
        expected += ["mics/song1/overheads/oh-left.wav", "mics/song1/overheads/oh-right.wav"]
        for file in expected {
            #expect(FileManager.default.fileExists(atPath: root + "/" + file), "\(file) is missing")
        }
        let song = written.songs[0]
        #expect(song.id == "song1" && song.title == "Night Trains" && song.key == "E minor" && song.tempo == 92)
        #expect(song.transposition == -5)
        let yaml = try String(contentsOfFile: song.songFile, encoding: .utf8)
        for line in [
            "title: \"Night Trains\"", "key: E minor", "tempo: 92", "targets: [spotify, cd]",
            "reference: refs/song1.wav", "lead-vocal: { part: vocal, role: lead vocal }",
        ] {
            #expect(yaml.contains(line), "song.yaml lacks \(line)")
        }
        #expect(written.database == root + "/project.sqlite")
        #expect(!written.album.schedule.lines.isEmpty)
    }

    @Test func everyFileHasTheProjectsRateAndLength() async throws {
        let song = try await Self.made.value.songs[0]
        let frames = Int64(Self.seconds * 48_000)
        for file in song.stems + song.leadTakes + song.overheads + [song.reference] {
            let reader = try AudioFileReader(path: file)
            #expect(reader.format.sampleRate == 48_000, "\(file)")
            #expect(reader.frameCount == frames, "\(file): \(reader.frameCount) frames")
            let stereo = file.hasSuffix("pad.wav") || file == song.reference
            #expect(reader.format.channelCount == (stereo ? 2 : 1), "\(file)")
        }
    }

    /// The lead fits the band: its notes are in the song's key, at its tempo, within the stems' length.
    @Test func theLeadIsInTheSongsKeyAndTempo() async throws {
        let song = try await Self.made.value.songs[0]
        let midi = try MIDIFile(path: song.leadReference)
        let scale = Set(try Key(parsing: song.key).scale.map(\.value))
        let notes = midi.notes()
        #expect(notes.count >= 12)
        #expect(notes.allSatisfy { scale.contains(Int($0.pitch) % 12) })
        #expect(abs(midi.tempoMap.seconds(atQuarterNotes: 4) - 4 * 60 / song.tempo) < 1e-6)
        #expect((notes.map(\.end).max() ?? 0) < Self.seconds - 0.3)
        #expect(song.phrases.count == 6)
    }

    @Test func theDetunedNotesAreWhereWrittenSays() async throws {
        let written = try await Self.made.value
        let reports = try await Self.heard.value
        let detuned = written.flaws.filter { $0.kind == .detuned && !$0.retake }
        #expect(detuned.count == 2)
        for flaw in detuned {
            let heard = reports[flaw.takeIndex].notes.first {
                $0.expectedMidi == flaw.note && abs($0.start - flaw.start) < 0.15
            }
            let cents = try #require(heard?.cents, "\(flaw.what): not heard")
            print("detuned: \(flaw.what) (bar \(flaw.bar)): heard \(fixed(cents, 1)) cents")
            #expect(abs(cents - flaw.cents) <= 5, "\(flaw.what): heard \(cents) cents")
        }
    }

    @Test func theRetakePhraseIsFlatInEveryTake() async throws {
        let song = try await Self.made.value.songs[0]
        let reports = try await Self.heard.value
        let phrase = song.phrases[song.retakePhrase]
        for (k, report) in reports.enumerated() {
            let flaw = try #require(song.flaws.first { $0.takeIndex == k && $0.retake })
            let cents = report.notes.filter { $0.start >= phrase.start - 0.05 && $0.start < phrase.end }
                .compactMap(\.cents)
            #expect(cents.count >= 2)
            let mean = cents.reduce(0, +) / Double(max(1, cents.count))
            print("retake: take \(k + 1), bar \(flaw.bar): heard \(fixed(mean, 1)) cents, planted \(flaw.cents)")
            #expect(abs(mean - flaw.cents) <= 5)
        }
        // Every other phrase is in tune in at least one take.
        for (p, span) in song.phrases.enumerated() where p != song.retakePhrase {
            let best =
                reports.map { report in
                    report.notes.filter { $0.start >= span.start - 0.05 && $0.start < span.end }.compactMap(\.cents)
                        .map(abs).max() ?? 100
                }.min() ?? 100
            #expect(best <= 15, "phrase \(p + 1): best take \(best) cents off")
        }
    }

    /// `takes` comps around every planted flaw, and the phrase flawed in every take scores lowest.
    @Test func theCompAvoidsEveryFlawAndTheRetakePhraseScoresLowest() async throws {
        let song = try await Self.made.value.songs[0]
        var settings = ListenSettings(referencePath: song.leadReference, key: song.key, part: .vocal)
        settings.tempo = song.tempo
        let phrases = try TakesJob(takePaths: song.leadTakes, settings: settings).run().ranking.phrases
        #expect(phrases.count == song.phrases.count)
        for flaw in song.flaws where !flaw.retake {
            let chosen = try #require(phrases.first { abs($0.start - song.phrases[flaw.phrase].start) < 0.05 })
            print("comp: bar \(flaw.bar) → take \(chosen.takeIndex + 1), scores \(chosen.scores.map { fixed($0, 1) })")
            #expect(chosen.takeIndex != flaw.takeIndex, "\(flaw.what): the comp took that take")
            if flaw.kind == .clipped {
                // A clipped phrase scores well below the clean ones, however well it is sung.
                #expect(chosen.scores[flaw.takeIndex] < chosen.scores.max()! - 10, "\(flaw.what)")
            }
        }
        let best = phrases.map { $0.scores.max() ?? 0 }
        print("comp: best score per phrase \(best.map { fixed($0, 1) }), the retake phrase is \(song.retakePhrase + 1)")
        let retake = best[song.retakePhrase]
        #expect(best.indices.allSatisfy { $0 == song.retakePhrase || best[$0] > retake + 20 })
    }

    @Test func theLatePhraseIsLateByThePlantedMilliseconds() async throws {
        let written = try await Self.made.value
        let reports = try await Self.heard.value
        let flaw = try #require(written.flaws.first { $0.kind == .late })
        let notes = reports[flaw.takeIndex].notes
        func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }
        let late = median(notes.filter { $0.start >= flaw.start && $0.start < flaw.end + 0.1 }.compactMap(\.timingMs))
        let rest = median(
            notes.filter { $0.start < flaw.start - 0.1 || $0.start > flaw.end + 0.1 }.compactMap(\.timingMs))
        print("late: \(flaw.what): heard \(fixed(late, 1)) ms (the take's other notes \(fixed(rest, 1)) ms)")
        #expect(abs(late - rest - flaw.lateMs) <= 10)
        #expect(abs(late - flaw.lateMs) <= 10)
    }

    @Test func theClippedPhraseIsClippedAndNothingElse() async throws {
        let song = try await Self.made.value.songs[0]
        let flaw = try #require(song.flaws.first { $0.kind == .clipped })
        let clipped = try Analyzer().analyze(path: flaw.take)
        #expect(clipped.clippingRunCount > 0)
        #expect(clipped.clipping.allSatisfy { $0.start >= flaw.start && $0.end <= flaw.end })
        print(
            "clipped: \(flaw.what): \(clipped.clippingRunCount) runs, \(fixed(clipped.clipping.first?.start ?? .nan, 3))–\(fixed(clipped.clipping.last?.end ?? .nan, 3)) s in \(fixed(flaw.start, 3))–\(fixed(flaw.end, 3)) s"
        )
        for take in song.leadTakes where take != flaw.take {
            #expect(try Analyzer().analyze(path: take).clippingRunCount == 0, "\(take)")
        }
    }

    @Test func theRightOverheadIsLateAndInvertedAsWritten() async throws {
        let song = try await Self.made.value.songs[0]
        let out = try temporaryDirectory()
        let report = try AlignJob(reference: song.overheads[0], mics: [song.overheads[1]], outputDirectory: out).run()
        let mic = try #require(report.mics.first)
        print("overheads: delay \(fixed(mic.delaySamples, 3)) samples (planted \(song.overheadDelay)), \(mic.polarity)")
        #expect(abs(mic.delaySamples - song.overheadDelay) <= 0.1)
        #expect(mic.polarity == "inverted")
    }

    @Test func theSameSeedMakesTheSameFiles() async throws {
        let first = try await Self.made.value
        let dir = try temporaryDirectory()
        let second = try await DemoProject(songs: 1, seconds: Self.seconds).write(to: dir + "/project", now: Self.now)
        #expect(second.songs.map(\.flaws.count) == first.songs.map(\.flaws.count))
        let a = first.songs[0], b = second.songs[0]
        let pairs = zip(
            a.stems + a.leadTakes + a.overheads + [a.reference, a.leadReference, a.songFile],
            b.stems + b.leadTakes + b.overheads + [b.reference, b.leadReference, b.songFile])
        for (x, y) in pairs {
            #expect(FileManager.default.contentsEqual(atPath: x, andPath: y), "\(x) differs from \(y)")
        }
    }

    @Test func aSongTooShortForItsFlawsOrAForeignFolderIsRefused() async throws {
        let dir = try temporaryDirectory()
        await #expect {
            try await DemoProject(songs: 1, seconds: 6).write(to: dir + "/short", now: Self.now)
        } throws: { error in
            "\(error)".contains("needs at least 11 s")
        }
        try "mine".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        await #expect {
            try await DemoProject(songs: 1, seconds: Self.seconds).write(to: dir, now: Self.now)
        } throws: { error in
            "\(error)".contains("holds no earlier demo project")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/notes.txt"))
    }
}
