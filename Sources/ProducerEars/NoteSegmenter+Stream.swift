import Foundation
import ProducerDSP

extension NoteSegmenter {
    /// The segmenter fed a pitch track frame by frame while the take is read: each voiced run
    /// (voiced frames with breaks of at most ``NoteSegmenter/bridgedGapFrames``) is judged once it
    /// has ended and the audio around it has been read, so only the open run and the audio since
    /// its start are kept.
    struct Stream {
        let segmenter: NoteSegmenter
        /// Seconds between frames.
        let hop: Double
        private let maximumRunFrames: Int
        private var frameCount = 0
        /// A voiced run: its frames from its first voiced one to the one that ended it.
        private struct Run {
            var frames: [PitchFrame]
            /// The index in `frames` of the last voiced frame.
            var lastVoiced: Int
            var gap = 0
        }
        private var open: Run?
        /// Ended runs waiting for the audio after them to be read.
        private var ended: [Run] = []
        private(set) var notes: [PerformedNote] = []
        /// Listens for a second voice under each note.
        private var secondVoice: SecondVoice?

        init(_ segmenter: NoteSegmenter, hop: Double) {
            self.segmenter = segmenter
            self.hop = hop
            maximumRunFrames = Swift.max(16, Int(Swift.min(1e7, segmenter.maximumRunSeconds / hop)))
        }

        /// Adds the next frame of the pitch track.
        mutating func add(_ frame: PitchFrame) {
            frameCount += 1
            if var run = open {
                run.frames.append(frame)
                if frame.f0 > 0 {
                    run.lastVoiced = run.frames.count - 1
                    run.gap = 0
                } else {
                    run.gap += 1
                }
                if run.gap > segmenter.bridgedGapFrames || run.frames.count >= maximumRunFrames {
                    ended.append(run)
                    open = nil
                } else {
                    open = run
                }
            } else if frame.f0 > 0 {
                open = Run(frames: [frame], lastVoiced: 0)
            }
        }

        /// The earliest time (seconds) whose audio a later run may still need.
        var earliestNeeded: Double {
            let first = ended.first?.frames.first?.time ?? open?.frames.first?.time ?? Double(frameCount) * hop
            return first - 0.16
        }

        /// Judges the ended runs whose audio has been read.
        mutating func judge(_ audio: TakeAudio) {
            while let run = ended.first, audio.hasRead(through: run.frames[run.frames.count - 1].time + 0.2) {
                ended.removeFirst()
                judge(run, audio)
            }
        }

        /// The track has ended (and `audio` is finished): judges what is left and returns the notes.
        mutating func finish(_ audio: TakeAudio) -> [PerformedNote] {
            if let run = open { ended.append(run); open = nil }
            guard frameCount > 1 else { return [] }
            for run in ended { judge(run, audio) }
            ended = []
            return notes
        }

        /// Whether a second voice sounds in the middle of `note` (notes of 200 ms or more).
        private mutating func hearsSecondVoice(_ note: PerformedNote, _ audio: TakeAudio) -> Bool {
            guard note.end - note.start >= 0.2 else { return false }
            if secondVoice == nil { secondVoice = SecondVoice(sampleRate: audio.sampleRate) }
            guard let check = secondVoice else { return false }
            let centre = Int((note.start + note.end) / 2 * audio.sampleRate)
            let from = centre - check.length / 2
            guard from >= 0, from + check.length <= audio.count else { return false }
            let f0 = segmenter.a4 * pow(2, (note.midi - 69) / 12)
            return audio.withSamples(from: from, to: from + check.length) { check.hears($0, f0: f0) }
        }

        /// The notes of one run: split where the pitch moves to a new note and stays there.
        private mutating func judge(_ run: Run, _ audio: TakeAudio) {
            let frames = run.frames
            let a4 = segmenter.a4
            let midi: [Double?] = frames.map { $0.f0 > 0 ? 69 + 12 * log2(Swift.max($0.f0, 1e-9) / a4) : nil }
            // Vibrato smoothed away: the track pieces of one pitch are cut from, and where a legato
            // change leaves the previous note.
            let smooth = segmenter.smoothed(midi, over: 0...run.lastVoiced)
            let pieces = segmenter.mergingGlides(segmenter.split(run: 0...run.lastVoiced, smoothed: smooth), smooth)
            // Each piece split again where the level dips and a new attack rises (a repeated note
            // on a new syllable); `dip` is that dip's lowest point.
            var segments: [(range: ClosedRange<Int>, dip: Double?)] = []
            for piece in pieces {
                var first = piece.lowerBound
                var dipBefore: Double?
                let dips = audio.refiner.dips(
                    from: frames[piece.lowerBound].time + 0.12, to: frames[piece.upperBound].time - 0.08,
                    after: frames[piece.lowerBound].time + 0.03, depth: segmenter.repeatDipDecibels)
                for dip in dips {
                    let k = Int(((dip - frames[0].time) / hop).rounded())
                    guard k > first, k <= piece.upperBound else { continue }
                    segments.append((first...(k - 1), dipBefore))
                    first = k
                    dipBefore = dip
                }
                segments.append((first...piece.upperBound, dipBefore))
            }
            for (index, segment) in segments.enumerated() {
                let range = segment.range
                let values = range.compactMap { midi[$0] }
                guard !values.isEmpty else { continue }
                var start = frames[range.lowerBound].time - hop / 2
                var end = frames[range.upperBound].time + hop / 2
                if index == 0 {
                    start = audio.refiner.refine(near: frames[range.lowerBound].time) ?? start
                } else if let dip = segment.dip {
                    // A new attack after a dip in the level, not before the dip's lowest point.
                    start = Swift.max(dip, audio.refiner.refine(near: frames[range.lowerBound].time + 0.02) ?? dip)
                } else {
                    // A change of pitch inside a voiced run: a new attack if the level dips and rises
                    // again, otherwise a legato change, which starts where the pitch leaves the
                    // previous note (a glide or a scoop belongs to the note it leads into).
                    let previous = segments[index - 1].range
                    let before = median(previous.compactMap { midi[$0] })
                    let after = median(values)
                    let away = Swift.min(abs(after - before) / 2, Swift.max(0.3, abs(after - before) * 0.15))
                    let departure =
                        segmenter.crossing(
                            midi: smooth, frames: frames, from: Swift.max(previous.lowerBound, previous.upperBound - 8),
                            to: range.lowerBound + segmenter.splitFrames,
                            level: before + (after > before ? away : -away), rising: after > before) ?? start
                    // An attack counts only right at the change (the level of a legato line moves).
                    let attack = audio.refiner.refine(near: departure)
                    start = attack.flatMap { abs($0 - departure) <= 0.04 ? $0 : nil } ?? departure
                }
                // Notes in order, apart, from the top of the take: a start before the previous
                // note's end shortens that note, or, where that would leave it too short, waits
                // for it.
                start = Swift.max(0, start)
                if let last = notes.indices.last, start < notes[last].end {
                    if start >= notes[last].start + segmenter.minimumDuration {
                        notes[last].end = start
                    } else {
                        start = notes[last].end
                    }
                }
                end = Swift.max(end, start + hop)
                guard end - start >= segmenter.minimumDuration else { continue }
                var note = segmenter.measure(values: values, hop: hop, start: start, end: end, audio: audio)
                note.hasSecondVoice = hearsSecondVoice(note, audio)
                notes.append(note)
            }
        }
    }
}
