import Foundation

/// The codes that identify a record and its songs: the ISRC of a recording (ISO 3901) and the
/// ISWC of a musical work (ISO 15707). Both are read as people write them, checked, and kept in
/// their display form.
public enum RecordingCode {
    /// Reads an ISRC — `DE-A12-27-00001`, `DEA122700001` or in lower case — and returns it in
    /// capitals with hyphens.
    ///
    /// Twelve characters: a two-letter country code, a three-character registrant code (letters
    /// and digits), the two-digit year of reference and a five-digit designation code.
    /// - Throws: ``RecordingCodeError`` saying what is wrong and at which character.
    public static func isrc(_ text: String) throws(RecordingCodeError) -> String {
        let compact = Array(
            text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: "").uppercased())
        guard compact.count == 12 else {
            throw RecordingCodeError(
                code: text, kind: "ISRC",
                "has \(compact.count) letters and digits, not 12 (e.g. DE-A12-27-00001)")
        }
        for (i, character) in compact.enumerated() {
            let ok: Bool
            switch i {
            case 0..<2: ok = character.isASCII && character.isUppercase
            case 2..<5: ok = character.isASCII && (character.isUppercase || character.isNumber)
            default: ok = character.isASCII && character.isNumber
            }
            if !ok {
                let part =
                    i < 2
                    ? "the country code is two capital letters"
                    : i < 5
                        ? "the registrant code is three capital letters or digits" : "the year and number are digits"
                throw RecordingCodeError(
                    code: text, kind: "ISRC", "character \(i + 1) of 12 is \"\(character)\": \(part)")
            }
        }
        let s = String(compact)
        return "\(s.prefix(2))-\(s.dropFirst(2).prefix(3))-\(s.dropFirst(5).prefix(2))-\(s.suffix(5))"
    }

    /// Reads an ISWC — `T-034.524.680-1` or `T0345246801` — checks its check digit, and returns it
    /// as `T-034.524.680-1`.
    /// - Throws: ``RecordingCodeError`` for a wrong shape or a check digit that does not match.
    public static func iswc(_ text: String) throws(RecordingCodeError) -> String {
        let compact = Array(
            text.trimmingCharacters(in: .whitespaces).uppercased().filter { $0 != "-" && $0 != "." && $0 != " " })
        guard compact.first == "T" else {
            throw RecordingCodeError(code: text, kind: "ISWC", "it must start with T (e.g. T-034.524.680-1)")
        }
        let digits = compact.dropFirst().compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == 10, compact.count == 11 else {
            throw RecordingCodeError(
                code: text, kind: "ISWC", "is T followed by 10 digits (9 and a check digit), e.g. T-034.524.680-1")
        }
        // ISO 15707: 1 + Σ i·dᵢ over the nine digits (i from 1), then (10 − sum mod 10) mod 10.
        var sum = 1
        for (i, digit) in digits.prefix(9).enumerated() { sum += (i + 1) * digit }
        let check = (10 - sum % 10) % 10
        guard check == digits[9] else {
            throw RecordingCodeError(
                code: text, kind: "ISWC", "its check digit is \(digits[9]), but the nine digits before it give \(check)"
            )
        }
        let d = digits.map(String.init).joined()
        let body = d.prefix(9)
        return "T-\(body.prefix(3)).\(body.dropFirst(3).prefix(3)).\(body.suffix(3))-\(check)"
    }
}

/// An ISRC or ISWC that cannot be read, with why.
public struct RecordingCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text as given.
    public var code: String
    /// `ISRC` or `ISWC`.
    public var kind: String
    /// What is wrong, in words.
    public var reason: String

    public init(code: String, kind: String, _ reason: String) {
        self.code = code
        self.kind = kind
        self.reason = reason
    }

    /// `"DE-A12-27-0001" is not an ISRC: has 11 letters and digits, not 12 …`
    public var description: String { "\"\(code)\" is not an \(kind): \(reason)" }
}
