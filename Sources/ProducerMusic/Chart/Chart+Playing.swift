extension Chart {
    /// A bar as it is played: sections and `|: :|` passages repeated, positioned in the song.
    public struct PlayedBar: Sendable, Hashable {
        /// The bar as written.
        public var bar: Bar
        /// Index of its section in ``Chart/sections``.
        public var section: Int
        /// The section's name.
        public var sectionName: String
        /// Which time through the section this is, from 0.
        public var pass: Int
        /// Index of the bar within this pass of the section, from 0 (counting repeats inside it).
        public var barInSection: Int
        /// How many bars this pass of the section plays.
        public var barsInSection: Int
        /// The bar's number in the song, from 1.
        public var number: Int
        /// Quarter notes from the start of the song.
        public var start: Double
        /// Quarter notes per minute during the bar.
        public var tempo: Double

        /// The bar's length in quarter notes.
        public var length: Double { bar.length }
        /// True for the last bar of this pass through its section (where a fill goes).
        public var isLastInSection: Bool { barInSection == barsInSection - 1 }
    }

    /// Every bar in playing order, with sections and `|: :|` passages repeated.
    ///
    /// A `:|` without a matching `|:` repeats from the start of the section. Passages and
    /// sections are played at most 16 times each, whatever the chart says.
    public func played() -> [PlayedBar] {
        var result: [PlayedBar] = []
        var start = 0.0
        var tempo = self.tempo
        for (s, section) in sections.enumerated() {
            let written = section.bars
            var order: [Bar] = []
            var passageStart = 0
            for bar in written {
                if bar.startsRepeat { passageStart = order.count }
                order.append(bar)
                if let times = bar.endsRepeat, times > 1 {
                    let passage = Array(order[passageStart...])
                    for _ in 1..<min(times, 16) { order += passage }
                    passageStart = order.count
                }
            }
            for pass in 0..<max(1, min(section.repeats, 16)) {
                for (i, bar) in order.enumerated() {
                    if let change = bar.tempoChange { tempo = change }
                    result.append(
                        PlayedBar(
                            bar: bar, section: s, sectionName: section.name, pass: pass, barInSection: i,
                            barsInSection: order.count, number: result.count + 1, start: start, tempo: tempo))
                    start += bar.length
                }
            }
        }
        return result
    }

    /// The tempo and meter changes of the played chart, for timing notes in seconds.
    public func tempoMap() -> TempoMap {
        let bars = played()
        var tempos = [TempoMap.TempoChange(quarterNotes: 0, bpm: tempo)]
        var meters = [TempoMap.MeterChange(quarterNotes: 0, meter: bars.first?.bar.time ?? time)]
        for b in bars {
            if b.tempo != tempos.last!.bpm { tempos.append(.init(quarterNotes: b.start, bpm: b.tempo)) }
            if b.bar.time != meters.last!.meter { meters.append(.init(quarterNotes: b.start, meter: b.bar.time)) }
        }
        return TempoMap(tempoChanges: tempos, meterChanges: meters)
    }

    /// The length of the played chart in quarter notes.
    public var lengthInQuarterNotes: Double { played().reduce(0) { $0 + $1.length } }
}
