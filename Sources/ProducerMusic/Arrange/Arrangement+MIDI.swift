extension Arrangement {
    /// The arrangement as a type-1 Standard MIDI File.
    ///
    /// Track 0 (named after the chart's title) holds every tempo and time-signature change, the
    /// key signature and a marker (meta 0x06) at each section; then one track per part, named
    /// ``Instrument/trackName``, with its General MIDI program on ``Instrument/channel`` (drums
    /// on channel 10). Times are rounded to the nearest tick; every note lasts at least a tick.
    ///
    /// - Precondition: `ticksPerQuarter` is 1…32767.
    public func midiBytes(ticksPerQuarter: Int = 480) -> [UInt8] {
        precondition((1...0x7FFF).contains(ticksPerQuarter), "ticks per quarter must be 1…32767")
        let writer = MIDIFileWriter(tempo: 120, ticksPerQuarter: ticksPerQuarter, meter: .fourFour, key: nil)
        func tick(_ q: Double) -> Int { max(0, Int((q * Double(ticksPerQuarter)).rounded())) }
        func text(_ type: UInt8, _ s: String) -> [UInt8] {
            let bytes = Array(s.utf8.prefix(255))
            return [0xFF, type] + writer.vlq(bytes.count) + bytes
        }
        var out: [UInt8] = Array("MThd".utf8) + writer.be32(6)
        out += writer.be16(1) + writer.be16(1 + parts.count) + writer.be16(ticksPerQuarter)

        let end = max(
            tick(lengthInQuarterNotes), parts.flatMap(\.notes).map { tick($0.end) }.max() ?? 0)
        var conductor: [(tick: Int, order: Int, data: [UInt8])] = []
        conductor.append((0, 0, text(0x03, chart.title ?? "Arrangement")))
        for t in tempoMap.tempoChanges {
            let us = max(1, min(0xFF_FFFF, Int((60_000_000 / t.bpm).rounded())))
            conductor.append(
                (tick(t.quarterNotes), 1, [0xFF, 0x51, 3, UInt8(us >> 16), UInt8(us >> 8 & 0xFF), UInt8(us & 0xFF)]))
        }
        for m in tempoMap.meterChanges {
            let meter = m.meter
            let click = max(1, min(255, 24 * 4 / meter.beatUnit))
            conductor.append(
                (
                    tick(m.quarterNotes), 2,
                    [
                        0xFF, 0x58, 4, UInt8(min(255, meter.beatsPerBar)), UInt8(meter.beatUnit.trailingZeroBitCount),
                        UInt8(click), 8,
                    ]
                ))
        }
        if let key = chart.key {
            let sf = max(-7, min(7, key.fifths))
            conductor.append((0, 3, [0xFF, 0x59, 2, UInt8(bitPattern: Int8(sf)), key.mode == .minor ? 1 : 0]))
        }
        for s in sections {
            conductor.append((tick(s.start), 4, text(0x06, s.pass > 0 ? "\(s.name) (\(s.pass + 1))" : s.name)))
        }
        out += writer.chunk(events: conductor, endTick: end)

        for part in parts {
            let ch = UInt8(max(0, min(15, part.instrument.channel)))
            var events: [(tick: Int, order: Int, data: [UInt8])] = [
                (0, -2, text(0x03, part.instrument.trackName)),
                (0, -1, [0xC0 | ch, UInt8(part.instrument.program & 0x7F)]),
            ]
            for note in part.notes {
                let pitch = UInt8(max(0, min(127, note.pitch)))
                let on = tick(note.start)
                let off = max(on + 1, tick(note.end))
                // At one tick, note-offs come before note-ons so repeated notes stay apart.
                events.append((on, 2, [0x90 | ch, pitch, UInt8(max(1, min(127, note.velocity)))]))
                events.append((off, 0, [0x80 | ch, pitch, 64]))
            }
            out += writer.chunk(events: events, endTick: end)
        }
        return out
    }
}
