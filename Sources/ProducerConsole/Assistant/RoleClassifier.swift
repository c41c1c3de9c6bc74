import RealModule

/// Decides a stem's role from its file name, or, where the name says nothing, from its sound.
///
/// **By name**: the name (without folder and extension) is split into words at spaces,
/// punctuation, digits and lower-to-upper case changes ("01_LeadVox-take2" → lead, vox, take);
/// each word, and each pair of neighbouring words joined ("kick" + "in" → "kickin"), is looked up
/// in the roles' `names` in `mix-rules.yaml`. A joined pair wins over a single word; among single
/// words the last one that names a role wins, as the last word of an English name is its head
/// ("Lead Guitar" is a guitar, "Vocal Double" a backing vocal).
///
/// **By sound**: the nearest role prototype in `mix-rules.yaml` by a scaled distance over the six
/// ``StemSound`` measurements, each divided by its scale (``scales``) before squaring. Two stems
/// heard as lead vocals keep the louder as the lead and make the other a backing vocal.
public struct RoleClassifier: Sendable {
    public var rules: MixRules

    public init(rules: MixRules = .standard) { self.rules = rules }

    /// How a role was decided.
    public enum Source: String, Sendable, Codable {
        case name, sound, roles = "roles file"
    }

    /// The scale of each measurement in the distance: low, high, spiky (dB), onsets (a second),
    /// tonal (0…1), width (dB).
    public static let scales = StemSound(low: 6, high: 6, spiky: 5, onsets: 1.5, tonal: 0.15, width: 10)

    /// The words of a file name, lower-cased.
    public static func words(of name: String) -> [String] {
        var base = Substring(name)
        if let slash = base.lastIndex(of: "/") { base = base[base.index(after: slash)...] }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in base {
            let isLetter = ch.isLetter
            if !isLetter {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase && previousLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(Character(ch.lowercased()))
            previousLower = ch.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The role the name says, and the word that said it; nil when no word names a role.
    public func role(fromName name: String) -> (role: StemRole, word: String)? {
        let words = Self.words(of: name)
        func lookup(_ word: String) -> StemRole? {
            StemRole.allCases.first { rules.rule($0).names.contains(word) }
        }
        if words.count >= 2 {
            for i in stride(from: words.count - 2, through: 0, by: -1) {
                let joined = words[i] + words[i + 1]
                if let role = lookup(joined) { return (role, words[i] + " " + words[i + 1]) }
            }
        }
        for word in words.reversed() {
            if let role = lookup(word) { return (role, word) }
        }
        return nil
    }

    /// The nearest role by sound, with its distance and the runner-up.
    public func role(fromSound sound: StemSound) -> (role: StemRole, distance: Double, next: StemRole) {
        let ranked = StemRole.allCases.map { ($0, distance(sound, rules.rule($0).sound)) }.sorted { $0.1 < $1.1 }
        return (ranked[0].0, ranked[0].1, ranked[1].0)
    }

    /// The scaled distance between two sounds.
    public func distance(_ a: StemSound, _ b: StemSound) -> Double {
        let s = Self.scales
        let terms = [
            (a.low - b.low) / s.low, (a.high - b.high) / s.high, (a.spiky - b.spiky) / s.spiky,
            (a.onsets - b.onsets) / s.onsets, (a.tonal - b.tonal) / s.tonal, (a.width - b.width) / s.width,
        ]
        return (terms.reduce(0) { $0 + $1 * $1 }).squareRoot()
    }
}
