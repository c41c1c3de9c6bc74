/// A chord symbol that could not be read: the text, the character where reading stopped, and why.
///
/// Its description points at the character, e.g.
/// `"Cmaj7#" is not a chord symbol: at character 6, "#" must be followed by 5, 9, 11 or 13.`
public struct ChordSymbolError: Error, Sendable, Hashable {
    /// The symbol as written.
    public var text: String
    /// The 1-based character (not byte) where the problem is.
    public var column: Int
    /// What was expected there, in plain words.
    public var problem: String

    /// An error at `column` of `text`.
    public init(text: String, column: Int, problem: String) {
        self.text = text
        self.column = column
        self.problem = problem
    }
}

extension ChordSymbolError: CustomStringConvertible {
    public var description: String {
        "\"\(text)\" is not a chord symbol: at character \(column), \(problem)."
    }
}
