import ProducerFiles

/// Why `producer arrange` could not do its work (besides the chart's own errors and the
/// outputs' ``FileError``s).
public struct ArrangeJobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public var code: Code
    /// The file it concerns.
    public var file: String
    /// The problem in words.
    public var message: String

    public init(_ code: Code, file: String, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public enum Code: String, Sendable, CustomStringConvertible {
        /// One file named for two outputs.
        case sameOutput = "same output"
        /// A chart without a bar.
        case emptyChart = "empty chart"
        public var description: String { rawValue }
    }

    public var description: String { "\(file): \(message)" }
}

extension ArrangeJobError: ProducerError {
    public var place: ErrorPlace { ErrorPlace(file: file) }
}
