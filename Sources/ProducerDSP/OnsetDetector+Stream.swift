import RealModule

extension OnsetDetector {
    /// The onset strength envelope of mono audio fed in blocks: ``consume(_:)`` each block, then
    /// ``finish()``. It holds one frame of samples and the few spectra SuperFlux compares, so its
    /// memory does not grow with the signal apart from the envelope itself (two values a frame).
    public struct Stream {
        private let detector: OnsetDetector
        private var frames: STFTStream
        private let bank: STFTFilterbank
        private let sampleRate: Double
        /// Frames between the two spectra compared.
        private let differenceFrames: Int
        private let lowBands: Int
        /// The last `differenceFrames + 1` log-filtered spectra, frame `f` in row `f % rows`.
        private var ring: [Float]
        private var maxed: [Float]
        private var flux: [Float] = []
        private var low: [Float] = []

        init(detector: OnsetDetector, sampleRate: Double) {
            self.detector = detector
            self.sampleRate = sampleRate
            let frameSize = OnsetDetector.frameSize(sampleRate: sampleRate)
            let hop = max(1, Int((sampleRate / detector.frameRate).rounded()))
            frames = STFTStream(STFT(frameSize: frameSize, hop: hop))
            bank = STFTFilterbank(frameSize: frameSize, sampleRate: sampleRate, bandsPerOctave: detector.bandsPerOctave)
            // Frames between the two spectra compared: the Hann window's half-height half-width.
            differenceFrames = detector.differenceFrames ?? max(1, Int((Double(frameSize / 4) / Double(hop)).rounded()))
            lowBands = bank.centreFrequencies.filter { $0 <= detector.lowFrequencyLimit }.count
            ring = [Float](repeating: 0, count: (differenceFrames + 1) * bank.bandCount)
            maxed = [Float](repeating: 0, count: bank.bandCount)
        }

        /// The strength of every frame computed so far (the envelope's ``OnsetEnvelope/values``).
        public var values: [Float] { flux }
        /// Frames per second of the envelope.
        public var frameRate: Double { sampleRate / Double(frames.stft.hop) }

        /// Adds a block of samples.
        public mutating func consume(_ samples: UnsafeBufferPointer<Float>) {
            var frames = self.frames
            frames.consume(samples) { f, m in add(f, m) }
            self.frames = frames
        }

        /// Adds a block of samples.
        public mutating func consume(_ samples: [Float]) {
            samples.withUnsafeBufferPointer { consume($0) }
        }

        /// The envelope of everything consumed (the last frames count samples after the end as zero).
        public mutating func finish() -> OnsetEnvelope {
            var frames = self.frames
            frames.finish { f, m in add(f, m) }
            self.frames = frames
            return OnsetEnvelope(values: flux, frameRate: frameRate, lowFrequency: low)
        }

        /// One frame: its log-filtered spectrum, and its SuperFlux against the frame
        /// `differenceFrames` earlier.
        private mutating func add(_ t: Int, _ magnitudes: UnsafeBufferPointer<Float>) {
            let bands = bank.bandCount, rows = differenceFrames + 1
            let radius = max(0, (detector.maximumFilterWidth - 1) / 2)
            let lowBands = self.lowBands
            var sumLow: Float = 0, sum: Float = 0
            ring.withUnsafeMutableBufferPointer { rb in
                let cur = rb.baseAddress! + (t % rows) * bands
                let row = UnsafeMutableBufferPointer(start: cur, count: bands)
                bank.apply(magnitudes, into: row)
                for b in 0..<bands { row[b] = Float.log10(1 + row[b]) }
                // Before the first frames there is silence: a note or click at 0 s is an onset.
                guard t >= differenceFrames else {
                    for b in 0..<lowBands { sumLow += cur[b] }
                    sum = sumLow
                    for b in lowBands..<bands { sum += cur[b] }
                    return
                }
                let prev = rb.baseAddress! + ((t - differenceFrames) % rows) * bands
                maxed.withUnsafeMutableBufferPointer { mb in
                    let maxed = mb.baseAddress!
                    if radius == 1 {
                        maxed[0] = max(prev[0], prev[1])
                        for b in 1..<(bands - 1) { maxed[b] = max(prev[b - 1], max(prev[b], prev[b + 1])) }
                        maxed[bands - 1] = max(prev[bands - 2], prev[bands - 1])
                    } else {
                        for b in 0..<bands {
                            var m = prev[b]
                            for k in max(0, b - radius)...min(bands - 1, b + radius) { m = max(m, prev[k]) }
                            maxed[b] = m
                        }
                    }
                    for b in 0..<lowBands { sumLow += max(0, cur[b] - maxed[b]) }
                    sum = sumLow
                    for b in lowBands..<bands { sum += max(0, cur[b] - maxed[b]) }
                }
            }
            flux.append(sum)
            low.append(sumLow)
        }
    }
}
