import Foundation
import ProducerFiles

/// One inline SVG plot of the report: a `data-plot` kind (so tests and scripts can find it), a
/// title (what a screen reader and a hover say), and its drawing, in user units of a fixed view box
/// that scales to the page's width.
struct ReportSVG {
    /// `waveform`, `pitch`, `timing`, `comp`, `loudness`, `spectrum`, `masters` or `schedule`.
    var kind: String
    var title: String
    var width: Double
    var height: Double
    /// The plotting area inside the margins.
    var left = 56.0, right = 16.0, top = 14.0, bottom = 26.0
    private(set) var body: [String] = []

    init(kind: String, title: String, width: Double = 960, height: Double = 180) {
        self.kind = kind
        self.title = title
        self.width = width
        self.height = height
    }

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    mutating func add(_ element: String) { body.append(element) }

    /// A rectangle, with an optional hover text.
    mutating func rect(
        x: Double, y: Double, width w: Double, height h: Double, fill: String, opacity: Double? = nil,
        rx: Double = 0, stroke: String? = nil, cssClass: String? = nil, tip: String? = nil
    ) {
        var a =
            "x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(max(w, 0.5)))\" height=\"\(num(max(h, 0.5)))\" fill=\"\(fill)\""
        if let opacity { a += " fill-opacity=\"\(num(opacity))\"" }
        if rx > 0 { a += " rx=\"\(num(rx))\"" }
        if let stroke { a += " stroke=\"\(stroke)\"" }
        if let cssClass { a += " class=\"\(cssClass)\"" }
        add(tip.map { "<rect \(a)><title>\(HTML.escape($0))</title></rect>" } ?? "<rect \(a)/>")
    }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width w: Double = 1,
        dash: String? = nil, opacity: Double? = nil
    ) {
        var a =
            "x1=\"\(num(x1))\" y1=\"\(num(y1))\" x2=\"\(num(x2))\" y2=\"\(num(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(num(w))\""
        if let dash { a += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { a += " stroke-opacity=\"\(num(opacity))\"" }
        add("<line \(a)/>")
    }

    /// A polyline through `points` (skipped when fewer than two).
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width w: Double = 1.5, dash: String? = nil) {
        guard points.count >= 2 else { return }
        let d = points.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: " ")
        add(
            "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(num(w))\" stroke-linejoin=\"round\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    /// A closed, filled path through `points`.
    mutating func area(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        guard points.count >= 3 else { return }
        let d = "M" + points.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: "L") + "Z"
        add("<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(num(opacity))\"/>")
    }

    mutating func circle(x: Double, y: Double, r: Double, fill: String, tip: String? = nil) {
        let a = "cx=\"\(num(x))\" cy=\"\(num(y))\" r=\"\(num(r))\" fill=\"\(fill)\""
        add(tip.map { "<circle \(a)><title>\(HTML.escape($0))</title></circle>" } ?? "<circle \(a)/>")
    }

    /// Text; `anchor` is start, middle or end.
    mutating func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", size: Double = 11, fill: String = "#555",
        weight: String? = nil
    ) {
        var a = "x=\"\(num(x))\" y=\"\(num(y))\" font-size=\"\(num(size))\" fill=\"\(fill)\""
        if anchor != "start" { a += " text-anchor=\"\(anchor)\"" }
        if let weight { a += " font-weight=\"\(weight)\"" }
        add("<text \(a)>\(HTML.escape(s))</text>")
    }

    /// A legend entry: a swatch and a label at (x, y); returns the x after it.
    @discardableResult
    mutating func legend(_ label: String, colour: String, x: Double, y: Double, dashed: Bool = false) -> Double {
        if dashed {
            line(x, y - 4, x + 16, y - 4, stroke: colour, width: 2, dash: "4 3")
        } else {
            rect(x: x, y: y - 9, width: 16, height: 10, fill: colour, rx: 2)
        }
        text(label, x: x + 21, y: y, size: 11)
        return x + 21 + Double(label.count) * 6.2 + 14
    }

    /// The SVG element.
    var markup: String {
        "<svg class=\"plot\" data-plot=\"\(kind)\" viewBox=\"0 0 \(num(width)) \(num(height))\" role=\"img\" "
            + "preserveAspectRatio=\"xMidYMid meet\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title>\(HTML.escape(title))</title>" + body.joined() + "</svg>"
    }
}

/// A linear map from a domain to a range of user units.
struct Scale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ v: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0, span.isFinite else { return range.0 }
        return range.0 + (v - domain.0) / span * (range.1 - range.0)
    }

    /// Tick values: a round step giving about `count` ticks over the domain.
    func ticks(_ count: Int = 6) -> [Double] {
        let lo = min(domain.0, domain.1), hi = max(domain.0, domain.1)
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var v = (lo / step).rounded(.up) * step
        while v <= hi + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }
}

/// A coordinate with one decimal (enough at these sizes, and short).
func num(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let r = (x * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(r)
}

/// Seconds as a song position for axes: `m:ss` (or `s.s s` under ten seconds when `fine`).
func clock(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60)"
}

/// The colours of the report: takes and series, distinct and readable on white.
enum ReportColour {
    static let series = ["#3b6fb6", "#e07b39", "#3a9a5b", "#c8414b", "#8a5cb8", "#2a9d9a", "#c9a227", "#d66fa0"]
    static let ink = "#1f2937"
    static let grid = "#e5e7eb"
    static let axis = "#9ca3af"
    static let good = "#2f9e5b"
    static let warn = "#e0a020"
    static let bad = "#d1434b"
    static let wave = "#4b6fa8"
    static let silence = "#9aa5b1"

    static func take(_ index: Int) -> String { series[((index % series.count) + series.count) % series.count] }
}
