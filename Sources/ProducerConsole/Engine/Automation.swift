/// A breakpoint lane evaluated at any frame: linear between points, held before the first and after the last.
struct AutomationCurve: Sendable {
    let points: [(frame: Int64, value: Double)]
    private var cursor = 0

    init(points: [(frame: Int64, value: Double)]) {
        self.points = points
    }

    /// The value at `frame`. Calls with increasing frames are O(1) amortised.
    mutating func value(at frame: Int64) -> Double {
        guard let first = points.first else { return 0 }
        if frame <= first.frame { return first.value }
        if cursor >= points.count || points[cursor].frame > frame { cursor = 0 }
        while cursor + 1 < points.count && points[cursor + 1].frame <= frame { cursor += 1 }
        if cursor + 1 >= points.count { return points[points.count - 1].value }
        let a = points[cursor], b = points[cursor + 1]
        let f = Double(frame - a.frame) / Double(b.frame - a.frame)
        return a.value + (b.value - a.value) * f
    }
}
