/// Text that could not be read as a key or a note, and why.
///
/// Its description is one sentence, e.g. `"H major" is not a key: a key starts with a letter A–G.`
public struct MusicTextError: Error, Sendable, Hashable {
    /// The text as given.
    public var text: String
    /// What was expected, in plain words.
    public var problem: String
    /// The kind of text that could not be read.
    public var code: Code

    /// An error for `text` with `problem` explaining what was expected.
    public init(text: String, problem: String, code: Code = .notMusic) {
        self.text = text
        self.problem = problem
        self.code = code
    }

    /// The kind of problem.
    public enum Code: String, Sendable, Hashable, CustomStringConvertible {
        /// Not a key, a note or a pitch as Producer spells them.
        case notMusic = "not a key or note"
        public var description: String { rawValue }
    }
}

extension MusicTextError: CustomStringConvertible {
    public var description: String { "\"\(text)\" could not be read: \(problem)." }
}
