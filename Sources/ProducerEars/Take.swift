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
        let reader = try AudioFileReader(path: path)
        let channels = reader.format.channelCount
        var block = AudioBuffer(channelCount: channels, frameCapacity: 65_536)
        var mono: [Float] = []
        mono.reserveCapacity(Int(clamping: min(reader.frameCount, 1 << 28)))
        let scale = 1 / Float(channels)
        while try reader.read(into: &block) > 0 {
            let n = block.frameCount
            block.withUnsafeStorage { all in
                let base = all.baseAddress!
                for i in 0..<n {
                    var s: Float = 0
                    for c in 0..<channels { s += base[c * block.frameCapacity + i] }
                    mono.append(s * scale)
                }
            }
        }
        self.init(name: path, sampleRate: reader.format.sampleRate, samples: mono)
        if channels > 1 {
            notes.append("The take has \(channels) channels; Producer listened to them folded to mono.")
        }
    }

    /// Length in seconds.
    public var duration: Double { Double(samples.count) / sampleRate }
}
