/// The recent audio of a take being listened to, as the note measurements need it: the mono
/// samples (for levels) and the fine energy envelope (for exact note starts). Fed in blocks;
/// what no later question reaches is let go (``release(before:)``), so a long take costs no
/// more memory than a short one.
struct TakeAudio {
    let sampleRate: Double
    private var samples = SampleHistory<Float>()
    /// Exact note starts.
    private(set) var refiner: OnsetRefiner
    private(set) var isFinished = false

    /// Audio at `sampleRate`; with `voiced`, note starts are those of the sound below 1.5 kHz
    /// (a sung vowel, not the consonant before it; see ``OnsetRefiner``).
    init(sampleRate: Double, voiced: Bool = false) {
        self.sampleRate = sampleRate
        refiner = OnsetRefiner(sampleRate: sampleRate, lowPass: voiced ? 1_500 : nil)
    }

    /// Samples read so far.
    var count: Int { samples.end }
    /// Samples kept.
    var retained: Int { samples.end - samples.first }

    /// Adds a block of mono samples.
    mutating func consume(_ block: UnsafeBufferPointer<Float>) {
        samples.append(contentsOf: block)
        refiner.consume(block)
    }

    /// The take has ended.
    mutating func finish() {
        isFinished = true
        refiner.finish()
    }

    /// Whether everything up to `time` (seconds) has been read, and the envelope around it.
    func hasRead(through time: Double) -> Bool {
        isFinished || (count > Int(time * sampleRate) + 1 && refiner.canRefine(near: time))
    }

    /// Σ x² (in Double) over the samples `from ..< to` (those kept).
    func energy(from: Int, to: Int) -> Double {
        samples.withValues(from: from, to: to) { x in
            var energy = 0.0
            for v in x { energy += Double(v * v) }
            return energy
        }
    }

    /// Calls `body` with the kept samples `from ..< to`.
    func withSamples<R>(from: Int, to: Int, _ body: (UnsafeBufferPointer<Float>) -> R) -> R {
        samples.withValues(from: from, to: to, body)
    }

    /// Lets go of the audio before `time` (seconds).
    mutating func release(before time: Double) {
        samples.release(before: Int(Swift.max(0, time) * sampleRate))
        refiner.release(before: time)
    }
}
