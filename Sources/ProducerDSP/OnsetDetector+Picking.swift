extension OnsetDetector {
    /// Picks onsets from an onset envelope that grows as audio is read: each frame is decided as
    /// soon as the frames its maximum and mean windows reach have arrived, so a caller learns of
    /// an onset about ``OnsetDetector/postMaximum`` after it. The onsets are those
    /// ``OnsetDetector/onsets(in:)`` finds in the whole envelope.
    public struct Picker: Sendable {
        private let frameRate: Double
        private let preMaximum: Int, postMaximum: Int, preAverage: Int, postAverage: Int
        private let threshold: Double, minimumInterval: Double
        /// The next frame to decide.
        private var next = 0
        /// Running sums of the envelope: `prefix[i]` is the sum of frames `0 ..< i`.
        private var prefix: SlidingBuffer<Double> = {
            var sums = SlidingBuffer<Double>()
            sums.append(0)
            return sums
        }()
        private var last = -Double.infinity

        /// How many frames have been decided: every onset before frame `decidedFrames` has been emitted.
        public var decidedFrames: Int { next }

        /// A picker with `detector`'s thresholds for an envelope of `frameRate` frames a second.
        public init(_ detector: OnsetDetector, frameRate: Double) {
            self.frameRate = frameRate
            preMaximum = Int((detector.preMaximum * frameRate).rounded())
            postMaximum = Int((detector.postMaximum * frameRate).rounded())
            preAverage = Int((detector.preAverage * frameRate).rounded())
            postAverage = Int((detector.postAverage * frameRate).rounded())
            threshold = Double(detector.threshold)
            minimumInterval = detector.minimumInterval
        }

        /// Decides the frames of `values` (the whole envelope so far, frame 0 first) that can be
        /// decided; with `isComplete`, the envelope has ended and every frame is decided. Calls
        /// `emit` with each onset's time in seconds, in order.
        public mutating func pick(_ values: UnsafeBufferPointer<Float>, isComplete: Bool, emit: (Double) -> Void) {
            let n = values.count
            // Running sums up to the newest frame.
            while prefix.end - 1 < n {
                let i = prefix.end - 1
                prefix.append(prefix[i] + Double(values[i]))
            }
            let reach = max(postMaximum, postAverage)
            let end = isComplete ? n : n - reach
            while next < end {
                let t = next
                next += 1
                let x = values[t]
                guard x > 0 else { continue }
                var isMax = true
                for k in max(0, t - preMaximum)...min(n - 1, t + postMaximum) where values[k] > x {
                    isMax = false
                    break
                }
                guard isMax else { continue }
                // A plateau counts once, at its first frame.
                if t > 0 && values[t - 1] == x && t - 1 >= t - preMaximum { continue }
                let lo = max(0, t - preAverage), hi = min(n - 1, t + postAverage)
                let mean =
                    (prefix[hi + 1] - prefix[lo]) / Double(preAverage + postAverage + 1)
                guard Double(x) >= mean + threshold else { continue }
                let time = Double(t) / frameRate
                if time - last >= minimumInterval {
                    emit(time)
                    last = time
                }
            }
            // Drop the running sums no later frame reads.
            let keepFrom = max(0, next - preAverage)
            prefix.drop(before: min(prefix.end, keepFrom))
        }
    }
}
