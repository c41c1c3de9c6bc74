import Foundation
import ProducerDSP

/// The recent audio of a take being listened to, as the note measurements need it: the mono
/// samples (for levels) and the fine energy envelope (for exact note starts). Fed in blocks;
/// what no later question reaches is let go (``release(before:)``), so a long take costs no
/// more memory than a short one.
struct TakeAudio {
    let sampleRate: Double
    private var samples = SlidingBuffer<Float>()
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
    var retained: Int { samples.count }

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

    /// The level (dBFS RMS) of the samples `from ..< to` (those kept), or −120 for none or silence.
    func level(from: Int, to: Int) -> Double {
        let lo = Swift.max(from, samples.start), hi = Swift.min(to, samples.end)
        guard hi > lo else { return -120 }
        let energy = samples.withPointer { x in
            var energy = 0.0
            for k in (lo - samples.start)..<(hi - samples.start) { energy += Double(x[k] * x[k]) }
            return energy
        }
        return energy > 0 ? 10 * log10(energy / Double(hi - lo)) : -120
    }

    /// Calls `body` with the kept samples `from ..< to`.
    func withSamples<R>(from: Int, to: Int, _ body: (UnsafeBufferPointer<Float>) -> R) -> R {
        let lo = Swift.min(Swift.max(from, samples.start), samples.end), hi = Swift.max(lo, Swift.min(to, samples.end))
        return samples.withPointer { body(UnsafeBufferPointer(start: $0 + (lo - samples.start), count: hi - lo)) }
    }

    /// Lets go of the audio before `time` (seconds).
    mutating func release(before time: Double) {
        samples.drop(before: Swift.min(samples.end, Int(Swift.max(0, time) * sampleRate)))
        refiner.release(before: time)
    }
}
