import Foundation
public import ProducerAudio

/// Renders a session to a file (and, if asked, every bus to a stem file beside it).
public struct Mixdown: Sendable {
    /// How the output's samples are stored: 16 or 24-bit integer (dithered) or 32-bit float.
    public var encoding: SampleEncoding = .integer(bits: 24)
    /// A folder to write each bus as a stem, or nil.
    public var stemsDirectory: String?
    /// Frames per block.
    public var blockFrames: Int = 8192
    /// Render tracks and buses on all cores; the result is bit-identical either way.
    public var parallel: Bool = true

    public init(encoding: SampleEncoding = .integer(bits: 24), stemsDirectory: String? = nil) {
        self.encoding = encoding
        self.stemsDirectory = stemsDirectory
    }

    /// What a render produced.
    public struct Result: Sendable, Codable {
        public var output: String
        public var stems: [String]
        public var frames: Int64
        public var seconds: Double
        public var sampleRate: Double
    }

    /// Renders `session` to `output`. Files are written under temporary names and renamed only
    /// when the render finished.
    public func render(_ session: Session, to output: String, progress: ((Double) -> Void)? = nil) throws -> Result {
        let mixer = try Mixer(session: session, blockFrames: blockFrames, parallel: parallel)
        let format = AudioFormat(sampleRate: session.sampleRate, channelCount: 2, encoding: encoding)
        let writer = try AudioFileWriter(path: output, format: format)
        var stemWriters: [(String, AudioFileWriter)] = []
        if let stemsDirectory {
            try FileManager.default.createDirectory(atPath: stemsDirectory, withIntermediateDirectories: true)
            for bus in session.buses {
                let safe = bus.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
                let path = stemsDirectory + "/" + String(safe) + ".wav"
                stemWriters.append((path, try AudioFileWriter(path: path, format: format)))
            }
        }
        var frames: Int64 = 0
        try mixer.render(progress: progress) { master, buses in
            try writer.write(master)
            for (i, w) in stemWriters.enumerated() { try w.1.write(buses[i]) }
            frames += Int64(master.frameCount)
        }
        try writer.finish()
        for w in stemWriters { try w.1.finish() }
        return Result(output: output, stems: stemWriters.map(\.0), frames: frames,
                      seconds: Double(frames) / session.sampleRate, sampleRate: session.sampleRate)
    }
}
