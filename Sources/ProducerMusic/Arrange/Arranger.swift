/// Works out an ``Arrangement``: prepares the chart (key, tempo), gives every played bar its
/// context (chords, section, energy, fills), lets each instrument play its bars, then applies
/// the feel (swing), humanising and MIDI hygiene (no overlapping notes of one pitch).
struct Arranger {
    /// One chord sounding in a bar, in quarter notes from the song's start.
    struct Slot: Sendable, Hashable {
        var chord: ChordSymbol
        var start: Double
        var length: Double
        var end: Double { start + length }
    }

    /// A played bar with everything an instrument needs to play it.
    struct Bar: Sendable {
        var index: Int
        var start: Double
        var length: Double
        var time: TimeSignature
        var tempo: Double
        var slots: [Slot]
        /// Index into the played sections (each pass of a section counts).
        var section: Int
        var kind: SectionKind
        var barInSection: Int
        var barsInSection: Int
        var energy: Int
        /// The energy of the next bar's section (nil at the song's end).
        var nextEnergy: Int?
        var nextKind: SectionKind?
        /// The first chord of the next bar (nil at the song's end).
        var nextChord: ChordSymbol?

        var end: Double { start + length }
        var startsSection: Bool { barInSection == 0 }
        /// The last bar before a new section (where a fill goes); false for the song's last bar.
        var endsSection: Bool { barInSection == barsInSection - 1 && nextEnergy != nil }
        /// The chord sounding at `q` (quarter notes from the song's start).
        func slot(at q: Double) -> Slot? { slots.last { $0.start <= q + 1e-9 } }
    }

    let chart: Chart
    let options: ArrangementOptions
    let style: ArrangementStyle
    let bars: [Bar]
    let sections: [Arrangement.Section]

    init(chart original: Chart, options: ArrangementOptions) {
        var chart = original
        if let key = options.key { chart = Arranger.transposed(chart, to: key) }
        if let tempo = options.tempo, tempo > 0, tempo.isFinite { chart = Arranger.retimed(chart, to: tempo) }
        self.chart = chart
        self.options = options
        self.style = options.style
        (bars, sections) = Arranger.contexts(of: chart, options: options)
    }

    /// Feel-dependent rate of every rhythm pattern: 0.5 halftime, 2 doubletime, else 1.
    var rate: Double {
        switch options.feel {
        case .halftime: 0.5
        case .doubletime: 2
        default: 1
        }
    }

    func arrangement() -> Arrangement {
        var instruments: [Instrument] = []
        for i in options.instruments where !instruments.contains(i) { instruments.append(i) }
        let hasMelody = chart.sections.contains { $0.bars.contains { !$0.melody.isEmpty } }
        if hasMelody, !instruments.contains(.lead) { instruments.append(.lead) }
        if !hasMelody { instruments.removeAll { $0 == .lead } }
        var humanizer = SplitMixRandom(seed: options.seed ^ 0x4855_4D41_4E49_5A45)
        var parts: [Arrangement.Part] = []
        for instrument in instruments {
            var notes = play(instrument)
            notes = swung(notes)
            if options.humanize { notes = humanized(notes, instrument: instrument, random: &humanizer) }
            parts.append(Arrangement.Part(instrument: instrument, notes: cleaned(notes, for: instrument)))
        }
        return Arrangement(
            chart: chart, options: options, tempoMap: chart.tempoMap(), parts: parts, sections: sections,
            lengthInQuarterNotes: bars.last?.end ?? 0)
    }

    func play(_ instrument: Instrument) -> [ArrangedNote] {
        switch instrument {
        case .drums: drums()
        case .bass: bass()
        case .keys: keys()
        case .guitar: guitar()
        case .pad: pad()
        case .strings: strings()
        case .lead: lead()
        }
    }

    // MARK: the bars

