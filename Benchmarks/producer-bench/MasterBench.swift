// producer-bench master: the mastering chain's speed (a 4-minute stereo master, one core) and its
// accuracy over varied programme, measured by ProducerDSP and by ffmpeg's ebur128.
// producer-bench master-vs-matchering: the same mixes mastered to the same references by Producer
// and by Matchering (Benchmarks/matchering_master.py), side by side.
import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP

/// Synthetic programme: drum-like hits over pink noise, with a tilt and a width.
enum BenchProgramme {
    static func pink(_ n: Int, seed: UInt64, gain: Double) -> [Float] {
        var state = seed | 1
        var b0 = 0.0, b1 = 0.0, b2 = 0.0
        return (0..<n).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let white = Double(Int64(bitPattern: state) >> 11) / Double(1 << 52)
            b0 = 0.99765 * b0 + white * 0.0990460
            b1 = 0.96300 * b1 + white * 0.2965164
            b2 = 0.57000 * b2 + white * 1.0526913
            return Float(gain * (b0 + b1 + b2 + white * 0.1848))
        }
    }

    /// `kind`: dense, sparse, wide (30 LU range), mono, loud (clipped), tonal (chords).
    static func make(
        _ kind: String, seconds: Double, rate: Double, seed: UInt64 = 1, brightness: Double = 0
    )
        -> [[Float]]
    {
        let n = Int(seconds * rate)
        var l = pink(n, seed: seed, gain: 0.06), r = pink(n, seed: seed + 7, gain: 0.06)
        if kind == "sparse" {
            l = [Float](repeating: 0, count: n); r = l
        }
        if kind == "tonal" {
            for i in 0..<n {
                let t = Double(i) / rate
                var s = 0.0
                for (k, f) in [110.0, 220, 277.2, 329.6, 440, 880, 1760, 3520].enumerated() {
                    s += 0.05 / Double(k + 1).squareRoot() * sin(2 * .pi * f * t + Double(k))
                }
                l[i] = 0.3 * l[i] + Float(s)
                r[i] = 0.3 * r[i] + Float(s * 0.9)
            }
        }
        let beat = Int(rate / 2)
        var hit = seed
        for start in stride(from: 0, to: n, by: beat) {
            hit = hit &* 2_862_933_555_777_941_757 &+ 3_037_000_493
            for i in 0..<min(kind == "sparse" ? beat / 3 : beat, n - start) {
                let t = Double(i) / rate
                let thump = Float(0.5 * exp(-t * 12) * sin(2 * .pi * 60 * t))
                let snap = Float(0.15 * exp(-t * 40) * sin(2 * .pi * 2500 * t + Double(hit % 7)))
                l[start + i] += thump + snap
                r[start + i] += thump + snap * 0.7
            }
        }
        if brightness != 0 {
            // A first-order tilt: add (or remove) the difference signal, brighter or darker.
            for x in [0, 1] {
                var s = x == 0 ? l : r
                var previous: Float = 0
                for i in 0..<n {
                    let d = s[i] - previous
                    previous = s[i]
                    s[i] += Float(brightness) * d
                }
                if x == 0 { l = s } else { r = s }
            }
        }
        if kind == "wide" { for i in 0..<(n / 2) { l[i] *= 0.03; r[i] *= 0.03 } }
        if kind == "loud" {
            l = l.map { max(-1, min(1, $0 * 5)) }
            r = r.map { max(-1, min(1, $0 * 5)) }
        }
        return kind == "mono" ? [l] : [l, r]
    }
}

func ebur128(_ path: String) -> (integrated: Double, truePeak: Double)? {
    guard which("ffmpeg") else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
        "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-",
    ]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard let summary = text.range(of: "Summary:") else { return nil }
    let tail = text[summary.upperBound...]
    func value(after key: String) -> Double? {
        guard let r = tail.range(of: key) else { return nil }
        let rest = tail[r.upperBound...].drop { $0 == " " || $0 == ":" }
        return Double(rest.prefix { "-+.0123456789".contains($0) })
    }
    guard let i = value(after: "I:"), let tp = value(after: "Peak:") else { return nil }
    return (i, tp)
}

/// The calling thread's CPU time, seconds.
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func writeMaster(_ channels: [[Float]], rate: Double, bits: Int, to path: String) throws {
    try AudioFile.write(
        AudioBuffer(channels: channels), to: path,
        format: AudioFormat(sampleRate: rate, channelCount: channels.count, encoding: .integer(bits: bits)))
}

