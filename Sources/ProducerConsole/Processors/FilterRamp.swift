import RealModule

/// A one-pole smoother for a parameter (~10 ms to 63 %), stepped once per sub-block of frames,
/// that lands exactly on its target.
struct FilterRamp: Sendable {
    var current: Double
    var target: Double
    /// Smooth in the log domain (frequencies, Q) rather than linearly (gains in dB).
    let logarithmic: Bool

    init(_ value: Double, logarithmic: Bool = false) {
        current = value; target = value; self.logarithmic = logarithmic
    }

    var isMoving: Bool { current != target }

    mutating func jump(to value: Double) { current = value; target = value }

    /// Advances by one step of coefficient `keep` (the fraction of the distance kept);
    /// returns true while moving.
    @discardableResult
    mutating func step(keep: Double) -> Bool {
        guard current != target else { return false }
        if logarithmic && current > 0 && target > 0 {
            let next = target * Double.pow(current / target, keep)
            current = abs(next / target - 1) < 1e-5 ? target : next
        } else {
            let next = target + (current - target) * keep
            current = abs(next - target) < 1e-4 ? target : next
        }
        return true
    }

    /// The `keep` coefficient for a 10 ms time constant stepped every `frames` frames.
    static func keep(frames: Int, sampleRate: Double, timeConstantSeconds: Double = 0.010) -> Double {
        Double.exp(-Double(frames) / (timeConstantSeconds * sampleRate))
    }
}
