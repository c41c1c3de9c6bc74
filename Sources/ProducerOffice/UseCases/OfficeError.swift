import ProducerFiles

/// An office command's problem in one sentence that names the thing at fault (a booking, a
/// session, an option): `no booking "x": name a booking id or a session's title`.
public struct OfficeError: ProducerError, Hashable {
    /// The problem, as a sentence that names what is at fault.
    public var message: String
    /// The kind of problem.
    public var code: Code
    /// Where, when it is about a file.
    public var place: ErrorPlace

    public init(_ message: String, code: Code = .badInput, place: ErrorPlace = ErrorPlace()) {
        self.message = message
        self.code = code
        self.place = place
    }

    public var description: String { place.file.map { "\($0): \(message)" } ?? message }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// A value given to a command that it cannot use (a date, an amount, an option).
        case badInput = "bad input"
        /// A booking, session, person or studio that the project does not have.
        case notFound = "not found"
        /// A change the project's state does not allow (confirming a cancelled booking…).
        case notAllowed = "not allowed"
        public var description: String { rawValue }
    }
}