func runMasterBenchmark(minutes: Double, speedOnly: Bool = false) throws {
    let rate = 48_000.0
    let dir = NSTemporaryDirectory() + "producer-master-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Speed: a 4-minute stereo mix, with a reference, to Spotify (same rate) and to CD (resampled).
    print("Generating a \(minutes)-minute stereo mix and a reference…")
    let mix = BenchProgramme.make("tonal", seconds: minutes * 60, rate: rate)
    let reference = ToneProfile(
        AudioBuffer(channels: BenchProgramme.make("dense", seconds: 30, rate: rate, seed: 5, brightness: 1.5)),
        sampleRate: rate)
    // Every target (the resampling ones, CD and broadcast from 48 kHz, cost the most). Wall time
    // on core 0 counts whatever else shares it; the thread's CPU time is the chain's own cost.
    var slowest = (name: "", wall: 0.0, cpu: 0.0)
    for name in MasteringTarget.names {
        let chain = Mastering(target: MasteringTarget.named(name)!, reference: reference)
        let start = now(), cpuStart = cpuNow()
        let result = chain.master(mix, sampleRate: rate)
        let seconds = now() - start, cpu = cpuNow() - cpuStart
        if seconds > slowest.wall { slowest = (name, seconds, cpu) }
        print(
            String(
                format:
                    "master %@ (%.0f min stereo, with reference): %.2f s, %.0f× real time (%.2f s CPU, %.0f×; goal ≥ 50×); %.2f LUFS, %.2f dBTP; %d limiter passes, release %.0f ms",
                name, minutes, seconds, minutes * 60 / seconds, cpu, minutes * 60 / cpu,
                result.report.after.integrated ?? -70, result.report.after.truePeak ?? -200, result.report.passes,
                result.report.limiterRelease))
    }
    print(
        String(
            format: "slowest target: %@, %.0f× real time (%.0f× on CPU time; goal ≥ 50×)", slowest.name,
            minutes * 60 / slowest.wall, minutes * 60 / slowest.cpu))
    if speedOnly { return }
    // Accuracy over varied programme.
    print("\nmaterial   target      Producer LUFS / dBTP   ffmpeg LUFS / dBTP   (target LUFS, ceiling)")
    var worst = 0.0, over = -100.0
    for kind
        in (ProcessInfo.processInfo.environment["MASTER_KINDS"].map { $0.split(separator: ",").map(String.init) } ?? [
            "dense", "sparse", "wide", "mono", "loud", "tonal",
        ])
    {
        let x = BenchProgramme.make(kind, seconds: 40, rate: rate, seed: 3)
        for name in ["spotify", "apple", "cd", "broadcast", "-9LUFS"] {
            let target = MasteringTarget.named(name)!
            let result = Mastering(target: target).master(x, sampleRate: rate)
            let path = dir + "/\(kind)-\(name).wav"
            try writeMaster(result.master, rate: result.report.deliveredRate, bits: target.bits, to: path)
            let (read, format, _) = try AudioFile.read(path: path)
            var l = LoudnessMeter(sampleRate: format.sampleRate, channelCount: read.channelCount)
            l.consume(read)
            var p = TruePeakMeter(channelCount: read.channelCount)
            p.consume(read)
            let i = l.result().integrated ?? -70, tp = p.result().truePeakDecibels ?? -200
            let ff = ebur128(path)
            worst = max(worst, abs(i - target.loudness), abs((ff?.integrated ?? i) - target.loudness))
            over = max(over, tp - target.ceiling, (ff?.truePeak ?? tp) - target.ceiling)
            print(
                kind.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: "  %7.2f / %6.2f      ", i, tp)
                    + (ff.map { String(format: "%7.1f / %6.1f   ", $0.integrated, $0.truePeak) }
                        ?? "   (no ffmpeg)      ")
                    + String(format: "  (%.0f, %.0f)", target.loudness, target.ceiling)
                    + String(
                        format: "  gain %.1f dB, release %.0f ms, %d passes", result.report.gain,
                        result.report.limiterRelease, result.report.passes)
                    + (result.report.softClip.map { String(format: ", soft clip %.0f dB", $0) } ?? ""))
        }
    }
    print(
        String(
            format:
                "worst loudness error %.2f LU (goal ≤ 0.5); highest true peak %+.2f dB against the ceiling (goal ≤ 0)",
            worst, over))
    printPumping()
}

/// Pumping: a steady 3 kHz tone under loud kicks (every 0.5 s) mastered to −9 LUFS and to CD; the
/// tone's level swing between the kicks (from 150 ms after one to the next; band-pass Q 30, 20 ms
/// RMS windows) and the report's gain-reduction swing. Goal (the test's bound): the tone steady within 1 dB.
func printPumping() {
    let rate = 48_000.0, n = Int(10 * rate), beat = Int(0.5 * rate)
    var x = (0..<n).map { Float(0.15 * sin(2 * .pi * 3000 * Double($0) / rate)) }
    for start in stride(from: 0, to: n, by: beat) {
        for i in 0..<min(beat, n - start) {
            let t = Double(i) / rate
            x[start + i] += Float(0.8 * exp(-t * 12) * sin(2 * .pi * 60 * t))
        }
    }
    print("\npumping (3 kHz tone under kicks every 0.5 s): tone swing between kicks, goal ≤ 1 dB")
    for name in ["-9LUFS", "cd", "spotify"] {
        let result = Mastering(target: MasteringTarget.named(name)!).master([x, x], sampleRate: rate)
        let out = result.master[0], r = result.report.deliveredRate
        let w0 = 2 * Double.pi * 3000 / r, q = 30.0, alpha = sin(w0) / (2 * q), a0 = 1 + alpha
        var f = Biquad(
            BiquadCoefficients(b0: alpha / a0, b1: 0, b2: -alpha / a0, a1: -2 * cos(w0) / a0, a2: (1 - alpha) / a0))
        let y = out.map { Float(f.process(Double($0))) }
        let window = Int(0.02 * r), hop = Int(0.01 * r), period = Int(0.5 * r)
        var worst = 0.0
        var start = Int(2 * r)
        while start + period <= y.count {
            var levels: [Double] = []
            var w = start + Int(0.15 * r)
            while w + window <= start + period {
                var sum = 0.0
                for i in w..<(w + window) { sum += Double(y[i] * y[i]) }
                levels.append(10 * log10(max(sum / Double(window), 1e-20)))
                w += hop
            }
            worst = max(worst, levels.max()! - levels.min()!)
            start += period
        }
        print(
            String(
                format: "  %@: %.2f LUFS, release %.0f ms, tone swing %.2f dB, reported gain-reduction swing %.2f dB",
                name, result.report.after.integrated ?? -70, result.report.limiterRelease, worst,
                result.report.gainReductionSwing ?? 0))
    }
}