    static func contexts(of chart: Chart, options: ArrangementOptions) -> ([Bar], [Arrangement.Section]) {
        let played = chart.played()
        // Sections as played: a new one at every first bar of a section's pass.
        var starts: [Int] = []
        for (i, b) in played.enumerated() where b.barInSection == 0 { starts.append(i) }
        let kinds = starts.map { SectionKind(name: played[$0].sectionName) }
        let lastChorus = kinds.lastIndex(of: .chorus)
        let hasDrop = kinds.contains(.drop)
        let shift = options.density == .sparse ? -1 : options.density == .full ? 1 : 0
        var energies: [Int] = []
        for (n, kind) in kinds.enumerated() {
            var e = kind.baseEnergy
            if kind == .chorus, n == lastChorus, kinds.count > 2 { e += 1 }
            if kind == .chorus, options.style == .edm, !hasDrop { e = 5 }
            if kind == .other, n == 0 { e = 1 }
            if kind == .outro, n != kinds.count - 1 { e = 2 }
            energies.append(max(0, min(5, e + shift)))
        }
        var sections: [Arrangement.Section] = []
        for (n, s) in starts.enumerated() {
            let b = played[s]
            sections.append(
                Arrangement.Section(
                    name: b.sectionName, pass: b.pass, firstBar: b.number, bars: b.barsInSection, start: b.start,
                    energy: energies[n]))
        }
        var bars: [Bar] = []
        var section = -1
        for (i, b) in played.enumerated() {
            if b.barInSection == 0 { section += 1 }
            let s = max(0, section)
            var slots: [Slot] = []
            for c in b.bar.chords.sorted(by: { $0.start < $1.start }) where c.start < b.length - 1e-9 {
                slots.append(Slot(chord: c.symbol, start: b.start + c.start, length: min(c.length, b.length - c.start)))
            }
            // A bar without chords holds the last chord heard.
            if slots.isEmpty, let last = bars.last?.slots.last {
                slots = [Slot(chord: last.chord, start: b.start, length: b.length)]
            } else if let first = slots.first, first.start > b.start + 1e-9, let last = bars.last?.slots.last {
                slots.insert(Slot(chord: last.chord, start: b.start, length: first.start - b.start), at: 0)
            }
            for k in slots.indices.dropLast() { slots[k].length = slots[k + 1].start - slots[k].start }
            if let k = slots.indices.last { slots[k].length = b.start + b.length - slots[k].start }
            let next = i + 1 < played.count ? played[i + 1] : nil
            let nextSection = next.map { $0.barInSection == 0 ? s + 1 : s }
            bars.append(
                Bar(
                    index: i, start: b.start, length: b.length, time: b.bar.time, tempo: b.tempo, slots: slots,
                    section: s, kind: kinds[s], barInSection: b.barInSection, barsInSection: b.barsInSection,
                    energy: energies[s], nextEnergy: nextSection.map { energies[min($0, energies.count - 1)] },
                    nextKind: nextSection.map { kinds[min($0, kinds.count - 1)] },
                    nextChord: next?.bar.chords.min(by: { $0.start < $1.start })?.symbol))
        }
        // A bar with no chord at all (an empty first bar) borrows the next bar's.
        for i in bars.indices.reversed() where bars[i].slots.isEmpty {
            let chord = i + 1 < bars.count ? bars[i + 1].slots.first?.chord : nil
            bars[i].slots = [Slot(chord: chord ?? .noChord, start: bars[i].start, length: bars[i].length)]
        }
        for i in bars.indices where bars[i].nextChord == nil && i + 1 < bars.count {
            bars[i].nextChord = bars[i + 1].slots.first?.chord
        }
        return (bars, sections)
    }

    // MARK: shared helpers

    /// A velocity for `energy` 0…5, plus `accent`.
    static func velocity(_ energy: Int, _ accent: Int = 0) -> Int { max(1, min(127, 62 + 9 * energy + accent)) }

    /// Places a 16-step pattern (one 4/4 bar of sixteenths) over a span, at the feel's rate:
    /// halftime plays the pattern's first half over the span, doubletime plays it twice.
    /// Events are `(step, length in steps)`; lengths are cut at the span's end.
    func place<T>(
        _ events: [(step: Int, steps: Int, value: T)], from start: Double, length: Double, cycleSteps: Int = 16
    )
        -> [(start: Double, length: Double, value: T)]
    {
        let stepLength = 0.25 / rate
        let cycle = Double(max(1, cycleSteps)) * stepLength
        var out: [(start: Double, length: Double, value: T)] = []
        var offset = 0.0
        while offset < length - 1e-9 {
            for e in events {
                let p = offset + Double(e.step) * stepLength
                guard p < length - 1e-9 else { continue }
                out.append((start + p, min(Double(e.steps) * stepLength, length - p), e.value))
            }
            offset += cycle
        }
        return out.sorted { $0.start < $1.start }
    }

    /// The same as ``place(_:from:length:cycleSteps:)`` for a drum-machine string: `x` a hit, `X`
    /// an accent, `o` a ghost note, `.` a rest; one character per sixteenth, repeated after its
    /// last character (16 for a 4/4 bar, 12 for 6/8).
    func place(pattern: String, from start: Double, length: Double) -> [(start: Double, accent: Int)] {
        var events: [(step: Int, steps: Int, value: Int)] = []
        for (i, c) in pattern.enumerated() {
            switch c {
            case "x": events.append((i, 1, 0))
            case "X": events.append((i, 1, 16))
            case "o": events.append((i, 1, -50))
            default: break
            }
        }
        return place(events, from: start, length: length, cycleSteps: pattern.count).map { ($0.start, $0.value) }
    }
}
