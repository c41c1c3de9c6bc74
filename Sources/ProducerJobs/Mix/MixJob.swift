import ProducerAudio
import ProducerConsole

/// `producer mix`: reads a session, renders it (and its stems) offline, and checks the mix's
/// loudness and peaks.
public struct MixJob: Sendable, Codable, Equatable {
    /// The session file (YAML).
    public var session: String
    /// The mix file to write; its extension sets the format.
    public var output: String
    /// A folder to write each bus into as a stem, if any.
    public var stems: String?
    /// The sample encoding of the mix and stems.
    public var encoding: SampleEncoding
    /// Whether existing files may be replaced (`--force`); an input never is.
    public var replacesExisting: Bool

    public init(
        session: String, output: String, stems: String? = nil, encoding: SampleEncoding = .integer(bits: 24),
        replacesExisting: Bool = false
    ) {
        self.session = session
        self.output = output
        self.stems = stems
        self.encoding = encoding
        self.replacesExisting = replacesExisting
    }

    /// Renders the session and measures the mix.
    /// - Parameter progress: told the fraction rendered (0...1) as the render goes.
    /// - Throws: an error naming the file and place when the session, a track or an output is at fault.
    public func run(progress: ((Double) -> Void)? = nil) throws -> MixCheck {
        let parsed = try Session(path: session)
        let mixdown = Mixdown(encoding: encoding, stemsDirectory: stems, replacesExisting: replacesExisting)
        let result = try mixdown.render(parsed, to: output, progress: progress)
        return try MixCheck(result: result)
    }
}
