import RealModule

extension ChromaExtractor {
    /// The chroma of mono audio fed in blocks: ``consume(_:)`` each block, then ``finish()``.
    ///
    /// The tuning is the magnitude-weighted circular mean of every spectral peak's offset from the
    /// semitone grid, and each frame is folded onto pitch classes relative to it, so the peaks are
    /// kept until the tuning is known: for the first ``tuningSeconds`` of audio. A longer input
    /// takes its tuning from that stretch and folds later frames as they come, so memory stays
    /// bounded; a shorter one gives exactly what ``ChromaExtractor/chroma(_:sampleRate:)`` gives.
    public struct Stream {
        private let extractor: ChromaExtractor
        private var frames: STFTStream
        private let binHz: Double
        private let lo: Int, hi: Int
        /// Seconds of audio whose peaks decide the tuning.
        public let tuningSeconds: Double
        private let tuningFrames: Int
        // Peaks kept until the tuning is fixed: (frame, pitch in semitones from A440, magnitude).
        private var peakFrames: [Int32] = [], pitches: [Float] = [], magnitudes: [Float] = []
        private var cosines = 0.0, sines = 0.0
        /// The tuning, once fixed.
        private var fixedTuning: Double?
        private var total = [Double](repeating: 0, count: 12)
        private var frame = [Double](repeating: 0, count: 12)
        private var current: Int32 = -1

        init(extractor: ChromaExtractor, sampleRate: Double, tuningSeconds: Double) {
            self.extractor = extractor
            let frameSize = ChromaExtractor.frameSize(sampleRate: sampleRate)
            let stft = STFT(frameSize: frameSize, hop: frameSize)
            frames = STFTStream(stft)
            binHz = sampleRate / Double(frameSize)
            lo = max(2, Int(extractor.minimumFrequency / binHz))
            hi = min(frameSize / 2 - 2, Int(extractor.maximumFrequency / binHz) + 1)
            self.tuningSeconds = tuningSeconds
            let frameCount = (tuningSeconds * sampleRate / Double(stft.hop)).rounded(.up)
            tuningFrames = frameCount < Double(Int32.max) ? max(1, Int(frameCount)) : Int(Int32.max)
        }

        /// Adds a block of samples.
        public mutating func consume(_ samples: UnsafeBufferPointer<Float>) {
            var frames = self.frames
            frames.consume(samples) { f, m in add(f, m) }
            self.frames = frames
        }

        /// The summed chroma (index 0 = C … 11 = B) and the tuning found (semitones from A440).
        public mutating func finish() -> (chroma: [Double], tuning: Double) {
            var frames = self.frames
            frames.finish { f, m in add(f, m) }
            self.frames = frames
            if fixedTuning == nil { fixTuning() }
            fold(frame: -2)
            return (total, fixedTuning ?? 0)
        }

        /// One frame's spectral peaks.
        private mutating func add(_ f: Int, _ m: UnsafeBufferPointer<Float>) {
            guard hi > lo else { return }
            if fixedTuning == nil && f >= tuningFrames { fixTuning() }
            var top: Float = 0
            for k in lo...hi { top = max(top, m[k]) }
            guard top > 1e-3 else { return }
            let floor = top * 0.01
            for k in lo...hi {
                let b = m[k]
                guard b > floor, b > m[k - 1], b >= m[k + 1] else { continue }
                let a = m[k - 1], c = m[k + 1]
                let denom = a - 2 * b + c
                let shift = denom < 0 ? 0.5 * (a - c) / denom : 0
                let hz = (Double(k) + Double(shift)) * binHz
                let pitch = Float(12 * Double.log2(hz / 440))
                if fixedTuning == nil {
                    peakFrames.append(Int32(f)); pitches.append(pitch); magnitudes.append(b)
                    let angle = 2 * Double.pi * Double(pitch)
                    cosines += Double(b) * Double.cos(angle)
                    sines += Double(b) * Double.sin(angle)
                } else {
                    place(Int32(f), pitch, b)
                }
            }
        }

        /// The tuning from the peaks so far; folds them.
        private mutating func fixTuning() {
            var tuning = 0.0
            if extractor.estimatesTuning && !pitches.isEmpty && cosines * cosines + sines * sines > 0 {
                tuning = Double.atan2(y: sines, x: cosines) / (2 * Double.pi)
            }
            fixedTuning = tuning
            for i in pitches.indices { place(peakFrames[i], pitches[i], magnitudes[i]) }
            peakFrames = []; pitches = []; magnitudes = []
        }

        /// Adds a peak to its frame's chroma, closing the previous frame first.
        private mutating func place(_ f: Int32, _ pitch: Float, _ magnitude: Float) {
            if f != current { fold(frame: f) }
            let p = Double(pitch) - (fixedTuning ?? 0)
            let nearest = p.rounded()
            let c = Double.cos(Double.pi * (p - nearest))
            // Semitones from A: A = 9 in C-based pitch classes.
            let pc = ((Int(nearest) + 9) % 12 + 12) % 12
            frame[pc] += c * c * Double(magnitude)
        }

        /// Log-compresses the frame so far into the total and starts frame `next`.
        private mutating func fold(frame next: Int32) {
            for p in 0..<12 { total[p] += Double.log(1 + frame[p]); frame[p] = 0 }
            current = next
        }
    }

    /// A stream that computes the chroma of mono audio at `sampleRate` fed in blocks, its tuning
    /// decided by the first `tuningSeconds` (see ``Stream``).
    public func stream(sampleRate: Double, tuningSeconds: Double = 120) -> Stream {
        Stream(extractor: self, sampleRate: sampleRate, tuningSeconds: tuningSeconds)
    }
}
