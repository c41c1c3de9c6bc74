import ProducerFiles

/// A project `produce` cannot run on: the problems `project check` found, each with its file.
public struct ProduceError: Error, Sendable, CustomStringConvertible {
    public var folder: String
    public var problems: [ProjectCheck.Problem]

    public var description: String {
        let first = problems.prefix(5).map { "\($0.place): \($0.message)" }
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
    public var place: ErrorPlace {
        ErrorPlace(file: problems.first.map { $0.place.hasPrefix("--") ? $0.place : folder + "/" + $0.place } ?? folder)
    }
    public var message: String { problems.first?.message ?? "the project is not ready" }
}
