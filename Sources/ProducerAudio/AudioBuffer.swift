/// A block of planar audio: one contiguous run of `Float` samples per channel.
///
/// All channels live in one contiguous allocation, channel after channel, each
/// `frameCapacity` frames long. Readers fill a buffer the caller owns and reuses,
/// so streaming a long file costs the same memory as a short one.
///
/// Samples are nominally in -1 ... +1 (full scale); values past it are kept as they are.
public struct AudioBuffer: Sendable {
    /// The number of channels.
    public let channelCount: Int
    /// How many frames each channel can hold.
    public private(set) var frameCapacity: Int
    /// How many frames hold audio, from the start of each channel (`0...frameCapacity`).
    public var frameCount: Int {
        didSet { precondition(frameCount >= 0 && frameCount <= frameCapacity, "frameCount out of range") }
    }
    @usableFromInline internal var storage: [Float]

    /// Makes a silent buffer.
    /// - Parameters:
    ///   - channelCount: channels, at least 1.
    ///   - frameCapacity: frames per channel.
    ///   - frameCount: frames that hold audio at first (default: none).
    public init(channelCount: Int, frameCapacity: Int, frameCount: Int = 0) {
        precondition(channelCount >= 1 && frameCapacity >= 0 && frameCount <= frameCapacity)
        self.channelCount = channelCount
        self.frameCapacity = frameCapacity
        self.frameCount = frameCount
        self.storage = [Float](repeating: 0, count: channelCount * frameCapacity)
    }

    /// Makes a buffer holding the given channels (all of the same length).
    public init(channels: [[Float]]) {
        precondition(!channels.isEmpty, "at least one channel")
        let n = channels[0].count
        precondition(channels.allSatisfy { $0.count == n }, "channels of equal length")
        self.init(channelCount: channels.count, frameCapacity: n, frameCount: n)
        for (c, samples) in channels.enumerated() {
            storage.replaceSubrange(c * n..<(c + 1) * n, with: samples)
        }
    }

    /// The sample of `channel` at `frame`.
    @inlinable
    public subscript(channel: Int, frame: Int) -> Float {
        get { storage[channel * frameCapacity + frame] }
        set { storage[channel * frameCapacity + frame] = newValue }
    }

    /// The valid frames of one channel as an array (a copy).
    public func channel(_ channel: Int) -> [Float] {
        Array(storage[channel * frameCapacity..<channel * frameCapacity + frameCount])
    }

    /// Calls `body` with the valid frames of one channel.
    @inlinable
    public func withChannel<R>(_ channel: Int, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        precondition(channel >= 0 && channel < channelCount)
        return try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[channel * frameCapacity..<channel * frameCapacity + frameCount]))
        }
    }

    /// Calls `body` with all `frameCapacity` frames of one channel, to fill or change.
    @inlinable
    public mutating func withMutableChannel<R>(
        _ channel: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        precondition(channel >= 0 && channel < channelCount)
        let capacity = frameCapacity
        return try storage.withUnsafeMutableBufferPointer { all in
            try body(UnsafeMutableBufferPointer(rebasing: all[channel * capacity..<(channel + 1) * capacity]))
        }
    }

    /// Calls `body` with the whole storage: channel `c` starts at `c * frameCapacity`.
    @inlinable
    public mutating func withUnsafeMutableStorage<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// Calls `body` with the whole storage: channel `c` starts at `c * frameCapacity`.
    @inlinable
    public func withUnsafeStorage<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body($0) }
    }

    /// Sets every sample to zero and keeps `frameCount`.
    public mutating func silence() {
        storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
