import Foundation

/// A seeded random number generator (SplitMix64): the same numbers for the same seed on every
/// machine, so that a test that draws from it can be replayed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in −1 ..< 1.
    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// The seed a randomised test runs with: the environment variable `variable` when set
    /// (decimal, or hexadecimal after `0x`), else `fallback`. Prints it, with the line that
    /// replays the run, so that a failure's log says how to repeat it.
    public static func seed(
        for test: String, default fallback: UInt64, variable: String = "PRODUCER_TEST_SEED"
    ) -> UInt64 {
        var seed = fallback
        if let text = ProcessInfo.processInfo.environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
        {
            let parsed = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            if let parsed {
                seed = parsed
            } else {
                print("\(test): \(variable)=\(text) is not a number; using the default seed")
            }
        }
        print("\(test): seed \(seed) (replay with \(variable)=\(seed))")
        return seed
    }
}
