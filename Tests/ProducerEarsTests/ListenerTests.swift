import ProducerEars
import ProducerMusic
import Testing

@Suite("Listening to a sung take")
struct ListenerTests {
    static let detuning: [Int: Double] = [1: 15, 4: -25, 7: 35, 10: -45, 13: 60]
    static let lateness: [Int: Double] = [2: 0.010, 5: 0.030, 9: -0.050, 12: 0.080]

    @Test("Detuned notes are reported within ±5 cents of their detuning, against the reference")
    func detuningAgainstReference() throws {
        let take = Take(name: "take", sampleRate: 44_100, samples: SungMaterial.sing(cents: Self.detuning))
        let report = Listener(options: ListenOptions(reference: SungMaterial.reference, part: .vocal)).listen(to: take)
        #expect(report.notes.count == SungMaterial.melody.count)
        for (i, cents) in Self.detuning {
            let note = try #require(
                report.notes.min {
                    abs($0.start - SungMaterial.reference[i].start) < abs($1.start - SungMaterial.reference[i].start)
                })
            let measured = try #require(note.cents)
            #expect(abs(measured - cents) <= 5, "note \(i): \(measured) cents, planted \(cents)")
        }
        // In-tune notes read within 5 cents.
        for i in SungMaterial.melody.indices where Self.detuning[i] == nil {
            #expect(abs(report.notes[i].cents ?? 99) <= 5, "note \(i): \(report.notes[i].cents ?? .nan)")
        }
    }

    @Test("Without a reference, notes are judged against the nearest note of the key")
    func detuningAgainstKey() throws {
        let take = Take(name: "take", sampleRate: 44_100, samples: SungMaterial.sing(cents: Self.detuning))
        let report = Listener(options: ListenOptions(key: try Key(parsing: "A minor"), part: .vocal)).listen(to: take)
        func note(_ i: Int) throws -> PerformanceReport.JudgedNote {
            try #require(report.notes.first { abs($0.start - SungMaterial.reference[i].start) < 0.1 })
        }
        // A4 + 35 cents: B♭ is not in A minor, so it is a sharp A.
        #expect(try note(7).expected == "A4")
        #expect(abs((try note(7).cents ?? 0) - 35) <= 5)
        // F4 − 45 cents: still nearer F than E.
        #expect(try note(10).expected == "F4")
        #expect(abs((try note(10).cents ?? 0) + 45) <= 5)
        // E4 + 60 cents is nearer F, which is in the key: it reads as a flat F.
        #expect(try note(13).expected == "F4")
        #expect(abs((try note(13).cents ?? 0) + 40) <= 5)
        #expect(report.key == "A minor")
    }

    @Test("Late and early notes are reported within ±5 ms of their offset")
    func timing() throws {
        let take = Take(name: "take", sampleRate: 44_100, samples: SungMaterial.sing(late: Self.lateness))
        let report = Listener(options: ListenOptions(reference: SungMaterial.reference, part: .vocal)).listen(to: take)
        for (i, late) in Self.lateness {
            let expected = SungMaterial.reference[i].start + late
            let note = try #require(report.notes.min { abs($0.start - expected) < abs($1.start - expected) })
            let ms = try #require(note.timingMs)
            #expect(abs(ms - late * 1000) <= 5, "note \(i): \(ms) ms, planted \(late * 1000)")
        }
    }

    @Test("Advice puts the worst problem first, with its time and bar")
    func advice() throws {
        let take = Take(name: "take", sampleRate: 44_100, samples: SungMaterial.sing(cents: [7: 45], late: [12: 0.080]))
        var options = ListenOptions(reference: SungMaterial.reference, part: .vocal)
        options.referenceGrid = BeatGrid(tempo: SungMaterial.tempo, duration: 14)
        let report = Listener(options: options).listen(to: take)
        let first = try #require(report.advice.first)
        #expect(first.severity == .high)
        #expect(report.advice.prefix(2).contains { $0.message.contains("45 cents sharp") })
        #expect(report.advice.prefix(2).contains { $0.message.contains("late") })
        // Note 7 starts 9 beats in: bar 3, beat 2.
        #expect(report.advice.contains { $0.bar == "3:2" && $0.message.contains("sharp") })
        // One late note does not make its section drag.
        #expect(!report.advice.contains { $0.message.contains("drag") })
    }

    @Test("Silence and noise give a clear message and no notes")
    func silenceAndNoise() {
        let silent = Listener().listen(
            to: Take(name: "s", sampleRate: 44_100, samples: [Float](repeating: 0, count: 44_100)))
        #expect(silent.notes.isEmpty && silent.notesForListener.contains { $0.contains("silent") })
        var seed: UInt32 = 1
        let noise = (0..<88_200).map { _ -> Float in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            return Float(Int32(bitPattern: seed)) / Float(Int32.max) * 0.3
        }
        let heard = Listener(options: ListenOptions(part: .vocal)).listen(
            to: Take(name: "n", sampleRate: 44_100, samples: noise))
        #expect(heard.notes.isEmpty)
        #expect(heard.notesForListener.contains { $0.contains("No steady pitch") })
    }

    @Test("A take much longer than its reference says so")
    func longTake() {
        var samples = SungMaterial.sing()
        samples += [Float](repeating: 0, count: 44_100 * 20)
        let report = Listener(options: ListenOptions(reference: Array(SungMaterial.reference.prefix(4)), part: .vocal))
            .listen(to: Take(name: "t", sampleRate: 44_100, samples: samples))
        #expect(report.notesForListener.contains { $0.contains("reference part ends") })
    }
}
