public import ProducerAudio

/// A channel-strip processor: an insert (EQ, compressor, reverb…) with parameters and state.
///
/// A processor is a value. The engine calls ``prepare(sampleRate:channelCount:maximumBlockFrames:)``
/// once, then ``process(_:sidechain:)`` for every block, in order; it loops over the block inside,
/// so dispatch happens once per block, not per sample. Automated parameters are set with
/// ``setParameter(_:to:)`` between sub-blocks of at most 64 frames; a processor smooths any
/// parameter whose steps would be audible (gains, frequencies), so automation never zippers.
public protocol Processor: Sendable {
    /// Readies the processor for a sample rate and channel count (1 or 2), clearing its state.
    mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int)
    /// Processes the valid frames of `block` in place. `sidechain`, when given, is the key signal
    /// (same frame count) that a compressor or gate listens to instead of its input.
    mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?)
    /// Sets a parameter by the name the session file uses (e.g. "threshold", "mix"); returns
    /// false when the processor has no such parameter.
    @discardableResult
    mutating func setParameter(_ name: String, to value: Double) -> Bool
    /// Frames of delay the processor adds (a look-ahead limiter's look-ahead); the engine
    /// compensates it so every path stays in time.
    var latencyFrames: Int { get }
    /// How long the processor keeps sounding after its input falls silent, seconds, until its
    /// output is below −90 dB of what went in (a reverb's decay, a delay's repeats); 0 for
    /// processors without memory. The render runs at least this long past the last track.
    var tailSeconds: Double { get }
}

extension Processor {
    public var latencyFrames: Int { 0 }
    public var tailSeconds: Double { 0 }
    public mutating func process(_ block: inout AudioBuffer) { process(&block, sidechain: nil) }
}

/// Calls `body` with the block's left and right channels (the same pointer for mono) and the
/// detector's key: the sidechain's channels when one is given, otherwise the block's own.
/// `count` is the frames both hold. For processors that listen to a key (compressor, gate).
func withKeyedChannels(
    _ block: inout AudioBuffer, sidechain: AudioBuffer?, stereo: Bool,
    _ body: (
        _ left: UnsafeMutablePointer<Float>, _ right: UnsafeMutablePointer<Float>,
        _ keyLeft: UnsafePointer<Float>, _ keyRight: UnsafePointer<Float>, _ count: Int
    ) -> Void
) {
    let frames = block.frameCount, capacity = block.frameCapacity
    guard frames > 0 else { return }
    if let key = sidechain {
        let keyStereo = key.channelCount > 1, keyCapacity = key.frameCapacity
        let n = min(frames, key.frameCount)
        key.withUnsafeStorage { keyStorage in
            block.withUnsafeMutableStorage { storage in
                let l = storage.baseAddress!, r = stereo ? l + capacity : l
                let kl = keyStorage.baseAddress!, kr = keyStereo ? kl + keyCapacity : kl
                body(l, r, kl, kr, n)
            }
        }
    } else {
        block.withUnsafeMutableStorage { storage in
            let l = storage.baseAddress!, r = stereo ? l + capacity : l
            body(l, r, UnsafePointer(l), UnsafePointer(r), frames)
        }
    }
}
