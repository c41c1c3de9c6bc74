/// Why a union scale rates file could not be read: the file, the place and the problem.
///
/// `description` reads like `rates.yaml:4:15: musicians.perSession: "4x0" is not an amount…`.
public struct UnionScaleRatesError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Line and column from 1, when known.
    public var line: Int?
    public var column: Int?
    /// The key, as a path (`musicians.pension`), when the problem is at one.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line:column: key: message`, leaving out what is not known.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place + ": " + (key.map { "\($0): " } ?? "") + message
    }
}
