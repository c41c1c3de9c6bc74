import Foundation

/// How much longer an input 10× as large takes to read: the best of several runs of each, taken
/// in turn so that a busy machine slows both alike, and its pauses do not count.
public enum LinearTime {
    public static func ratio<Input>(
        small: Input, large: Input, runs: Int = 5, _ read: (Input) throws -> Void
    ) throws -> Double {
        func time(_ input: Input) throws -> Double {
            let start = ContinuousClock.now
            try read(input)
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        try read(small)  // warm up
        var smallTime = Double.infinity
        var largeTime = Double.infinity
        for _ in 0..<runs {
            smallTime = min(smallTime, try time(small))
            largeTime = min(largeTime, try time(large))
        }
        return largeTime / max(smallTime, 1e-6)
    }
}
