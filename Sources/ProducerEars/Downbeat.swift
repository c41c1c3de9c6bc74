/// Where a song's first downbeat (bar 1, beat 1) is in a take: at a time, or at a bar:beat of
/// the click or tempo grid, as when the take starts with a count-in.
public enum Downbeat: Sendable, Hashable {
    /// At this many seconds from the top of the take.
    case time(Double)
    /// At this bar and beat (from 1:1) of the click or the tempo grid: `3:1` after two bars of count-in.
    case position(bar: Int, beat: Int)

    /// Reads `12.5` or `12.5s` (seconds), `0:12.500` (m:ss.mmm: it has a decimal point), or
    /// `3:1` (bar:beat, whole numbers); nil for anything else.
    public init?(text: String) {
        var t = Substring(text.trimmingWhitespace)
        if t.hasSuffix("s") { t = t.dropLast() }
        if let seconds = Double(t), seconds.isFinite, seconds >= 0, !t.contains(":") {
            self = .time(seconds)
            return
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[1].contains(".") {
            guard let m = Int(parts[0]), m >= 0, let s = Double(parts[1]), s.isFinite, s >= 0, s < 60 else {
                return nil
            }
            self = .time(Double(m) * 60 + s)
        } else {
            guard let bar = Int(parts[0]), let beat = Int(parts[1]), bar >= 1, bar <= 10_000, beat >= 1, beat <= 32
            else { return nil }
            self = .position(bar: bar, beat: beat)
        }
    }
}

extension String {
    /// The string without spaces, tabs or line breaks at either end.
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
