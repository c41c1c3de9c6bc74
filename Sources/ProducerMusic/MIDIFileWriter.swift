import ProducerFiles
/// Builds the bytes of a format 1 Standard MIDI File from notes timed in seconds.
struct MIDIFileWriter {
    var tempo: Double
    var ticksPerQuarter: Int
    var meter: TimeSignature
    var key: Key?

    func tick(_ seconds: Double) -> Int {
        max(0, Int((seconds * tempo / 60 * Double(ticksPerQuarter)).rounded()))
    }

    func bytes(notes: [MIDINote], bends: [MIDIPitchBend] = []) -> [UInt8] {
        var out: [UInt8] = Array("MThd".utf8) + be32(6)
        let trackIndices = Array(Set(notes.map(\.track) + bends.map(\.track))).sorted()
        out += be16(1) + be16(1 + trackIndices.count) + be16(ticksPerQuarter)

        // Conductor track: tempo, meter, key.
        var conductor: [(tick: Int, order: Int, data: [UInt8])] = []
        let us = max(1, min(0xFF_FFFF, Int((60_000_000 / tempo).rounded())))
        conductor.append((0, 0, [0xFF, 0x51, 3, UInt8(us >> 16), UInt8(us >> 8 & 0xFF), UInt8(us & 0xFF)]))
        let power = meter.beatUnit.trailingZeroBitCount
        let click = max(1, min(255, 24 * 4 / meter.beatUnit))
        conductor.append((0, 1, [0xFF, 0x58, 4, UInt8(min(255, meter.beatsPerBar)), UInt8(power), UInt8(click), 8]))
        if let key {
            let sf = max(-7, min(7, key.fifths))
            conductor.append((0, 2, [0xFF, 0x59, 2, UInt8(bitPattern: Int8(sf)), key.mode == .minor ? 1 : 0]))
        }
        let lastTick = notes.map { tick($0.end) }.max() ?? 0
        out += chunk(events: conductor, endTick: lastTick)

        for index in trackIndices {
            var events: [(tick: Int, order: Int, data: [UInt8])] = []
            // Pitch bends: the bend range set to ±2 semitones first (RPN 0), then each bend
            // between the note-offs and the note-ons of its tick.
            let trackBends = bends.filter { $0.track == index }
            for ch in Set(trackBends.map { UInt8(max(0, min(15, $0.channel))) }).sorted() {
                let cc = 0xB0 | ch
                for (k, message) in [[cc, 101, 0], [cc, 100, 0], [cc, 6, 2], [cc, 38, 0]].enumerated() {
                    events.append((0, k - 4, message))
                }
            }
            for bend in trackBends {
                let ch = UInt8(max(0, min(15, bend.channel)))
                let value = max(0, min(16_383, 8192 + Int((bend.cents / 200 * 8192).rounded())))
                events.append((tick(bend.time), 1, [0xE0 | ch, UInt8(value & 0x7F), UInt8(value >> 7)]))
            }
            for note in notes where note.track == index {
                let ch = UInt8(max(0, min(15, note.channel)))
                let pitch = UInt8(max(0, min(127, note.pitch)))
                let velocity = UInt8(max(1, min(127, note.velocity)))
                let on = tick(note.start)
                let off = max(on, tick(note.end))
                // At one tick, note-offs come before note-ons so repeated notes stay apart.
                events.append((on, 2, [0x90 | ch, pitch, velocity]))
                events.append((off, 0, [0x80 | ch, pitch, 64]))
            }
            out += chunk(events: events, endTick: events.map(\.tick).max() ?? 0)
        }
        return out
    }

    func chunk(events: [(tick: Int, order: Int, data: [UInt8])], endTick: Int) -> [UInt8] {
        let sorted = events.enumerated().sorted {
            ($0.element.tick, $0.element.order, $0.offset) < ($1.element.tick, $1.element.order, $1.offset)
        }.map(\.element)
        var body: [UInt8] = []
        var now = 0
        for e in sorted {
            body += vlq(e.tick - now) + e.data
            now = e.tick
        }
        body += vlq(max(0, endTick - now)) + [0xFF, 0x2F, 0]
        return Array("MTrk".utf8) + be32(body.count) + body
    }

    func vlq(_ value: Int) -> [UInt8] {
        var v = max(0, min(value, 0x0FFF_FFFF))
        var out: [UInt8] = [UInt8(v & 0x7F)]
        v >>= 7
        while v > 0 {
            out.insert(UInt8(v & 0x7F) | 0x80, at: 0)
            v >>= 7
        }
        return out
    }

    func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    func be32(_ v: Int) -> [UInt8] {
        [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}

extension MIDIFile {
    /// The bytes of a format 1 Standard MIDI File holding `notes` at a steady tempo.
    ///
    /// Track 0 carries the tempo, the meter and (when given) the key signature; each distinct
    /// ``MIDINote/track`` value becomes one further track, in ascending order. Note times are
    /// taken from ``MIDINote/start`` and ``MIDINote/end`` in seconds and rounded to the nearest
    /// tick; pitch, velocity (at least 1) and channel are clamped to their MIDI ranges.
    ///
    /// - Parameters:
    ///   - tempo: quarter notes per minute (> 0).
    ///   - ticksPerQuarter: the file's resolution, 1…32767.
    ///   - meter: written as the time signature.
    ///   - key: written as the key signature (church modes as their major signature).
    ///   - bends: pitch bends, written with the bend range set to ±2 semitones (RPN 0) at the
    ///     start of each channel that bends, and before the notes that start at the same tick.
    public static func bytes(
        notes: [MIDINote], tempo: Double, ticksPerQuarter: Int = 480,
        meter: TimeSignature = .fourFour, key: Key? = nil, bends: [MIDIPitchBend] = []
    ) -> [UInt8] {
        precondition(tempo > 0 && tempo.isFinite, "tempo must be positive")
        precondition((1...0x7FFF).contains(ticksPerQuarter), "ticks per quarter must be 1…32767")
        return MIDIFileWriter(tempo: tempo, ticksPerQuarter: ticksPerQuarter, meter: meter, key: key).bytes(
            notes: notes, bends: bends)
    }

    /// Writes `notes` as a format 1 Standard MIDI File at `path` (see
    /// ``bytes(notes:tempo:ticksPerQuarter:meter:key:)``), through a temporary file renamed into
    /// place, so the file is never seen half-written.
    ///
    /// - Throws: ``MIDIFileError`` when the file cannot be written.
    public static func write(
        notes: [MIDINote], tempo: Double, ticksPerQuarter: Int = 480,
        meter: TimeSignature = .fourFour, key: Key? = nil, bends: [MIDIPitchBend] = [], to path: String
    ) throws(MIDIFileError) {
        let data = bytes(
            notes: notes, tempo: tempo, ticksPerQuarter: ticksPerQuarter, meter: meter, key: key, bends: bends)
        do {
            try PartialFile.write(data, to: path)
        } catch {
            throw MIDIFileError(fileName: path, byteOffset: nil, reason: error.message)
        }
    }
}
