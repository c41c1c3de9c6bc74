import ProducerFiles

/// A project `produce` cannot run on: the problems `project check` found, each with its file.
public struct ProduceError: Error, Sendable, CustomStringConvertible {
    public var folder: String
    public var problems: [ProjectCheck.Problem]

    public var description: String {
        let first = problems.prefix(5).map { "\(Self.place($0.place, in: folder)): \($0.message)" }
        let more =
            problems.count > 5 ? ["… and \(problems.count - 5) more (producer project check lists them all)"] : []
        return (first + more).joined(separator: "\n")
    }
}

extension ProduceError: ProducerError {
    public enum Code: String, Sendable, CustomStringConvertible {
        case projectNotReady = "project not ready"
        public var description: String { rawValue }
    }
    public var code: Code { .projectNotReady }
    public var place: ErrorPlace { ErrorPlace(file: problems.first.map { Self.place($0.place, in: folder) } ?? folder) }

    /// A problem's place as the user can find it: inside the project folder unless it is an option or absolute.
    static func place(_ place: String, in folder: String) -> String {
        place.hasPrefix("--") || place.hasPrefix("/") || place == folder || folder == "." ? place : folder + "/" + place
    }
    public var message: String { problems.first?.message ?? "the project is not ready" }
}
