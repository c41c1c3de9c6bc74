/// What a stem plays in the mix, as the mix assistant decides it (from the file's name, from its
/// sound, or as a `--roles` file says).
public enum StemRole: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case leadVocal = "lead vocal"
    case backingVocal = "backing vocal"
    case kick, snare, toms, overheads, hats, room, bass, guitar, keys, pads, strings, brass, fx

    public var description: String { rawValue }

    /// The role a word names ("lead vocal", "lead-vocal", "leadVocal", "pads"), if any.
    public init?(named text: String) {
        let key = StemRole.squash(text)
        guard let role = StemRole.allCases.first(where: { StemRole.squash($0.rawValue) == key }) else { return nil }
        self = role
    }

    static func squash(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSetLetters.contains($0) }.map(Character.init))
    }
}

/// Letters and digits, without Foundation.
enum CharacterSetLetters {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }
}
