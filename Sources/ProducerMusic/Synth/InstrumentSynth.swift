/// The preview synth: plays a list of notes on one built-in ``Instrument``, block by block, in stereo.
///
/// Voices: bass — saw and square through a resonant low-pass with a filter envelope; keys — an
/// FM electric piano (a 1:1 modulator with a decaying index for the body, a 14:1 one for the
/// tine's attack); guitar — a bright FM pluck that darkens as it dies away, with a pick click;
/// pad — three detuned saws, slow attack, gentle low-pass; strings — likewise with a bowed
/// attack and a vibrato that grows in after the onset; lead — square and saw with a delayed
/// vibrato; drums — a synthesised General MIDI kit (kick 35/36, rim 37, snare 38/40, clap 39,
/// closed hat 42/44, open hat 46 — choked by a closed one, toms 41–50, crash 49/52/55/57, ride
/// 51/53/59; other keys play the nearest of these).
///
/// Velocity sets the level (1 is about −42 dB below 127) and the brightness (filter, FM index).
/// Pitches are equal-tempered from A4 = 440 Hz; oscillator phases are kept in `Double`, so
/// notes are in tune to far better than a cent. Every note ends on a release ramp (a voice
/// taken for another note fades in 6 ms), never on a step. At most ``maximumVoices`` notes
/// sound at once (plus as many fading out): past that the quietest released note, else the
/// oldest, gives way, so the work per block is bounded whatever the notes.
///
/// ```swift
/// var synth = InstrumentSynth(instrument: .keys, sampleRate: 48000, notes: notes)
/// synth.render(intoLeft: left, right: right, frame: 0, count: 4096)
/// ```
public struct InstrumentSynth: Sendable {
    /// The instrument played.
    public let instrument: Instrument
    /// Frames per second.
    public let sampleRate: Double
    /// The most notes that sound at once.
    public let maximumVoices: Int
    /// The frame (exclusive) after which the synth is silent: the last note's end plus its release.
    public let endFrame: Int64

    /// Voices sounding now, those fading out after giving way included (at most 2 × ``maximumVoices``).
    public var activeVoiceCount: Int { voices.reduce(0) { $0 + ($1.active ? 1 : 0) } }

    private let starts: [Int64]
    private let ends: [Int64]
    private let pitches: [Int]
    private let velocities: [Int]
    private var voices: [SynthVoice]
    private var nextNote = 0
    private var position: Int64 = 0
    private var seed: UInt32 = 0x9E37_79B9

    /// How long after its note-off a voice of `instrument` may still sound, seconds.
    public static func releaseSeconds(_ instrument: Instrument) -> Double {
        switch instrument {
        case .drums: DrumSound.crash.ringSeconds  // the longest; drums ignore note-offs
        case .bass: 0.1
        case .keys: 0.3
        case .guitar: 0.12
        case .pad: 1.2
        case .strings: 0.6
        case .lead: 0.15
        }
    }

    /// A synth playing `notes` (times in seconds from frame 0; channel and track are ignored)
    /// on `instrument`, with at most `maximumVoices` notes at once (default: 16, 24 for drums,
    /// 4 for bass and lead).
    public init(instrument: Instrument, sampleRate: Double, notes: [MIDINote], maximumVoices: Int? = nil) {
        self.instrument = instrument
        self.sampleRate = sampleRate
        let voiceLimit = max(
            1, maximumVoices ?? (instrument == .drums ? 24 : instrument == .bass || instrument == .lead ? 4 : 16))
        self.maximumVoices = voiceLimit
        let sorted = notes.filter { $0.start.isFinite && $0.end.isFinite && $0.start >= 0 }
            .sorted { ($0.start, $0.pitch) < ($1.start, $1.pitch) }
        let limit = Double(Int64.max / 4)
        starts = sorted.map { Int64(min(limit, ($0.start * sampleRate).rounded())) }
        ends = zip(sorted, starts).map { note, start in
            max(start + 1, Int64(min(limit, (note.end * sampleRate).rounded())))
        }
        pitches = sorted.map { min(127, max(0, $0.pitch)) }
        velocities = sorted.map { min(127, max(1, $0.velocity)) }
        let release = Int64((Self.releaseSeconds(instrument) * sampleRate).rounded(.up))
        if instrument == .drums {
            // Each hit rings for its own sound's decay.
            let ring = (0..<128).map { Int64((DrumSound(key: $0).ringSeconds * sampleRate).rounded(.up)) }
            endFrame = zip(starts, pitches).map { $0 + ring[$1] }.max() ?? 0
        } else {
            endFrame = (ends.max() ?? -release) + release
        }
        voices = [SynthVoice](repeating: SynthVoice(), count: 2 * voiceLimit)
    }

