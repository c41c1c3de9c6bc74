import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much longer an input 10× as large takes to read: the best of several runs of each, taken
/// in turn, each timed in the CPU time of the thread that reads, so that the other processes of
/// a busy machine, which preempt a long run more often than a short one, do not count.
public enum LinearTime {
    public static func ratio<Input>(
        small: Input, large: Input, runs: Int = 5, _ read: (Input) throws -> Void
    ) throws -> Double {
        func cpuSeconds() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
        }
        func time(_ input: Input) throws -> Double {
            // The read is synchronous: it runs on this one thread from start to end.
            let start = cpuSeconds()
            try read(input)
            return cpuSeconds() - start
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
