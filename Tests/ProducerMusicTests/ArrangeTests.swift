import Testing
import ProducerMusic

@Suite("Arrangements")
struct ArrangeTests {
    static let styles = ArrangementStyle.allCases

    func arrange(
        _ style: ArrangementStyle, _ chart: Chart = ArrangeCharts.lateTrain, density: Density = .normal,
        feel: Feel? = nil, humanize: Bool = false, seed: UInt64 = 1
    ) -> Arrangement {
        Arrangement.arrange(
            chart,
            options: ArrangementOptions(style: style, feel: feel, density: density, humanize: humanize, seed: seed))
    }

    @Test(arguments: styles)
    func everyNoteInItsInstrumentsRange(style: ArrangementStyle) {
        var count = 0
        for density in Density.allCases {
            for feel in [nil] + Feel.allCases {
                for chart in [ArrangeCharts.lateTrain, ArrangeCharts.withMelody] {
                    let song = arrange(style, chart, density: density, feel: feel, humanize: true)
                    for part in song.parts {
                        #expect(
                            !part.notes.isEmpty || part.instrument == .strings,
                            "\(style) \(part.instrument) plays nothing")
                        for n in part.notes {
                            count += 1
                            #expect(part.instrument.range.contains(n.pitch), "\(style) \(part.instrument): \(n)")
                            #expect(n.length > 0 && n.start >= 0 && (1...127).contains(n.velocity), "\(style): \(n)")
                        }
                    }
                }
            }
        }
        print("\(style): \(count) notes checked, all in range")
    }

    /// On beats 1 and 3 of 4/4 bars (and beat 1 elsewhere) the bass plays a tone of the chord.
    @Test(arguments: styles)
    func bassPlaysChordTonesOnStrongBeats(style: ArrangementStyle) {
        var onStrong = 0
        var chordTones = 0
        for chart in [ArrangeCharts.lateTrain, ArrangeCharts.withMelody] {
            let song = arrange(style, chart)
            let bars = song.chart.played()
            for n in song.part(.bass)!.notes {
                guard let bar = bars.last(where: { $0.start <= n.start + 1e-9 }) else { continue }
                let offset = n.start - bar.start
                let strong = abs(offset) < 1e-6 || (bar.bar.time == .fourFour && abs(offset - 2) < 1e-6)
                guard strong, let chord = bar.bar.chord(at: offset) else { continue }
                onStrong += 1
                if chord.pitchClasses.contains(PitchClass(midi: n.pitch))
                    || chord.bassPitchClass == PitchClass(midi: n.pitch)
                {
                    chordTones += 1
                }
            }
        }
        let share = Double(chordTones) / Double(max(1, onStrong))
        print("\(style): bass chord tones on strong beats \(chordTones)/\(onStrong) = \(share * 100) %")
        #expect(onStrong > 40)
        #expect(share >= 0.95)
    }

    /// Average movement of a pad voice from one chord to the next (voices matched low to high).
    @Test func padVoicesMoveLittle() {
        var total = 0.0
        var changes = 0
        for style in Self.styles {
            let song = arrange(style, density: .full)
            var chords: [[Int]] = []
            var lastStart = -1.0
            for n in song.part(.pad)!.notes {
                if n.start != lastStart { chords.append([]) }
                lastStart = n.start
                chords[chords.count - 1].append(n.pitch)
            }
            var styleTotal = 0.0
            var styleChanges = 0
            for (a, b) in zip(chords, chords.dropFirst()) where Set(a.map { $0 % 12 }) != Set(b.map { $0 % 12 }) {
                #expect(a.count == b.count)
                let moved = zip(a.sorted(), b.sorted()).reduce(0) { $0 + abs($1.0 - $1.1) }
                styleTotal += Double(moved) / Double(a.count)
                styleChanges += 1
            }
            print(
                "\(style): pad voices move \(styleTotal / Double(max(1, styleChanges))) semitones a chord change (\(styleChanges) changes)"
            )
            #expect(styleChanges > 10)
            #expect(styleTotal / Double(max(1, styleChanges)) <= 3)
            total += styleTotal
            changes += styleChanges
        }
        print("all styles: pad voices move \(total / Double(changes)) semitones a chord change on average")
        #expect(total / Double(changes) <= 3)
    }

    @Test func sameSeedSameBytesOtherSeedDiffers() {
        for style in Self.styles {
            let a = arrange(style, humanize: true, seed: 7).midiBytes()
            let b = arrange(style, humanize: true, seed: 7).midiBytes()
            let c = arrange(style, humanize: true, seed: 8).midiBytes()
            #expect(a == b, "\(style): the same seed gave different files")
            #expect(a != c, "\(style): another seed gave the same file")
        }
    }

    /// Notes per bar over all parts: the verse is sparser than the chorus.
    @Test(arguments: styles)
    func verseIsSparserThanChorus(style: ArrangementStyle) {
        let song = arrange(style)
        func perBar(_ name: String) -> Double {
            let secs = song.sections.filter { $0.name == name }
            var notes = 0
            var bars = 0
            for s in secs {
                let end = s.start + Double(s.bars) * 4
                notes += song.parts.reduce(0) { $0 + ArrangeCharts.notes($1, from: s.start, to: end).count }
                bars += s.bars
            }
            return Double(notes) / Double(bars)
        }
        let verse = perBar("Verse")
        let chorus = perBar("Chorus")
        print("\(style): \(verse) notes a bar in verses, \(chorus) in choruses")
        #expect(verse < chorus)
        let energies = Dictionary(song.sections.map { ($0.name, $0.energy) }, uniquingKeysWith: max)
        #expect(energies["Verse"]! < energies["Chorus"]!)
        #expect(energies["Intro"]! < energies["Verse"]!)
    }

    /// The last bar before each new section has a fill: at least two snare, tom or side-stick
    /// hits in its last beat, where the groove alone has at most one; mid-section bars have none.
    @Test(arguments: styles)
    func fillBeforeEveryNewSection(style: ArrangementStyle) {
        let song = arrange(style)
        let fillKeys: Set<Int> = [37, 38, 40, 41, 43, 45, 47, 48, 50]
        let bars = song.chart.played()
        var fills = 0
        for (i, bar) in bars.enumerated() where i + 1 < bars.count {
            let end = bar.start + bar.length
            let hits = ArrangeCharts.notes(song.part(.drums), from: end - 1, to: end).filter {
                fillKeys.contains($0.pitch)
            }
            if bars[i + 1].barInSection == 0 {
                #expect(hits.count >= 2, "\(style): no fill in bar \(bar.number) before \(bars[i + 1].sectionName)")
                fills += 1
                // The new section starts with a crash.
                let downbeat = ArrangeCharts.notes(song.part(.drums), from: end, to: end + 0.01)
                if song.sections.first(where: { $0.firstBar == bar.number + 1 })!.energy >= 2 {
                    #expect(downbeat.contains { $0.pitch == 49 }, "\(style): no crash at bar \(bar.number + 1)")
                }
            } else if style != .funk && style != .country && style != .bossa {
                #expect(hits.count <= 2, "\(style): a fill inside a section at bar \(bar.number)")
            }
        }
        #expect(fills == song.sections.count - 1)
    }

    /// Each style's chorus groove (drum keys at positions in a bar) is its own.
    @Test func stylesHaveTheirOwnGrooves() {
        var grooves: [ArrangementStyle: Set<String>] = [:]
        var bassLines: [ArrangementStyle: [String]] = [:]
        for style in Self.styles {
            let song = arrange(style)
            let chorus = song.sections.first { $0.name == "Chorus" }!
            let start = chorus.start + 4  // the chorus's second bar: no crash, no fill
            grooves[style] = Set(
                ArrangeCharts.notes(song.part(.drums), from: start, to: start + 4).map {
                    "\($0.pitch)@\(($0.start - start) * 48)"
                })
            bassLines[style] = ArrangeCharts.notes(song.part(.bass), from: start, to: start + 4).map {
                "\(($0.start - start) * 48)"
            }
        }
        for (i, a) in Self.styles.enumerated() {
            for b in Self.styles[(i + 1)...] {
                #expect(grooves[a] != grooves[b], "\(a) and \(b) play the same groove")
            }
        }
        print(
            "distinct chorus grooves: \(Set(grooves.values).count) of \(Self.styles.count); bass rhythms: \(Set(bassLines.values).count)"
        )
    }

    @Test func keyAndTempoOptions() {
        let options = ArrangementOptions(style: .pop, tempo: 120, key: Key(tonic: NoteName(.c), mode: .minor))
        let song = Arrangement.arrange(ArrangeCharts.withMelody, options: options)
        #expect(song.chart.key == Key(tonic: NoteName(.c), mode: .minor))
        #expect(song.chart.sections[0].bars[2].chords[0].symbol.description == "Ab")
        #expect(song.tempoMap.tempoChanges.map { ($0.bpm * 1000).rounded() / 1000 } == [120, 124.8])
        let original = Arrangement.arrange(ArrangeCharts.withMelody, options: ArrangementOptions(style: .pop))
        let up = zip(original.part(.lead)!.notes, song.part(.lead)!.notes).map { $1.pitch - $0.pitch }
        #expect(Set(up) == [3])
        #expect(song.part(.bass)!.notes.first.map { $0.pitch % 12 } == 0)  // C, the new tonic
    }

    @Test func melodyBecomesTheLeadPart() {
        let song = arrange(.ballad, ArrangeCharts.withMelody)
        let lead = song.part(.lead)!.notes
        #expect(lead.map(\.pitch).prefix(6) == [69, 72, 71, 69, 64, 65])
        #expect(lead.count == 9)
        #expect(song.parts.last?.instrument == .lead)
        #expect(arrange(.ballad).part(.lead) == nil)
    }

    @Test func halftimeMovesTheBackbeatToThree() {
        let song = arrange(.rock, feel: .halftime)
        let chorus = song.sections.first { $0.name == "Chorus" }!
        let start = chorus.start + 4
        let snares = ArrangeCharts.notes(song.part(.drums), from: start, to: start + 4).filter { $0.pitch == 38 }
        #expect(snares.map { $0.start - start } == [2])
    }

    @Test func swingDelaysTheOffbeats() {
        let song = arrange(.pop, feel: .swing)
        let offbeats = song.part(.drums)!.notes.filter { $0.pitch == 42 }.map { $0.start - $0.start.rounded(.down) }
        #expect(offbeats.contains { abs($0 - 2.0 / 3) < 1e-9 })
        #expect(!offbeats.contains { abs($0 - 0.5) < 1e-9 })
    }

    @Test func sixEightIsFeltInDottedQuarters() {
        let chart = Chart(
            title: "Waltz", tempo: 120, time: .sixEight,
            sections: [
                ArrangeCharts.section("Verse", [["C"], ["Am"], ["F"], ["G"]], time: .sixEight),
                ArrangeCharts.section("Chorus", [["F"], ["G"], ["C"], ["C"]], time: .sixEight),
            ])
        let song = arrange(.ballad, chart)
        let bar = ArrangeCharts.notes(song.part(.drums), from: 3, to: 6)  // the verse's second bar
        #expect(bar.filter { $0.pitch == 37 }.map { $0.start - 3 } == [1.5])
        #expect(bar.filter { $0.pitch == 42 }.map { $0.start - 3 } == [0, 0.5, 1, 1.5, 2, 2.5])
        let chorus = ArrangeCharts.notes(song.part(.drums), from: 15, to: 18)
        #expect(chorus.filter { $0.pitch == 38 }.map { $0.start - 15 } == [1.5])
    }

    @Test func edmBuildsIntoTheDrop() throws {
        let chart = Chart(
            title: "Drop", tempo: 126,
            sections: [
                ArrangeCharts.section("Intro", [["Am"], ["F"], ["C"], ["G"]]),
                ArrangeCharts.section("Build", [["Am"], ["F"], ["C"], ["G"]]),
                ArrangeCharts.section("Drop", [["Am"], ["F"], ["C"], ["G"]]),
                ArrangeCharts.section("Breakdown", [["Am"], ["F"], ["C"], ["G"]]),
            ])
        let song = arrange(.edm, chart)
        let roll = ArrangeCharts.notes(song.part(.drums), from: 28, to: 32).filter { $0.pitch == 38 }
        #expect(roll.count >= 10)
        #expect(try #require(roll.last).velocity > roll[0].velocity + 20)
        #expect(
            ArrangeCharts.notes(song.part(.drums), from: 28, to: 32).allSatisfy { $0.pitch != 36 || $0.start == 28 })
        let kicks = { (from: Double) in
            ArrangeCharts.notes(song.part(.drums), from: from, to: from + 16).filter { $0.pitch == 36 }.count
        }
        #expect(kicks(32) >= 14)  // four on the floor in the drop (but its last two beats: a fill)
        #expect(kicks(48) == 0)  // none in the breakdown
        #expect(song.sections.map(\.energy) == [1, 3, 5, 1])
    }
}