    /// Renders frames `frame ..< frame + count` into `left` and `right` (overwriting them).
    ///
    /// Blocks are meant to follow one another; a jump restarts the voices, and notes that began
    /// more than two seconds before the new position are not heard.
    public mutating func render(
        intoLeft left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frame: Int64, count: Int
    ) {
        left.update(repeating: 0, count: count)
        right.update(repeating: 0, count: count)
        guard count > 0 else { return }
        if frame != position { seek(to: frame) }
        var done = 0
        let fs = Float(sampleRate)
        // The pool is moved out while it is worked on, so that starting a note may use `self`.
        var pool = voices
        voices = []
        defer { voices = pool }
        pool.withUnsafeMutableBufferPointer { voices in
            while done < count {
                let now = position
                while nextNote < starts.count && starts[nextNote] <= now {
                    startNote(nextNote, in: voices)
                    nextNote += 1
                }
                var boundary = now + Int64(count - done)
                if nextNote < starts.count { boundary = min(boundary, starts[nextNote]) }
                for i in voices.indices where voices[i].active && !voices[i].released {
                    if voices[i].endFrame <= now {
                        voices[i].released = true
                        if instrument != .drums { voices[i].envelope.release() }
                    } else {
                        boundary = min(boundary, voices[i].endFrame)
                    }
                }
                let n = Int(boundary - now)
                for i in voices.indices where voices[i].active {
                    voices[i].render(
                        instrument: instrument, left: left + done, right: right + done, count: n, sampleRate: fs)
                }
                done += n
                position += Int64(n)
            }
        }
    }

    /// Renders frames `0 ..< frameCount` (default: to ``endFrame``) into new arrays.
    public func rendered(frameCount: Int? = nil) -> (left: [Float], right: [Float]) {
        var copy = self
        copy.seek(to: 0)
        let total = max(0, frameCount ?? Int(endFrame))
        var left = [Float](repeating: 0, count: total), right = [Float](repeating: 0, count: total)
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in
                var frame = 0
                while frame < total {
                    let n = min(8192, total - frame)
                    copy.render(
                        intoLeft: l.baseAddress! + frame, right: r.baseAddress! + frame, frame: Int64(frame), count: n)
                    frame += n
                }
            }
        }
        return (left, right)
    }

    /// Starts over at `frame`: voices silenced, then the two seconds before it played silently.
    private mutating func seek(to frame: Int64) {
        for i in voices.indices { voices[i].active = false }
        let lookBack = Int64(2 * sampleRate)
        position = max(0, frame - lookBack)
        nextNote = starts.partitioningIndex { $0 >= position }
        guard position < frame else { return }
        let scratch = 4096
        var l = [Float](repeating: 0, count: scratch), r = [Float](repeating: 0, count: scratch)
        l.withUnsafeMutableBufferPointer { lp in
            r.withUnsafeMutableBufferPointer { rp in
                while position < frame {
                    let n = Int(min(Int64(scratch), frame - position))
                    render(intoLeft: lp.baseAddress!, right: rp.baseAddress!, frame: position, count: n)
                }
            }
        }
    }

    /// Gives note `k` a voice: a free one, or one taken from a note that gives way.
    private mutating func startNote(_ k: Int, in voices: UnsafeMutableBufferPointer<SynthVoice>) {
        let pitch = pitches[k]
        var live = 0
        for i in voices.indices where voices[i].active && !voices[i].killed {
            live += 1
            if instrument == .drums {
                // A closed (or pedal) hat chokes a ringing open one.
                let sound = DrumSound(key: pitch)
                if sound == .closedHat && voices[i].drum == .openHat {
                    voices[i].envelope.kill()
                    voices[i].killed = true
                }
            } else if voices[i].pitch == pitch && !voices[i].released {
                // The same key struck again: the old note is released.
                voices[i].released = true
                voices[i].envelope.release()
            }
        }
        if live >= maximumVoices {
            var victim = -1
            var best: (Int, Float, Int64) = (2, .infinity, .max)  // (held?, level, start): smallest gives way
            for i in voices.indices where voices[i].active && !voices[i].killed {
                let rank = (voices[i].released ? 0 : 1, voices[i].envelope.value, voices[i].startFrame)
                if rank < best {
                    best = rank
                    victim = i
                }
            }
            if victim >= 0 {
                voices[victim].envelope.kill()
                voices[victim].killed = true
            }
        }
        var slot = voices.firstIndex { !$0.active } ?? -1
        if slot < 0 {
            // Every slot is fading out (many notes within a few ms): the quietest is cut.
            slot = voices.indices.min { voices[$0].envelope.value < voices[$1].envelope.value } ?? 0
        }
        seed = seed &* 1_664_525 &+ 1_013_904_223
        if instrument == .drums {
            voices[slot].startDrum(
                key: pitch, velocity: velocities[k], start: starts[k], sampleRate: sampleRate, seed: seed)
        } else {
            voices[slot].start(
                instrument: instrument, pitch: pitch, velocity: velocities[k], start: starts[k], end: ends[k],
                sampleRate: sampleRate, seed: seed)
        }
    }
}

extension Array {
    /// The first index whose element satisfies `belongs` (which must be false, then true, along the array).
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
