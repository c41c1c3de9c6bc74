import Foundation
import ProducerDSP
import ProducerMusic

extension Listener {
    /// A take listened to while it is read: ``consume(_:)`` each block of mono samples, then
    /// ``finish()``. The onset envelope, pitch track, notes, key and hits are all worked out as
    /// the blocks pass, and only what later blocks still need is kept, so a 40-minute take needs
    /// little more memory than a 4-minute one. The report is the one ``Listener/listen(to:)``
    /// gives for the same samples.
    struct Stream {
        let listener: Listener
        let name: String
        let sampleRate: Double
        private var remarks: [String]
        private var count = 0
        private var peak: Float = 0
        private var audio: TakeAudio
        private var envelope: OnsetDetector.Stream
        private var picker: OnsetDetector.Picker
        private var onsets: [Double] = []
        private var pitch: PitchTracker.Stream
        private var frameCount = 0
        private var voicedCount = 0
        /// The pitch track, kept only when the report includes it.
        private var frames: [PitchFrame] = []
        private var segmenter: NoteSegmenter.Stream?
        private var chroma: ChromaExtractor.Stream?
        /// Unpitched parts: each onset is a hit; its level, once the 100 ms after it have been read.
        private var hits: [PerformedNote] = []
        private var measuredHits = 0

        /// A stream for a take called `name` at `sampleRate`, with `remarks` about how it was read.
        init(_ listener: Listener, name: String, sampleRate: Double, remarks: [String] = []) {
            self.listener = listener
            self.name = name
            self.sampleRate = sampleRate
            self.remarks = remarks
            let part = listener.options.part
            audio = TakeAudio(sampleRate: sampleRate, voiced: part.isPitched)
            let detector = OnsetDetector()
            envelope = detector.stream(sampleRate: sampleRate)
            picker = OnsetDetector.Picker(detector, frameRate: envelope.frameRate)
            let range = part.pitchRange
            pitch = PitchTracker(
                sampleRate: sampleRate, minimumFrequency: range.lowerBound,
                maximumFrequency: range.upperBound, hopSeconds: 0.01
            ).stream()
            if part.isPitched {
                var notes = NoteSegmenter()
                notes.a4 = listener.options.a4
                segmenter = NoteSegmenter.Stream(notes, hop: 0.01)
                if listener.options.key == nil { chroma = KeyDetector().chromaExtractor.stream(sampleRate: sampleRate) }
            }
        }

        /// How many samples of the take are kept for the questions still to come.
        var retainedSamples: Int { audio.retained }

        /// Adds a block of mono samples.
        mutating func consume(_ block: UnsafeBufferPointer<Float>) {
            for v in block { peak = Swift.max(peak, abs(v)) }
            count += block.count
            audio.consume(block)
            envelope.consume(block)
            chroma?.consume(block)
            var pitch = self.pitch
            pitch.consume(block) { add($0) }
            self.pitch = pitch
            pickOnsets(isComplete: false)
            segmenter?.judge(audio)
            measureHits()
            audio.release(before: earliestNeeded)
        }

        /// The take has ended: the report.
        mutating func finish() -> PerformanceReport {
            audio.finish()
            var pitch = self.pitch
            pitch.finish { add($0) }
            self.pitch = pitch
            let onsetEnvelope = envelope.finish()
            pickOnsets(isComplete: true, values: onsetEnvelope.values)
            measureHits()
            if let last = hits.indices.last, !hits[last].end.isFinite { hits[last].end = Double(count) / sampleRate }
            let part = listener.options.part
            let duration = Double(count) / sampleRate
            if count == 0 || peak < 1e-4 {
                remarks.append("The take is silent (peak below −80 dBFS): there is nothing to judge.")
                return listener.emptyReport(name: name, duration: duration, remarks: remarks)
            }
            var performed = part.isPitched ? (segmenter?.finish(audio) ?? []) : hits
            let voicedShare = Double(voicedCount) / Double(Swift.max(1, frameCount))
            if part.isPitched && (performed.isEmpty || voicedShare < 0.05) {
                remarks.append(
                    "No steady pitch was heard: the take sounds like noise or silence, so no notes are judged.")
                performed = []
            }
            let key: Key? =
                listener.options.key
                ?? chroma.flatMap { c in
                    var c = c
                    let estimate = KeyDetector().key(chroma: c.finish().chroma)
                    return Key(tonicPitchClass: estimate.tonic, minor: estimate.isMinor)
                }
            return listener.judge(
                name: name, duration: duration, remarks: remarks, performed: performed, onsets: onsets,
                onsetEnvelope: onsetEnvelope, key: key, frames: frames)
        }

        /// One frame of the pitch track.
        private mutating func add(_ frame: PitchFrame) {
            frameCount += 1
            if frame.isVoiced { voicedCount += 1 }
            if listener.options.includesFrames { frames.append(frame) }
            segmenter?.add(frame)
        }

        /// Picks the onsets the envelope so far decides; an unpitched part's hits start at them.
        private mutating func pickOnsets(isComplete: Bool, values: [Float]? = nil) {
            let values = values ?? envelope.values
            let unpitched = !listener.options.part.isPitched
            var found: [Double] = []
            values.withUnsafeBufferPointer { picker.pick($0, isComplete: isComplete) { found.append($0) } }
            for t in found {
                onsets.append(t)
                guard unpitched else { continue }
                // The previous hit lasts until this one.
                if let last = hits.indices.last { hits[last].end = t }
                hits.append(
                    PerformedNote(
                        start: t, end: .infinity, midi: 0, stabilityCents: 0, vibratoRate: 0, vibratoDepthCents: 0,
                        levelDecibels: .nan))
            }
        }

        /// The level of each hit over its first 100 ms (or until the next hit), once read.
        private mutating func measureHits() {
            let decided = Double(picker.decidedFrames) / envelope.frameRate
            while measuredHits < hits.count {
                let hit = hits[measuredHits]
                let t = hit.start
                // The next hit, when it is known, or the end of the take, or 100 ms on.
                let end: Double
                if hit.end.isFinite {
                    end = hit.end
                } else if audio.isFinished {
                    end = Double(count) / sampleRate
                    hits[measuredHits].end = end
                } else if decided > t + 0.1 {
                    end = .infinity
                } else {
                    return
                }
                let until = Int(Swift.min(end, t + 0.1) * sampleRate)
                guard audio.isFinished || audio.count >= until else { return }
                hits[measuredHits].levelDecibels = audio.level(from: Int(t * sampleRate), to: until)
                measuredHits += 1
            }
        }

        /// The earliest time whose audio is still needed.
        private var earliestNeeded: Double {
            var time = segmenter?.earliestNeeded ?? Double(frameCount) * 0.01 - 0.16
            if measuredHits < hits.count { time = Swift.min(time, hits[measuredHits].start - 0.01) }
            return time
        }
    }
}
