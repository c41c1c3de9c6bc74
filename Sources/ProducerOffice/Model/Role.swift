import Foundation

/// What a person does on a record: `artist`, `engineer`, `drummer`, `backup singer`…
///
/// Roles are open-ended words; the common ones have names here. Comparison ignores case.
public struct Role: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The role in lower case, as it is stored and shown.
    public let name: String

    public init(_ name: String) {
        self.name = name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public var description: String { name }

    public static let artist: Role = "artist"
    public static let producer: Role = "producer"
    public static let engineer: Role = "engineer"
    public static let mixEngineer: Role = "mix engineer"
    public static let masteringEngineer: Role = "mastering engineer"
    public static let drummer: Role = "drummer"
    public static let bassist: Role = "bassist"
    public static let guitarist: Role = "guitarist"
    public static let keyboardist: Role = "keyboardist"
    public static let backupSinger: Role = "backup singer"
    public static let strings: Role = "strings"
}