@Suite("Arrangements of charts as written")
struct ArrangeChartTextTests {
    /// The chart from issue 15, as a musician writes it.
    static let text = """
        title: Late Train
        key: A minor
        tempo: 92
        time: 4/4

        [Intro]
        | Am | F | C | G |
        [Verse]
        | Am | Am | F | F |
        | C | G | Am | E7 |
        [Chorus] x2
        | F | G | C G/B | Am |
        """

    @Test func lateTrainFromTheIssue() throws {
        let chart = try Chart(parsing: Self.text, file: "late-train.txt")
        let song = Arrangement.arrange(chart, options: ArrangementOptions(style: .pop))
        #expect(song.sections.map(\.name) == ["Intro", "Verse", "Chorus", "Chorus"])
        #expect(song.sections.map(\.energy) == [1, 2, 4, 5])
        #expect(song.sections.reduce(0) { $0 + $1.bars } == 20)
        #expect(abs(song.lengthInSeconds - 80 * 60 / 92) < 1e-9)
        #expect(song.parts.map(\.instrument) == ArrangementOptions.defaultInstruments)
        // The bass plays G then B under `C G/B` … on beats 1 and 3.
        let bar = 14.0 * 4  // the chorus's third bar, first pass
        let bass = song.part(.bass)!.notes.filter { $0.start == bar || $0.start == bar + 2 }.map { $0.pitch % 12 }
        #expect(bass == [0, 11])
        // Moved to C minor: up three semitones, chords spelled for the key.
        let moved = Arrangement.arrange(
            chart, options: ArrangementOptions(style: .pop, key: Key(tonic: NoteName(.c), mode: .minor)))
        #expect(moved.chart.sections[2].bars[2].chords.map(\.symbol.description) == ["Eb", "Bb/D"])
        // Every downbeat's bass note moves up a minor third (approach notes may come from the other side).
        let downbeats = { (a: Arrangement) in
            a.part(.bass)!.notes.filter { $0.start.truncatingRemainder(dividingBy: 4) == 0 }
        }
        #expect(downbeats(song).count == 20)
        #expect(zip(downbeats(song), downbeats(moved)).allSatisfy { (($1.pitch - $0.pitch) % 12 + 12) % 12 == 3 })
    }
}
