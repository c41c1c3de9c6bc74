/// Why a project plan could not be imported: the file, the line and column, the key, the problem.
///
/// `description` reads like `album.yaml:42:13: sessions[3].after[0]: no session "Overdubs — Blue
/// Hour" in the plan or the project`, the way ``SessionError`` reports a mix session's file.
/// Lines and columns count from 1, as an editor shows them.
public struct ProjectPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plan file's path, as given.
    public var file: String
    /// Line and column (from 1) of the value at fault, when the problem is about one place.
    public var line: Int?
    public var column: Int?
    /// The key path, such as `people[2].rate.per`.
    public var key: String?
    /// What is wrong, as a sentence without the place.
    public var message: String
    /// The kind of problem, for code that wants to tell them apart.
    public var code: Code

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, code: Code, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.code = code
        self.message = message
    }

    /// `file:line:column: key: message`, leaving out what is not known.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + (key.map { "\($0): " } ?? "") + message
    }

    /// The kind of problem. New kinds may be added; compare with the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case unreadable = "unreadable file"
            case syntax = "YAML syntax"
            case unknownKey = "unknown key"
            case missingKey = "missing key"
            case wrongType = "wrong type"
            case badValue = "bad value"
            case badTimeRange = "bad time range"
            case duplicate = "duplicate"
            case unknownReference = "unknown reference"
            case cycle = "dependency cycle"
            case shares = "shares"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The file does not exist, cannot be read or is not UTF-8.
        public static let unreadable = Code(.unreadable)
        /// The text is not YAML (as Yams reads it), or uses what plans do not (aliases).
        public static let syntax = Code(.syntax)
        /// A key that this place of a plan does not have.
        public static let unknownKey = Code(.unknownKey)
        /// A key that must be there is not (a song's title, a person's name…).
        public static let missingKey = Code(.missingKey)
        /// A list where a mapping belongs, text where a number does…
        public static let wrongType = Code(.wrongType)
        /// A value of the right type that means nothing here: a kind, a status, an amount, a date.
        public static let badValue = Code(.badValue)
        /// A time range that ends before it starts, or a weekly window that cannot be read.
        public static let badTimeRange = Code(.badTimeRange)
        /// Two records of one kind with the same id in the plan.
        public static let duplicate = Code(.duplicate)
        /// A song, person, session or role that neither the plan nor the project has.
        public static let unknownReference = Code(.unknownReference)
        /// Sessions that each wait for the other (`after:`), directly or through others.
        public static let cycle = Code(.cycle)
        /// A song's writers' shares do not add up to 100 %.
        public static let shares = Code(.shares)

        /// A few words naming the kind, such as `unknown key`.
        public var description: String { wrapped.rawValue }
    }
}
