/// Reads the chunks and events of a Standard MIDI File, checking every length against the
/// bytes that are left, so malformed input gives a ``MIDIFileError`` and never a crash or
/// a large allocation.
struct MIDIFileParser {
    let bytes: [UInt8]
    let name: String

    struct Result {
        var format: Int
        var ticksPerQuarter: Int
        var tracks: [MIDITrack]
    }

    func fail(_ offset: Int?, _ reason: String) -> MIDIFileError {
        MIDIFileError(fileName: name, byteOffset: offset, reason: reason)
    }

    func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func u32(_ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }
    func tag(_ at: Int) -> String {
        String(decoding: bytes[at..<at + 4].map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    func parse() throws(MIDIFileError) -> Result {
        guard bytes.count >= 4, bytes[0..<4].elementsEqual("MThd".utf8) else {
            if bytes.count >= 4, bytes[0..<4].elementsEqual("RIFF".utf8) {
                throw fail(0, "this is a RIFF (RMID) file, not a Standard MIDI File; extract its MThd data first")
            }
            throw fail(
                0,
                bytes.isEmpty
                    ? "the file is empty" : "this is not a Standard MIDI File: it does not start with \"MThd\"")
        }
        guard bytes.count >= 14 else { throw fail(bytes.count, "the file ends inside its 14-byte header") }
        let headerLength = u32(4)
        guard headerLength >= 6 else {
            throw fail(4, "the header is \(headerLength) bytes long; it must be at least 6")
        }
        guard headerLength <= bytes.count - 8 else {
            throw fail(4, "the header's length (\(headerLength)) runs past the end of the file")
        }
        let format = u16(8)
        guard format <= 2 else { throw fail(8, "format \(format) is not a Standard MIDI File format (0, 1 or 2)") }
        let trackCount = u16(10)
        let division = u16(12)
        if division & 0x8000 != 0 {
            let fps = 256 - (division >> 8)
            throw fail(
                12,
                "the file counts time in SMPTE frames (\(fps) frames per second, \(division & 0xFF) ticks per frame), which is not supported; only ticks per quarter note are"
            )
        }
        guard division > 0 else { throw fail(12, "the file has 0 ticks per quarter note") }

        var pos = 8 + headerLength
        var tracks: [MIDITrack] = []
        while tracks.count < trackCount {
            let number = tracks.count + 1
            guard bytes.count - pos >= 8 else {
                throw fail(
                    pos,
                    "the header promises \(trackCount) track\(trackCount == 1 ? "" : "s") but the file ends after \(tracks.count)"
                        + (pos < bytes.count ? ", inside the next chunk's header" : ""))
            }
            let length = u32(pos + 4)
            let isTrack = bytes[pos..<pos + 4].elementsEqual("MTrk".utf8)
            guard length <= bytes.count - pos - 8 else {
                throw fail(
                    pos + 4,
                    isTrack
                        ? "track \(number)'s length runs past the end of the file (\(length) bytes declared, \(bytes.count - pos - 8) left)"
                        : "a chunk \"\(tag(pos))\" runs past the end of the file")
            }
            if isTrack {
                tracks.append(try parseTrack(number: number, from: pos + 8, to: pos + 8 + length))
            }
            pos += 8 + length
        }
        return Result(format: format, ticksPerQuarter: division, tracks: tracks)
    }

    /// Reads a variable-length quantity of at most 4 bytes ending before `end`.
    func vlq(_ pos: inout Int, end: Int, track: Int, what: String) throws(MIDIFileError) -> Int {
        let start = pos
        var value = 0
        for i in 0..<4 {
            guard pos < end else { throw fail(start, "track \(track) ends in the middle of a \(what)") }
            let b = bytes[pos]
            pos += 1
            value = value << 7 | Int(b & 0x7F)
            if b & 0x80 == 0 { return value }
            if i == 3 { break }
        }
        throw fail(
            start, "track \(track) has a \(what) longer than 4 bytes (a variable-length number can be at most 4)")
    }

    func parseTrack(number: Int, from start: Int, to end: Int) throws(MIDIFileError) -> MIDITrack {
        var pos = start
        var tick = 0
        var running: UInt8?
        var events: [MIDIEvent] = []
        var name: String?
        var endTick: Int?
        reading: while pos < end {
            let eventStart = pos
            tick += try vlq(&pos, end: end, track: number, what: "delta time")
            guard pos < end else { throw fail(pos, "track \(number) ends after a delta time, before its event") }
            var status = bytes[pos]
            if status < 0x80 {
                guard let r = running else {
                    throw fail(
                        pos,
                        "track \(number) uses running status (data byte 0x\(hex(status))) with no previous status byte")
                }
                status = r
            } else {
                pos += 1
            }
            let message: MIDIMessage
            switch status {
            case 0x80...0xEF:
                running = status
                let kind = status & 0xF0
                let count = (kind == 0xC0 || kind == 0xD0) ? 1 : 2
                guard end - pos >= count else {
                    throw fail(eventStart, "track \(number) ends in the middle of a channel message")
                }
                for i in 0..<count where bytes[pos + i] >= 0x80 {
                    throw fail(
                        pos + i,
                        "track \(number) has a channel message with data byte 0x\(hex(bytes[pos + i])), above 127")
                }
                let ch = Int(status & 0x0F)
                let d1 = Int(bytes[pos])
                let d2 = count == 2 ? Int(bytes[pos + 1]) : 0
                pos += count
                switch kind {
                case 0x80: message = .noteOff(channel: ch, pitch: d1, velocity: d2)
                case 0x90:
                    message =
                        d2 == 0
                        ? .noteOff(channel: ch, pitch: d1, velocity: 0) : .noteOn(channel: ch, pitch: d1, velocity: d2)
                case 0xA0: message = .polyphonicPressure(channel: ch, pitch: d1, pressure: d2)
                case 0xB0: message = .controlChange(channel: ch, controller: d1, value: d2)
                case 0xC0: message = .programChange(channel: ch, program: d1)
                case 0xD0: message = .channelPressure(channel: ch, pressure: d1)
                default: message = .pitchBend(channel: ch, value: (d2 << 7 | d1) - 8192)
                }
            case 0xF0, 0xF7:
                running = nil
                let length = try vlq(&pos, end: end, track: number, what: "system-exclusive length")
                guard length <= end - pos else {
                    throw fail(
                        eventStart,
                        "track \(number) has a system-exclusive message whose length (\(length)) runs past the end of the track"
                    )
                }
                pos += length
                message = .systemExclusive(length: length)
            case 0xFF:
                guard pos < end else { throw fail(eventStart, "track \(number) ends in the middle of a meta event") }
                let type = Int(bytes[pos])
                pos += 1
                let length = try vlq(&pos, end: end, track: number, what: "meta event length")
                guard length <= end - pos else {
                    throw fail(
                        eventStart,
                        "track \(number) has a meta event whose length (\(length)) runs past the end of the track")
                }
                let data = bytes[pos..<pos + length]
                pos += length
                message = meta(type: type, data)
            default:
                throw fail(
                    pos - 1, "track \(number) has status byte 0x\(hex(status)), which cannot appear in a MIDI file")
            }
            events.append(MIDIEvent(tick: tick, message: message, byteOffset: eventStart))
            if case .trackName(let n) = message, name == nil { name = n }
            if case .endOfTrack = message {
                endTick = tick
                break reading  // Anything after the end of track is ignored.
            }
        }
        return MIDITrack(name: name, events: events, endTick: endTick ?? tick)
    }

    func meta(type: Int, _ data: ArraySlice<UInt8>) -> MIDIMessage {
        let d = Array(data)
        switch type {
        case 0x2F: return .endOfTrack
        case 0x51 where d.count >= 3:
            return .tempo(microsecondsPerQuarter: Int(d[0]) << 16 | Int(d[1]) << 8 | Int(d[2]))
        case 0x58 where d.count >= 4 && d[1] <= 8:
            return .timeSignature(
                numerator: Int(d[0]), denominator: 1 << Int(d[1]),
                clocksPerClick: Int(d[2]), thirtySecondsPerQuarter: Int(d[3]))
        case 0x59 where d.count >= 2 && d[1] <= 1:
            return .keySignature(fifths: Int(Int8(bitPattern: d[0])), minor: d[1] == 1)
        case 0x03: return .trackName(Self.text(d))
        case 0x01...0x0F: return .text(type: type, Self.text(d))
        default: return .meta(type: type, data: d)
        }
    }

    /// Text as UTF-8 when it is valid UTF-8, otherwise as Latin-1 (what older files use).
    static func text(_ d: [UInt8]) -> String {
        let utf8 = String(decoding: d, as: UTF8.self)
        if !utf8.unicodeScalars.contains("\u{FFFD}") || d.count >= 3 && containsReplacementCharacter(d) { return utf8 }
        var s = ""
        s.unicodeScalars.append(contentsOf: d.map { Unicode.Scalar($0) })
        return s
    }

    private static func containsReplacementCharacter(_ d: [UInt8]) -> Bool {
        guard d.count >= 3 else { return false }
        for i in 0...(d.count - 3) where d[i] == 0xEF && d[i + 1] == 0xBF && d[i + 2] == 0xBD { return true }
        return false
    }

    func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }
}
