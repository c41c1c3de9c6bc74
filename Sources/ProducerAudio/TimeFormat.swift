/// Formats seconds the way people read positions in a song: `m:ss.mmm` (or `h:mm:ss.mmm`).
public func formatTime(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "–" }
    let sign = seconds < 0 ? "-" : ""
    let totalMillis = Int((abs(seconds) * 1000).rounded())
    let millis = totalMillis % 1000
    let totalSeconds = totalMillis / 1000
    let s = totalSeconds % 60, m = (totalSeconds / 60) % 60, h = totalSeconds / 3600
    func pad(_ v: Int, _ width: Int) -> String {
        let t = String(v)
        return String(repeating: "0", count: max(0, width - t.count)) + t
    }
    if h > 0 { return "\(sign)\(h):\(pad(m, 2)):\(pad(s, 2)).\(pad(millis, 3))" }
    return "\(sign)\(m):\(pad(s, 2)).\(pad(millis, 3))"
}

/// Formats a number with a fixed count of decimals, or "–" when absent or not finite.
public func fixed(_ value: Double?, _ decimals: Int = 1) -> String {
    guard let value, value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded == 0 ? 0 : rounded)  // no "-0.0"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 {
            text = String(text[..<dot])
        } else if have < decimals {
            text += String(repeating: "0", count: decimals - have)
        }
    } else if decimals > 0 {
        text += "." + String(repeating: "0", count: decimals)
    }
    if text.contains("e") { return String(value) }
    return text
}
