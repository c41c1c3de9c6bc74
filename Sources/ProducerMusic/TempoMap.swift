/// The tempo and meter of a song over time: converts between seconds, quarter notes,
/// MIDI ticks and bar:beat positions.
///
/// Tempo is in quarter notes per minute (as in MIDI files, whatever the meter). The map
/// holds any number of tempo and meter changes; between tempo changes the tempo is steady.
/// Positions before the first change use the first tempo and meter, extended backwards.
public struct TempoMap: Sendable, Hashable {
    /// A tempo that takes effect at a position.
    public struct TempoChange: Sendable, Hashable, Codable {
        /// Where the tempo starts, in quarter notes from the start of the song.
        public var quarterNotes: Double
        /// Quarter notes per minute.
        public var bpm: Double
        /// A tempo of `bpm` from `quarterNotes` on.
        public init(quarterNotes: Double, bpm: Double) {
            self.quarterNotes = quarterNotes
            self.bpm = bpm
        }
    }

    /// A meter that takes effect at a position; a meter change always starts a new bar.
    public struct MeterChange: Sendable, Hashable, Codable {
        /// Where the meter starts, in quarter notes from the start of the song.
        public var quarterNotes: Double
        /// The meter from there on.
        public var meter: TimeSignature
        /// `meter` from `quarterNotes` on.
        public init(quarterNotes: Double, meter: TimeSignature) {
            self.quarterNotes = quarterNotes
            self.meter = meter
        }
    }

    struct TempoSegment: Sendable, Hashable {
        var quarterNotes: Double
        var seconds: Double
        var secondsPerQuarter: Double
    }

    struct MeterSegment: Sendable, Hashable {
        var quarterNotes: Double
        var bar: Int
        var meter: TimeSignature
    }

    let tempoSegments: [TempoSegment]
    let meterSegments: [MeterSegment]

    /// A steady tempo of `bpm` quarter notes per minute in `meter`.
    ///
    /// - Precondition: `bpm` > 0.
    public init(bpm: Double = 120, meter: TimeSignature = .fourFour) {
        self.init(
            tempoChanges: [TempoChange(quarterNotes: 0, bpm: bpm)],
            meterChanges: [MeterChange(quarterNotes: 0, meter: meter)])
    }

    /// A map with tempo and meter changes (in any order; at equal positions the later one
    /// wins). With no tempo changes the tempo is 120; with no meter changes the meter is 4/4.
    /// Tempo changes with a non-positive or non-finite tempo are ignored.
    public init(tempoChanges: [TempoChange], meterChanges: [MeterChange]) {
        var tempos = tempoChanges.enumerated()
            .filter { $0.element.bpm > 0 && $0.element.bpm.isFinite && $0.element.quarterNotes.isFinite }
            .sorted { ($0.element.quarterNotes, $0.offset) < ($1.element.quarterNotes, $1.offset) }
            .map(\.element)
        if tempos.isEmpty { tempos = [TempoChange(quarterNotes: 0, bpm: 120)] }
        var segments: [TempoSegment] = []
        for t in tempos {
            let spq = 60 / t.bpm
            if let last = segments.last {
                if last.quarterNotes == t.quarterNotes {
                    segments[segments.count - 1].secondsPerQuarter = spq
                    continue
                }
                let s = last.seconds + (t.quarterNotes - last.quarterNotes) * last.secondsPerQuarter
                segments.append(TempoSegment(quarterNotes: t.quarterNotes, seconds: s, secondsPerQuarter: spq))
            } else {
                // The first tempo also covers everything before it, so quarter 0 is second 0.
                segments.append(TempoSegment(quarterNotes: 0, seconds: 0, secondsPerQuarter: spq))
                if t.quarterNotes > 0 {
                    segments.append(
                        TempoSegment(
                            quarterNotes: t.quarterNotes, seconds: t.quarterNotes * spq, secondsPerQuarter: spq))
                }
            }
        }
        tempoSegments = segments

        var meters = meterChanges.enumerated()
            .filter { $0.element.quarterNotes.isFinite }
            .sorted { ($0.element.quarterNotes, $0.offset) < ($1.element.quarterNotes, $1.offset) }
            .map(\.element)
        if meters.isEmpty { meters = [MeterChange(quarterNotes: 0, meter: .fourFour)] }
        var bars: [MeterSegment] = []
        for m in meters {
            if let last = bars.last {
                if last.quarterNotes == m.quarterNotes {
                    bars[bars.count - 1].meter = m.meter
                    continue
                }
                let elapsed = (m.quarterNotes - last.quarterNotes) / last.meter.quarterNotesPerBar
                let bar = last.bar + Int((elapsed - 1e-9).rounded(.up))
                bars.append(MeterSegment(quarterNotes: m.quarterNotes, bar: bar, meter: m.meter))
            } else {
                // Bar 1 starts at quarter 0 in the first meter (a later first change still starts a bar).
                bars.append(MeterSegment(quarterNotes: 0, bar: 1, meter: m.meter))
                if m.quarterNotes > 0 {
                    let bar = 1 + Int((m.quarterNotes / m.meter.quarterNotesPerBar - 1e-9).rounded(.up))
                    bars.append(MeterSegment(quarterNotes: m.quarterNotes, bar: bar, meter: m.meter))
                }
            }
        }
        meterSegments = bars
    }

