import Foundation
import ProducerDSP
import Testing

@Suite struct FilterCascadeTests {
    /// A seeded generator (a failure can be replayed).
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func next(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + next() * (range.upperBound - range.lowerBound)
        }
    }

    /// A stable section with poles and zeros at radius 0.3…0.995 and a gain of 0.5…2.
    static func section(_ random: inout Random) -> BiquadCoefficients {
        let rp = random.next(0.3...0.995), tp = random.next(0.001...3.1)
        let rz = random.next(0.3...0.995), tz = random.next(0.001...3.1)
        let g = random.next(0.5...2)
        return BiquadCoefficients(b0: g, b1: -2 * rz * cos(tz) * g, b2: rz * rz * g, a1: -2 * rp * cos(tp), a2: rp * rp)
    }

    /// Runs `count` sections (some inactive, their coefficients changed halfway) through the cascade,
    /// in blocks of uneven sizes, and through a plain `Double` cascade; returns the worst difference
    /// relative to the output's peak.
    static func worstError(sections count: Int, channels: Int, seed: UInt64) -> Double {
        var random = Random(state: seed)
        var cascade = FilterCascade(count: count)
        var designs = (0..<count).map { _ in section(&random) }
        let active = (0..<count).map { k in count < 3 || k % 5 != 2 }
        for k in 0..<count { cascade.sections[k].setCoefficients(designs[k]); cascade.sections[k].isActive = active[k] }
        let frames = 6000
        let input = (0..<channels).map { _ in (0..<frames).map { _ in Float(random.next(-0.3...0.3)) } }
        var left = input[0], right = channels > 1 ? input[1] : []
        var state = [[(Double, Double)]](repeating: .init(repeating: (0, 0), count: count), count: channels)
        var start = 0, turn = 0
        var worst = 0.0, peak = 1e-9
        let sizes = [1, 7, 256, 1000, 300, 2500, 2]
        while start < frames {
            if start >= frames / 2 && turn < sizes.count {
                // Halfway: new coefficients, the state kept.
                designs = (0..<count).map { _ in section(&random) }
                for k in 0..<count { cascade.sections[k].setCoefficients(designs[k]) }
                turn = sizes.count
            }
            let n = min(sizes[turn % sizes.count], frames - start)
            turn += 1
            left.withUnsafeMutableBufferPointer { l in
                if channels == 1 {
                    cascade.process(left: l.baseAddress! + start, right: l.baseAddress! + start, count: n)
                } else {
                    right.withUnsafeMutableBufferPointer { r in
                        cascade.process(left: l.baseAddress! + start, right: r.baseAddress! + start, count: n)
                    }
                }
            }
            for c in 0..<channels {
                for i in start..<(start + n) {
                    var y = Double(input[c][i])
                    for (k, q) in designs.enumerated() where active[k] {
                        let x = y
                        y = q.b0 * x + state[c][k].0
                        state[c][k] = (q.b1 * x - q.a1 * y + state[c][k].1, q.b2 * x - q.a2 * y)
                    }
                    worst = max(worst, abs(Double(c == 0 ? left[i] : right[i]) - y))
                    peak = max(peak, abs(y))
                }
            }
            start += n
        }
        return worst / peak
    }

    @Test(arguments: 1...20)
    func matchesThePlainCascadeInStereo(sections: Int) {
        let worst = Self.worstError(sections: sections, channels: 2, seed: UInt64(sections))
        #expect(worst <= 2.5e-7, "\(sections) sections: off by \(worst) of the peak")
    }

    @Test(arguments: 1...20)
    func matchesThePlainCascadeInMono(sections: Int) {
        let worst = Self.worstError(sections: sections, channels: 1, seed: 100 + UInt64(sections))
        #expect(worst <= 2.5e-7, "\(sections) sections: off by \(worst) of the peak")
    }

    @Test func inactiveSectionsPassTheSignalUntouched() {
        var cascade = FilterCascade(count: 5)
        var x: [Float] = (0..<999).map { Float(sin(Double($0) * 0.37)) * 0.5 }
        let before = x
        x.withUnsafeMutableBufferPointer { cascade.process(left: $0.baseAddress!, right: $0.baseAddress!, count: 999) }
        #expect(x == before)
    }

    /// The generated kernels are what the generator writes today.
    @Test func generatedKernelsAreCurrent() throws {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let script = root.appendingPathComponent("Sources/ProducerDSP/Filters/generate-cascade-kernels.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--check"]
        guard (try? process.run()) != nil else { return }  // no python3 here: nothing to compare with
        process.waitUntilExit()
        guard process.terminationStatus != 127 else { return }  // env found no python3
        #expect(process.terminationStatus == 0, "FilterCascade+Kernels.swift is out of date: run \(script)")
    }
}
