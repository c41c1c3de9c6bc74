// producer-bench pitch-memory: peak memory of the pitch tracker alone (PitchTracker.Stream) fed a
// generated take in blocks, a short and a long one (4 and 40 minutes by default), each in a child
// process; the goal is that the long take needs at most 1.5× the memory of the short one.
//
//   producer-bench pitch-memory [--short 4] [--long 40] [--block 4096]
import Foundation
import ProducerDSP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mono 44.1 kHz sine melody (three harmonics, a note every 0.25–0.9 s, with rests and a soft
/// attack), generated block by block so that nothing holds the take (`writeSineMelody` writes it).
struct SineMelodyGenerator {
    let rate: Double
    let total: Int
    private var done = 0
    private var state: UInt64 = 42
    private var noteStart = 0, noteEnd = 0, frequency = 220.0, rest = true, midi = 57.0
    private var phase = 0.0

    init(minutes: Double, rate: Double = 44_100) {
        self.rate = rate
        total = Int(minutes * 60 * rate)
    }

    private mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// Fills `block` with the next samples; returns how many (0 at the end).
    mutating func fill(_ block: inout [Float]) -> Int {
        let n = min(block.count, total - done)
        for i in 0..<n {
            let frame = done + i
            if frame >= noteEnd {
                noteStart = frame
                rest = !rest && next() < 0.2
                noteEnd = frame + Int((rest ? 0.1 + next() * 0.3 : 0.25 + next() * 0.65) * rate)
                midi = min(81, max(45, midi + (next() * 10 - 5).rounded()))
                frequency = 440 * pow(2, (midi - 69) / 12)
            }
            phase += 2 * Double.pi * frequency / rate
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            let t = Double(frame - noteStart) / rate, left = Double(noteEnd - frame) / rate
            let envelope = rest ? 0 : min(1, t / 0.02) * min(1, left / 0.03)
            block[i] = Float(envelope * 0.3 * (sin(phase) + 0.5 * sin(2 * phase) + 0.25 * sin(3 * phase)))
        }
        done += n
        return n
    }
}

/// `producer-bench pitch-memory …` and its child `producer-bench --child-pitch MINUTES BLOCK`.
func runPitchMemoryCommand(_ arguments: [String]) throws {
    var args = arguments[...]
    if args.first == "--child-pitch" {
        args.removeFirst()
        let minutes = args.popFirst().flatMap(Double.init) ?? 4
        let blockSize = args.popFirst().flatMap(Int.init) ?? 4_096
        trackGeneratedTake(minutes: minutes, blockSize: blockSize)
        return
    }
    args.removeFirst()  // pitch-memory
    var short = 4.0, long = 40.0, blockSize = 4_096
    while let a = args.popFirst() {
        switch a {
        case "--short": short = args.popFirst().flatMap(Double.init) ?? short
        case "--long": long = args.popFirst().flatMap(Double.init) ?? long
        case "--block": blockSize = max(1, args.popFirst().flatMap(Int.init) ?? blockSize)
        default: print("usage: producer-bench pitch-memory [--short M] [--long M] [--block N]"); exit(2)
        }
    }
    print("PitchTracker.Stream (44.1 kHz, 65–1100 Hz, 10 ms hop) on a generated sine melody, blocks of \(blockSize)")
    var figures: [Int] = []
    for minutes in [short, long] {
        let r = try childPeakMemory([CommandLine.arguments[0], "--child-pitch", "\(minutes)", "\(blockSize)"])
        guard r.status == 0 else { print("the child tracker failed with status \(r.status)"); exit(1) }
        print(
            String(
                format: "pitch tracker, %5.1f min take: peak memory %7.1f MiB  (%.1f s, %.0f× real time)",
                minutes, Double(r.maxRSSkB) / 1024, r.seconds, minutes * 60 / r.seconds))
        figures.append(r.maxRSSkB)
    }
    print(
        String(
            format: "ratio: the %.0f-minute take needs %.2f× the memory of the %.0f-minute take (goal ≤ 1.5×)",
            long, Double(figures[1]) / Double(max(1, figures[0])), short))
}

/// Tracks `minutes` of the generated melody fed in blocks, keeping only counts of the frames.
func trackGeneratedTake(minutes: Double, blockSize: Int) {
    var generator = SineMelodyGenerator(minutes: minutes)
    var stream = PitchTracker(sampleRate: generator.rate, minimumFrequency: 65, maximumFrequency: 1_100).stream()
    var block = [Float](repeating: 0, count: blockSize)
    var frames = 0, voiced = 0
    while true {
        let n = generator.fill(&block)
        if n == 0 { break }
        block.withUnsafeBufferPointer { b in
            stream.consume(UnsafeBufferPointer(rebasing: b[0..<n])) { f in
                frames += 1
                if f.isVoiced { voiced += 1 }
            }
        }
    }
    stream.finish { f in
        frames += 1
        if f.isVoiced { voiced += 1 }
    }
    print("\(frames) frames, \(voiced) voiced")
}