    /// A map from MIDI tempo and time-signature events at tick positions.
    ///
    /// - Parameters:
    ///   - ticksPerQuarter: the file's division (ticks per quarter note), at least 1.
    ///   - tempoEvents: `(tick, microseconds per quarter note)` pairs; zero tempos are ignored.
    ///   - meterEvents: `(tick, meter)` pairs.
    public init(
        ticksPerQuarter: Int, tempoEvents: [(tick: Int, microsecondsPerQuarter: Int)],
        meterEvents: [(tick: Int, meter: TimeSignature)]
    ) {
        let tpq = Double(max(1, ticksPerQuarter))
        self.init(
            tempoChanges: tempoEvents.filter { $0.microsecondsPerQuarter > 0 }.map {
                TempoChange(quarterNotes: Double($0.tick) / tpq, bpm: 60_000_000 / Double($0.microsecondsPerQuarter))
            },
            meterChanges: meterEvents.map { MeterChange(quarterNotes: Double($0.tick) / tpq, meter: $0.meter) })
    }

    /// The tempo changes, in order, the first at quarter note 0.
    public var tempoChanges: [TempoChange] {
        tempoSegments.map { TempoChange(quarterNotes: $0.quarterNotes, bpm: 60 / $0.secondsPerQuarter) }
    }

    /// The meter changes, in order, the first at quarter note 0.
    public var meterChanges: [MeterChange] {
        meterSegments.map { MeterChange(quarterNotes: $0.quarterNotes, meter: $0.meter) }
    }

    /// Whether the tempo never changes.
    public var isSteady: Bool { tempoSegments.count == 1 }

    // MARK: seconds ⇄ quarter notes

    private func tempoSegment(atQuarterNotes q: Double) -> TempoSegment {
        var lo = 0, hi = tempoSegments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if tempoSegments[mid].quarterNotes <= q { lo = mid } else { hi = mid - 1 }
        }
        return tempoSegments[lo]
    }

    private func tempoSegment(atSeconds s: Double) -> TempoSegment {
        var lo = 0, hi = tempoSegments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if tempoSegments[mid].seconds <= s { lo = mid } else { hi = mid - 1 }
        }
        return tempoSegments[lo]
    }

    /// The time in seconds at `quarterNotes` quarter notes from the start.
    public func seconds(atQuarterNotes quarterNotes: Double) -> Double {
        let seg = tempoSegment(atQuarterNotes: quarterNotes)
        return seg.seconds + (quarterNotes - seg.quarterNotes) * seg.secondsPerQuarter
    }

    /// The position in quarter notes at `seconds` from the start.
    public func quarterNotes(atSeconds seconds: Double) -> Double {
        let seg = tempoSegment(atSeconds: seconds)
        return seg.quarterNotes + (seconds - seg.seconds) / seg.secondsPerQuarter
    }

    /// The tempo in quarter notes per minute at `seconds`.
    public func bpm(atSeconds seconds: Double) -> Double { 60 / tempoSegment(atSeconds: seconds).secondsPerQuarter }

    /// The tempo in quarter notes per minute at `quarterNotes`.
    public func bpm(atQuarterNotes quarterNotes: Double) -> Double {
        60 / tempoSegment(atQuarterNotes: quarterNotes).secondsPerQuarter
    }

    // MARK: ticks

    /// The time in seconds of MIDI tick `tick` at `ticksPerQuarter` ticks per quarter note.
    public func seconds(atTick tick: Int, ticksPerQuarter: Int) -> Double {
        seconds(atQuarterNotes: Double(tick) / Double(max(1, ticksPerQuarter)))
    }

    /// The (fractional) MIDI tick at `seconds`, at `ticksPerQuarter` ticks per quarter note.
    public func ticks(atSeconds seconds: Double, ticksPerQuarter: Int) -> Double {
        quarterNotes(atSeconds: seconds) * Double(max(1, ticksPerQuarter))
    }

    // MARK: bars and beats

    private func meterSegment(atQuarterNotes q: Double) -> MeterSegment {
        var lo = 0, hi = meterSegments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if meterSegments[mid].quarterNotes <= q { lo = mid } else { hi = mid - 1 }
        }
        return meterSegments[lo]
    }

    /// The meter in force at `quarterNotes`.
    public func meter(atQuarterNotes quarterNotes: Double) -> TimeSignature {
        meterSegment(atQuarterNotes: quarterNotes).meter
    }

    /// The bar:beat position at `quarterNotes` from the start (1:1 at 0).
    public func barBeat(atQuarterNotes quarterNotes: Double) -> BarBeat {
        let seg = meterSegment(atQuarterNotes: quarterNotes)
        var beats = (quarterNotes - seg.quarterNotes) / seg.meter.quarterNotesPerBeat
        let nearest = beats.rounded()
        if abs(beats - nearest) < 1e-9 { beats = nearest }
        let whole = beats.rounded(.down)
        let perBar = seg.meter.beatsPerBar
        let wholeBeats = Int(whole)
        let barOffset = wholeBeats >= 0 ? wholeBeats / perBar : -((-wholeBeats + perBar - 1) / perBar)
        let beatInBar = wholeBeats - barOffset * perBar
        return BarBeat(bar: seg.bar + barOffset, beat: beatInBar + 1, fraction: beats - whole)
    }

    /// The bar:beat position at `seconds` from the start.
    public func barBeat(atSeconds seconds: Double) -> BarBeat {
        barBeat(atQuarterNotes: quarterNotes(atSeconds: seconds))
    }

    /// The position in quarter notes of `position` (beats past the bar's last spill over).
    public func quarterNotes(at position: BarBeat) -> Double {
        // The last meter segment starting at or before the bar.
        var seg = meterSegments[0]
        for s in meterSegments where s.bar <= position.bar { seg = s }
        let beats = Double((position.bar - seg.bar) * seg.meter.beatsPerBar + position.beat - 1) + position.fraction
        return seg.quarterNotes + beats * seg.meter.quarterNotesPerBeat
    }

    /// The time in seconds of `position`.
    public func seconds(at position: BarBeat) -> Double { seconds(atQuarterNotes: quarterNotes(at: position)) }
}
