import ProducerFiles
/// A Standard MIDI File (format 0, 1 or 2), read whole into memory.
///
/// The reader accepts running status, meta events (tempo, time signature, key signature,
/// track name, text, end of track), skips system-exclusive data, reads a note-on with
/// velocity 0 as a note-off, and pairs overlapping notes of the same pitch first-in,
/// first-out. Files that count time in SMPTE frames are rejected. Malformed files throw a
/// ``MIDIFileError`` naming the file, the byte and the problem; they never crash the reader.
///
/// ```swift
/// let song = try MIDIFile(path: "piano.mid")
/// for note in song.notes() { print(note.start, note.pitch) }
/// ```
public struct MIDIFile: Sendable {
    /// The name used in error messages: the path, or the name given with the bytes.
    public let name: String
    /// 0 (one track), 1 (simultaneous tracks) or 2 (independent sequences).
    public let format: Int
    /// Ticks per quarter note (the header's division).
    public let ticksPerQuarter: Int
    /// The tracks in file order.
    public let tracks: [MIDITrack]
    /// Tempo and meter over time. In formats 0 and 1 tempo and time-signature events of every
    /// track count; in format 2 this is the first track's map (each track has its own, used by
    /// ``notes()``).
    public let tempoMap: TempoMap

    /// Reads a MIDI file from `bytes`; `name` is used in error messages.
    ///
    /// - Throws: ``MIDIFileError`` when the bytes are not a readable Standard MIDI File.
    public init(bytes: [UInt8], name: String) throws(MIDIFileError) {
        let parsed = try MIDIFileParser(bytes: bytes, name: name).parse()
        self.name = name
        format = parsed.format
        ticksPerQuarter = parsed.ticksPerQuarter
        tracks = parsed.tracks
        tempoMap = MIDIFile.tempoMap(
            of: format == 2 ? Array(parsed.tracks.prefix(1)) : parsed.tracks,
            ticksPerQuarter: parsed.ticksPerQuarter)
    }

    /// The largest MIDI file read: far above any real one, far below memory trouble.
    public static let readLimit = 64 << 20

