/// The coefficients of a second-order IIR section, normalised so that a0 = 1:
/// `y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]`.
public struct BiquadCoefficients: Sendable, Hashable {
    public var b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    /// Coefficients as given, with a0 = 1.
    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        self.b0 = b0; self.b1 = b1; self.b2 = b2; self.a1 = a1; self.a2 = a2
    }

    /// Coefficients divided through by `a0`.
    public init(b0: Double, b1: Double, b2: Double, a0: Double, a1: Double, a2: Double) {
        self.init(b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0)
    }

    /// A filter that passes the signal unchanged.
    public static let identity = BiquadCoefficients(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
}

/// One second-order IIR section with its state, in transposed direct form II, computed in
/// `Double` so that low-frequency filters at high sample rates stay accurate.
public struct Biquad: Sendable {
    /// The filter's coefficients.
    public var coefficients: BiquadCoefficients
    @usableFromInline var s1: Double = 0
    @usableFromInline var s2: Double = 0

    public init(_ coefficients: BiquadCoefficients) {
        self.coefficients = coefficients
    }

    /// Clears the filter's memory.
    public mutating func reset() { s1 = 0; s2 = 0 }

    /// Filters one sample.
    @inlinable
    public mutating func process(_ x: Double) -> Double {
        let c = coefficients
        let y = c.b0 * x + s1
        s1 = c.b1 * x - c.a1 * y + s2
        s2 = c.b2 * x - c.a2 * y
        return y
    }

    /// Filters `input` into `output` (which may be the same memory); both hold `count` samples.
    /// - Complexity: O(count), five multiplies a sample.
    @inlinable
    public mutating func process(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int
    ) {
        let c = coefficients
        var s1 = self.s1, s2 = self.s2
        for i in 0..<count {
            let x = Double(input[i])
            let y = c.b0 * x + s1
            s1 = c.b1 * x - c.a1 * y + s2
            s2 = c.b2 * x - c.a2 * y
            output[i] = Float(y)
        }
        self.s1 = s1; self.s2 = s2
    }

    /// Filters samples in place.
    @inlinable
    public mutating func process(_ samples: UnsafeMutableBufferPointer<Float>) {
        guard let base = samples.baseAddress else { return }
        process(UnsafePointer(base), base, count: samples.count)
    }
}

extension BiquadCoefficients {
    /// The filter's complex gain at `frequency` Hz for a given sample rate, as (magnitude, phase in radians).
    public func response(atFrequency frequency: Double, sampleRate: Double) -> (magnitude: Double, phase: Double) {
        let w = 2 * Double.pi * frequency / sampleRate
        // z^-1 = e^{-jw}
        let c1 = _cos(w), s1 = -_sin(w)
        let c2 = _cos(2 * w), s2 = -_sin(2 * w)
        let nr = b0 + b1 * c1 + b2 * c2, ni = b1 * s1 + b2 * s2
        let dr = 1 + a1 * c1 + a2 * c2, di = a1 * s1 + a2 * s2
        let d = dr * dr + di * di
        let re = (nr * dr + ni * di) / d
        let im = (ni * dr - nr * di) / d
        return ((re * re + im * im).squareRoot(), _atan2(im, re))
    }
}
