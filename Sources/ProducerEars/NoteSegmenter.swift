import Foundation
import ProducerDSP

/// Turns a pitch track into notes: splits at silence and at pitch changes, keeps vibrato and
/// glides inside one note, and measures each note's pitch, steadiness, vibrato and level.
public struct NoteSegmenter: Sendable {
    /// A pitch change larger than this (semitones), held for ``splitFrames`` frames, starts a new note.
    public var splitSemitones: Double = 0.55
    /// How many consecutive frames must hold a new pitch before the note splits.
    public var splitFrames: Int = 4
    /// Frames of the running median the split is decided on (see ``smoothed(_:over:)``).
    public var smoothingFrames: Int = 15
    /// Notes shorter than this (seconds) are dropped as blips.
    public var minimumDuration: Double = 0.06
    /// Unvoiced gaps up to this many frames inside a held pitch do not end the note.
    public var bridgedGapFrames: Int = 2

    /// The longest voiced stretch (seconds) judged as one: a stretch with no break of more than
    /// ``bridgedGapFrames`` is judged in pieces of this length, so that memory stays bounded.
    public var maximumRunSeconds: Double = 30
    /// A dip in the level this deep (dB, under the peaks within 150 ms on each side of it) inside
    /// a held pitch is a new attack: a repeated note on a new syllable.
    public var repeatDipDecibels: Double = 10
    /// The pitch of A4, Hz, that notes are heard against.
    public var a4: Double = 440

    public init() {}

    /// The notes of a take.
    /// - Parameters:
    ///   - frames: the pitch track, evenly spaced.
    ///   - samples: the take's mono samples (for levels and exact starts).
    ///   - sampleRate: frames per second of `samples`.
    public func notes(from frames: [PitchFrame], samples: [Float], sampleRate: Double) -> [PerformedNote] {
        guard frames.count > 1 else { return [] }
        var audio = TakeAudio(sampleRate: sampleRate, voiced: true)
        samples.withUnsafeBufferPointer { audio.consume($0) }
        audio.finish()
        var stream = Stream(self, hop: frames[1].time - frames[0].time)
        for frame in frames { stream.add(frame) }
        return stream.finish(audio)
    }

    /// Splits a voiced run where the pitch moves to a new note and stays there, deciding on the
    /// track smoothed by ``smoothed(_:over:)`` (a vibrato cycle or a scoop into a note moves the raw
    /// track by a semitone for tens of milliseconds; the median of ±70 ms keeps a step between
    /// notes where it is and lets vibrato and scoops pass).
    func split(run: ClosedRange<Int>, smoothed midi: [Double?]) -> [ClosedRange<Int>] {
        var pieces: [ClosedRange<Int>] = []
        var first = run.lowerBound
        var recent: [Double] = []
        var away = 0
        var i = run.lowerBound
        while i <= run.upperBound {
            guard let m = midi[i] else { i += 1; continue }
            let reference = recent.isEmpty ? m : median(Array(recent.suffix(12)))
            if abs(m - reference) > splitSemitones {
                away += 1
                if away >= splitFrames {
                    let newFirst = i - splitFrames + 1
                    if newFirst > first { pieces.append(first...(newFirst - 1)) }
                    first = newFirst
                    recent = (newFirst...i).compactMap { midi[$0] }
                    away = 0
                }
            } else {
                away = 0
                recent.append(m)
            }
            i += 1
        }
        pieces.append(first...run.upperBound)
        return pieces
    }

    /// `pieces` of a run with each short one (under 12 frames) whose pitch on the `smoothed` track
    /// lies between those of the pieces around it joined to the next: a glide or a scoop into a
    /// note belongs to that note.
    func mergingGlides(_ pieces: [ClosedRange<Int>], _ smoothed: [Double?]) -> [ClosedRange<Int>] {
        var pieces = pieces
        let level = { (r: ClosedRange<Int>) in median(r.compactMap { smoothed[$0] }) }
        var p = 1
        while p + 1 < pieces.count {
            let a = level(pieces[p - 1]), b = level(pieces[p]), c = level(pieces[p + 1])
            if pieces[p].count < 12 && (a < b) == (b < c) && a != b && b != c {
                pieces[p + 1] = pieces[p].lowerBound...pieces[p + 1].upperBound
                pieces.remove(at: p)
            } else {
                p += 1
            }
        }
        return pieces
    }

    /// The running median of the voiced values of `midi` over ±``smoothingFrames``/2 within `run`.
    func smoothed(_ midi: [Double?], over run: ClosedRange<Int>) -> [Double?] {
        guard smoothingFrames > 1 else { return midi }
        var out = midi
        let half = smoothingFrames / 2
        var window: [Double] = []
        for i in run where midi[i] != nil {
            window.removeAll(keepingCapacity: true)
            for k in Swift.max(run.lowerBound, i - half)...Swift.min(run.upperBound, i + half) {
                if let v = midi[k] { window.append(v) }
            }
            out[i] = median(window)
        }
        return out
    }

    /// Where the pitch track crosses `level` between two frames, interpolated between frames.
    func crossing(
        midi: [Double?], frames: [PitchFrame], from: Int, to: Int, level: Double, rising: Bool
    ) -> Double? {
        var previous: (t: Double, m: Double)?
        for i in Swift.max(0, from)...Swift.min(frames.count - 1, to) {
            guard let m = midi[i] else { continue }
            if let p = previous {
                let crossed = rising ? (p.m < level && m >= level) : (p.m > level && m <= level)
                if crossed {
                    let f = (level - p.m) / (m - p.m)
                    return p.t + f * (frames[i].time - p.t)
                }
            }
            previous = (frames[i].time, m)
        }
        return nil
    }

    func measure(
        values: [Double], hop: Double, start: Double, end: Double, audio: TakeAudio
    ) -> PerformedNote {
        // The body: without the first and last fifth, where attacks and releases glide.
        let trim = values.count >= 5 ? values.count / 5 : 0
        let body = Array(values[trim..<(values.count - trim)])
        let pitch = median(body)
        // Slow trend (about 200 ms) against which vibrato and wobble are measured.
        let window = Swift.max(1, Int((0.2 / hop).rounded()))
        var detrended: [Double] = []
        detrended.reserveCapacity(body.count)
        for i in body.indices {
            let lo = Swift.max(0, i - window / 2), hi = Swift.min(body.count - 1, i + window / 2)
            var sum = 0.0
            for k in lo...hi { sum += body[k] }
            detrended.append(body[i] - sum / Double(hi - lo + 1))
        }
        let rms = (detrended.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(1, detrended.count))).squareRoot() * 100
        var crossings = 0
        for i in 1..<Swift.max(1, detrended.count) where (detrended[i - 1] < 0) != (detrended[i] < 0) { crossings += 1 }
        let seconds = Double(body.count) * hop
        let rate = seconds > 0 ? Double(crossings) / 2 / seconds : 0
        let depth = rms * 2.0.squareRoot()
        let hasVibrato = seconds >= 0.3 && rate >= 3 && rate <= 9 && depth >= 10
        let level = audio.level(from: Int(start * audio.sampleRate), to: Int(end * audio.sampleRate))
        return PerformedNote(
            start: start, end: end, midi: pitch, stabilityCents: rms,
            vibratoRate: hasVibrato ? rate : 0, vibratoDepthCents: hasVibrato ? depth : 0, levelDecibels: level)
    }
}

/// The median of some values (the lower middle for an even count); 0 for none.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