    /// Reads the MIDI file at `path` (a regular file; a pipe, a folder or a device is refused).
    ///
    /// - Throws: ``MIDIFileError`` when the file cannot be read or is not a readable MIDI file.
    public init(path: String) throws(MIDIFileError) {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.bytes(path, kind: "MIDI file", limit: MIDIFile.readLimit)
        } catch {
            throw MIDIFileError(fileName: path, byteOffset: nil, reason: error.message)
        }
        try self.init(bytes: bytes, name: path)
    }

    static func tempoMap(of tracks: [MIDITrack], ticksPerQuarter: Int) -> TempoMap {
        var tempos: [(tick: Int, microsecondsPerQuarter: Int)] = []
        var meters: [(tick: Int, meter: TimeSignature)] = []
        for track in tracks {
            for event in track.events {
                switch event.message {
                case .tempo(let us): tempos.append((event.tick, us))
                case .timeSignature(let n, let d, _, _):
                    if let m = TimeSignature(validating: n, d) { meters.append((event.tick, m)) }
                default: break
                }
            }
        }
        // Stable by tick, so at one tick the later track (and later event) wins.
        let sortedTempos = tempos.enumerated().sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }
            .map(\.element)
        let sortedMeters = meters.enumerated().sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }
            .map(\.element)
        return TempoMap(ticksPerQuarter: ticksPerQuarter, tempoEvents: sortedTempos, meterEvents: sortedMeters)
    }

    /// The tempo map that times `track`'s events: the file's, or in format 2 the track's own.
    public func tempoMap(forTrack track: Int) -> TempoMap {
        guard format == 2, tracks.indices.contains(track), track > 0 else { return tempoMap }
        return MIDIFile.tempoMap(of: [tracks[track]], ticksPerQuarter: ticksPerQuarter)
    }

    /// The time signatures of all tracks (formats 0 and 1; format 2: the first track), by tick.
    public var timeSignatures: [MIDITimeSignature] {
        signatureEvents().compactMap { tick, message in
            guard case .timeSignature(let n, let d, _, _) = message, let m = TimeSignature(validating: n, d) else {
                return nil
            }
            return MIDITimeSignature(
                tick: tick, seconds: tempoMap.seconds(atTick: tick, ticksPerQuarter: ticksPerQuarter), meter: m)
        }
    }

    /// The key signatures of all tracks (formats 0 and 1; format 2: the first track), by tick.
    public var keySignatures: [MIDIKeySignature] {
        signatureEvents().compactMap { tick, message in
            guard case .keySignature(let f, let minor) = message, let key = Key(fifths: f, minor: minor) else {
                return nil
            }
            return MIDIKeySignature(
                tick: tick, seconds: tempoMap.seconds(atTick: tick, ticksPerQuarter: ticksPerQuarter), key: key)
        }
    }

    private func signatureEvents() -> [(Int, MIDIMessage)] {
        let source = format == 2 ? Array(tracks.prefix(1)) : tracks
        var out: [(offset: Int, tick: Int, message: MIDIMessage)] = []
        for track in source {
            for e in track.events {
                switch e.message {
                case .timeSignature, .keySignature: out.append((out.count, e.tick, e.message))
                default: break
                }
            }
        }
        return out.sorted { ($0.tick, $0.offset) < ($1.tick, $1.offset) }.map { ($0.tick, $0.message) }
    }

    /// Every note of every track, sorted by start (then pitch, then track).
    ///
    /// A note-on is paired with the next note-off of the same pitch on the same channel in the
    /// same track; when the same pitch is struck again before it is released, the offs close
    /// the notes first-in, first-out. A note still sounding at the end of its track ends there.
    public func notes() -> [MIDINote] {
        var notes: [MIDINote] = []
        for (index, track) in tracks.enumerated() {
            let map = tempoMap(forTrack: index)
            let tpq = ticksPerQuarter
            // Notes sounding, by key (channel * 128 + pitch): a queue read from `heads[key]` on,
            // so that closing one is O(1) however many of one pitch are struck before release.
            var open: [Int: [(tick: Int, velocity: Int)]] = [:]
            var heads: [Int: Int] = [:]
            var order: [Int] = []  // keys in first-use order, for deterministic closing at the end
            func close(_ key: Int, at tick: Int) {
                let head = heads[key, default: 0]
                guard let queue = open[key], head < queue.count else { return }
                let on = queue[head]
                heads[key] = head + 1
                notes.append(
                    MIDINote(
                        start: map.seconds(atTick: on.tick, ticksPerQuarter: tpq),
                        end: map.seconds(atTick: tick, ticksPerQuarter: tpq),
                        startTick: on.tick, endTick: tick, pitch: key % 128, velocity: on.velocity,
                        channel: key / 128, track: index))
            }
            for event in track.events {
                switch event.message {
                case .noteOn(let ch, let pitch, let velocity):
                    let key = ch * 128 + pitch
                    if open[key] == nil { order.append(key) }
                    open[key, default: []].append((event.tick, velocity))
                case .noteOff(let ch, let pitch, _):
                    close(ch * 128 + pitch, at: event.tick)
                default: break
                }
            }
            let end = max(track.endTick, track.events.last?.tick ?? 0)
            for key in order {
                while heads[key, default: 0] < open[key]?.count ?? 0 { close(key, at: end) }
            }
        }
        return notes.sorted { ($0.start, $0.pitch, $0.track) < ($1.start, $1.pitch, $1.track) }
    }

    /// The length of the file in seconds: the end of its longest track.
    public var duration: Double {
        tracks.indices.map {
            tempoMap(forTrack: $0).seconds(atTick: tracks[$0].endTick, ticksPerQuarter: ticksPerQuarter)
        }.max() ?? 0
    }
}
