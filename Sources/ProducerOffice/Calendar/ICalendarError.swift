/// Why a calendar file could not be read: the file, the line, and the problem.
///
/// `description` reads like `anna.ics:42: DTSTART "2025021T100000" is not a date`. Line numbers
/// count physical lines from 1, as an editor shows them; a folded property is reported at the line
/// it starts on.
public struct ICalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name or path, as given to the reader.
    public var file: String
    /// The line (from 1) where the problem was found, when it is about one place.
    public var line: Int?
    /// What is wrong, as a sentence without the file name.
    public var reason: String
    /// The kind of problem, for code that wants to tell them apart.
    public var code: Code

    /// An error in `file` at `line` of kind `code`, explained by `reason`.
    public init(file: String, line: Int?, code: Code, reason: String) {
        self.file = file
        self.line = line
        self.code = code
        self.reason = reason
    }

    /// `file:line: reason`, or `file: reason` when the problem is not about one line.
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }

    /// The kind of problem. New kinds may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case notACalendar = "not a calendar"
            case malformedLine = "malformed line"
            case unterminatedComponent = "unterminated component"
            case mismatchedEnd = "mismatched END"
            case badDate = "bad date"
            case badDuration = "bad duration"
            case badRecurrence = "bad recurrence rule"
            case unknownTimeZone = "unknown time zone"
            case tooDeep = "nested too deep"
            case tooLarge = "too large"
            case unreadable = "unreadable file"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The text does not start with `BEGIN:VCALENDAR`.
        public static let notACalendar = Code(.notACalendar)
        /// A line is not `NAME[;PARAM=VALUE…]:VALUE`.
        public static let malformedLine = Code(.malformedLine)
        /// A `BEGIN:` has no matching `END:` before the text ends.
        public static let unterminatedComponent = Code(.unterminatedComponent)
        /// An `END:` names a component other than the one that is open.
        public static let mismatchedEnd = Code(.mismatchedEnd)
        /// A date, a date-time or a period cannot be read, or an event ends before it starts.
        public static let badDate = Code(.badDate)
        /// A `DURATION` cannot be read.
        public static let badDuration = Code(.badDuration)
        /// An `RRULE` cannot be read.
        public static let badRecurrence = Code(.badRecurrence)
        /// A `TZID` names no time zone this reader knows and the file does not define it.
        public static let unknownTimeZone = Code(.unknownTimeZone)
        /// A `BEGIN:` opens a component nested deeper than ``ICalendar/maximumNesting``.
        public static let tooDeep = Code(.tooDeep)
        /// The text is longer than ``ICalendar/maximumTextBytes``.
        public static let tooLarge = Code(.tooLarge)
        /// The file does not exist, is not a regular file (a folder, a pipe, a device), cannot be
        /// read or is not UTF-8 text.
        public static let unreadable = Code(.unreadable)

        /// A few words naming the kind, such as `bad date`.
        public var description: String { wrapped.rawValue }
    }
}
