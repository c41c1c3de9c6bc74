import ProducerAudio

/// A recorded performance of one part, as mono samples ready to listen to.
///
/// Stereo (or wider) files are folded to mono, (L+R)/2, and the take says so in `notes`.
public struct Take: Sendable {
    /// Where the take came from (a file path or a name).
    public var name: String
    /// Frames per second.
    public var sampleRate: Double
    /// The mono samples.
    public var samples: [Float]
    /// Things the listener should know about how the take was read.
    public var notes: [String] = []

    /// A take from samples already in memory.
    public init(name: String, sampleRate: Double, samples: [Float]) {
        self.name = name
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// Reads a take from an audio file, folding several channels to mono.
    /// - Throws: ``AudioFileError`` naming the file and the problem.
    public init(path: String) throws {
        var blocks = try TakeBlocks(path: path, blockFrames: 65_536)
        var mono: [Float] = []
        mono.reserveCapacity(Int(clamping: min(blocks.reader.frameCount, 1 << 28)))
        while try blocks.next() { mono.append(contentsOf: blocks.mono) }
        self.init(name: path, sampleRate: blocks.format.sampleRate, samples: mono)
        noteFolding(channels: blocks.format.channelCount)
    }

    /// Says, in ``notes``, that a take of several channels was folded to mono.
    mutating func noteFolding(channels: Int) {
        if let remark = Self.foldingRemark(channels: channels) { notes.append(remark) }
    }

    /// What the listener is told when a take of `channels` channels is folded to mono.
    static func foldingRemark(channels: Int) -> String? {
        channels > 1 ? "The take has \(channels) channels; Producer listened to them folded to mono." : nil
    }

    /// Length in seconds.
    public var duration: Double { Double(samples.count) / sampleRate }
}
