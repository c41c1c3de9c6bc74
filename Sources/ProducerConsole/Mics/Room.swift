import RealModule

/// A room as `producer mics --room` takes it: `"5x7x3 m, live"` — width × length × height in
/// metres (or feet with `ft`), then how live it sounds: `live`, `neutral` or `dead`.
public struct Room: Sendable, Codable, Equatable {
    /// How the room sounds.
    public enum Liveness: String, Sendable, Codable, CaseIterable {
        case live, neutral, dead

        /// The reverberation time assumed for it, seconds (typical of untreated, ordinary and
        /// treated rooms of a small studio).
        public var reverbTime: Double {
            switch self {
            case .live: return 1.0
            case .neutral: return 0.5
            case .dead: return 0.25
            }
        }
    }

    /// Width, length and height, metres.
    public var width: Double
    public var length: Double
    public var height: Double
    public var liveness: Liveness

    public init(width: Double, length: Double, height: Double, liveness: Liveness) {
        self.width = width
        self.length = length
        self.height = height
        self.liveness = liveness
    }

    /// Volume, m³.
    public var volume: Double { width * length * height }

    /// The distance at which the direct sound and the room's reverberation are equally loud,
    /// metres: `0.057·√(V/RT60)` (Everest, for an omnidirectional source).
    public var criticalDistance: Double { 0.057 * (volume / liveness.reverbTime).squareRoot() }

    /// Reads `text`; `option` names it in errors (`--room`).
    /// - Throws: ``MicError`` `.room` with the column of the first character that does not fit.
    public init(parsing text: String, option: String = "--room") throws(MicError) {
        let chars = Array(text)
        var i = 0
        func fail(_ message: String) -> MicError {
            let shown = i < chars.count ? "'\(chars[i])'" : "the end"
            return MicError(
                .room, file: option, line: 1, column: i + 1,
                "at \(shown) (character \(i + 1) of \"\(text)\"): \(message); write it like \"5x7x3 m, live\" (width x length x height, m or ft, then live, neutral or dead)"
            )
        }
        func spaces() { while i < chars.count && chars[i] == " " { i += 1 } }
        func number(_ what: String) throws(MicError) -> Double {
            spaces()
            let start = i
            while i < chars.count && (chars[i].isASCII && chars[i].isNumber || chars[i] == ".") { i += 1 }
            guard i > start else { throw fail("expected the \(what), a number") }
            guard let v = Double(String(chars[start..<i])), v > 0 else {
                i = start
                throw fail("the \(what) must be a number above 0")
            }
            return v
        }
        func times() throws(MicError) {
            spaces()
            guard i < chars.count && (chars[i] == "x" || chars[i] == "X" || chars[i] == "×") else {
                throw fail("expected 'x' between the dimensions")
            }
            i += 1
        }
        var w = try number("width")
        try times()
        var l = try number("length")
        try times()
        var h = try number("height")
        spaces()
        var scale = 1.0
        if i < chars.count && chars[i] != "," {
            let start = i
            while i < chars.count && chars[i].isLetter { i += 1 }
            switch String(chars[start..<i]).lowercased() {
            case "m": scale = 1
            case "ft": scale = 0.3048
            default:
                i = start
                throw fail("expected the unit, m or ft")
            }
            spaces()
        }
        guard i < chars.count && chars[i] == "," else { throw fail("expected a comma, then live, neutral or dead") }
        i += 1
        spaces()
        let start = i
        while i < chars.count && chars[i].isLetter { i += 1 }
        guard let liveness = Liveness(rawValue: String(chars[start..<i]).lowercased()) else {
            i = start
            throw fail("expected live, neutral or dead")
        }
        spaces()
        guard i == chars.count else { throw fail("unexpected text after the room's sound") }
        w *= scale
        l *= scale
        h *= scale
        let largest = 200.0
        if w > largest || l > largest || h > 50 {
            i = 0
            throw fail("a room of \(w) x \(l) x \(h) m is larger than Producer plans for (200 x 200 x 50 m)")
        }
        self.init(width: w, length: l, height: h, liveness: liveness)
    }
}
