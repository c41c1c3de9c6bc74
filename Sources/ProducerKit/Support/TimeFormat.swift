/// Formats a number with a fixed count of decimals, or "–" when absent or not finite.
func fixed(_ value: Double?, _ decimals: Int = 1) -> String {
    guard let value, value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded == 0 ? 0 : rounded)  // no "-0.0"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 { text = String(text[..<dot]) } else if have < decimals {
            text += String(repeating: "0", count: decimals - have)
        }
    } else if decimals > 0 {
        text += "." + String(repeating: "0", count: decimals)
    }
    if text.contains("e") { return String(value) }
    return text
}
