// producer-bench: Producer's full analysis against ffmpeg's ebur128 (with true peak) on the same file.
//
//   swift run -c release producer-bench [--minutes 10] [--keep]      analyze against ffmpeg
//   swift run -c release producer-bench listen [--minutes 4]           listen against librosa's pyin
//   swift run -c release producer-bench listen-memory [--short 4] [--long 40] [--binary PATH]
//                                                      peak memory of `producer listen`, short vs long take
//   swift run -c release producer-bench mix [--minutes 4] [--runs 2] [--no-sox]   mix against a sox chain
//   swift run -c release producer-bench master [--minutes 4]          mastering speed and accuracy (ffmpeg)
//   swift run -c release producer-bench master-vs-matchering [--minutes 0.5]   against Matchering
//   swift run -c release producer-bench kernels [--seconds 20] [--rounds 5] [--only NAME]   the mix's processors
//   swift run -c release producer-bench align [--minutes 4] [--window S]   mic alignment, × real time
//   swift run -c release producer-bench produce [--songs 4] [--minutes 3] [--lanes 2]   a project, stage by stage
//   swift run -c release producer-bench synth [--minutes 3] [--runs 2]   the preview synth against fluidsynth
//
// Generates a 48 kHz stereo 24-bit file, times `Analyzer.analyze` (one core: it is single-threaded)
// and `ffmpeg -af ebur128=peak=true` pinned to one core, prints both and the ratio, then checks
// that peak memory does not grow with the file's length (the analysis of a file half as long is
// run in a child process and both peak resident sizes are printed).
import Foundation
import ProducerAudio
import ProducerEars

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

var minutes = 10.0
var rate = 48_000.0
var channels = 2
var compare = true
var keep = false
var args = CommandLine.arguments.dropFirst()
if args.first == "pitch-memory" || args.first == "--child-pitch" { try runPitchMemoryCommand(Array(args)); exit(0) }
if args.first == "produce" {
    args.removeFirst()
    try runProduceCommand(Array(args))
    exit(0)
}
if args.first == "synth" {
    args.removeFirst()
    var synthMinutes = 3.0, runs = 2
    while let a = args.popFirst() {
        switch a {
        case "--minutes": synthMinutes = Double(args.popFirst() ?? "") ?? 3
        case "--runs": runs = max(1, Int(args.popFirst() ?? "") ?? 2)
        default: print("usage: producer-bench synth [--minutes M] [--runs N]"); exit(2)
        }
    }
    try runSynthBenchmark(minutes: synthMinutes, runs: runs)
    exit(0)
}
if args.first == "align" {
    args.removeFirst()
    var alignMinutes = 4.0
    var window: Double?
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--minutes": alignMinutes = args.first.flatMap(Double.init) ?? 4; if !args.isEmpty { args.removeFirst() }
        case "--window": window = args.first.flatMap(Double.init); if !args.isEmpty { args.removeFirst() }
        default: print("producer-bench align: unknown option \(a)"); exit(2)
        }
    }
    try runAlignBenchmark(minutes: alignMinutes, window: window)
    exit(0)
}
if args.first == "mix" {
    args.removeFirst()
    var mixMinutes = 4.0, runs = 2, sox = true
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--minutes": mixMinutes = args.first.flatMap(Double.init) ?? 4; if !args.isEmpty { args.removeFirst() }
        case "--runs": runs = max(1, args.first.flatMap(Int.init) ?? 2); if !args.isEmpty { args.removeFirst() }
        case "--no-sox": sox = false
        default: print("usage: producer-bench mix [--minutes M] [--runs N] [--no-sox]"); exit(2)
        }
    }
    try runMixBenchmark(minutes: mixMinutes, runs: runs, compare: sox)
    exit(0)
}
if args.first == "master" || args.first == "master-vs-matchering" {
    let mode = args.removeFirst()
    var masterMinutes = mode == "master" ? 4.0 : 0.5
    var speedOnly = false
    while let a = args.popFirst() {
        switch a {
        case "--minutes": masterMinutes = Double(args.popFirst() ?? "") ?? masterMinutes
        case "--speed": speedOnly = true
        default: print("usage: producer-bench master|master-vs-matchering [--minutes M] [--speed]"); exit(2)
        }
    }
    if mode == "master" {
        try runMasterBenchmark(minutes: masterMinutes, speedOnly: speedOnly)
    } else {
        try runMatcheringBenchmark(seconds: masterMinutes * 60)
    }
    exit(0)
}
if args.first == "kernels" {
    args.removeFirst()
    var seconds = 20.0, rounds = 5
    var only: String?
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--seconds": seconds = args.first.flatMap(Double.init) ?? 20; if !args.isEmpty { args.removeFirst() }
        case "--rounds": rounds = max(1, args.first.flatMap(Int.init) ?? 5); if !args.isEmpty { args.removeFirst() }
        case "--only": only = args.first; if !args.isEmpty { args.removeFirst() }
        default: print("usage: producer-bench kernels [--seconds S] [--rounds N] [--only NAME]"); exit(2)
        }
    }
    runKernelBenchmark(seconds: seconds, rounds: rounds, only: only)
    exit(0)
}
if args.first == "listen-memory" {
    args.removeFirst()
    var short = 4.0, long = 40.0
    var binary: String?
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--short": short = args.first.flatMap(Double.init) ?? 4; if !args.isEmpty { args.removeFirst() }
        case "--long": long = args.first.flatMap(Double.init) ?? 40; if !args.isEmpty { args.removeFirst() }
        case "--binary": binary = args.first; if !args.isEmpty { args.removeFirst() }
        default: print("usage: producer-bench listen-memory [--short M] [--long M] [--binary PATH]"); exit(2)
        }
    }
    try runListenMemoryBenchmark(shortMinutes: short, longMinutes: long, binary: binary)
    exit(0)
}
if args.first == "listen" {
    args.removeFirst()
    var listenMinutes = 4.0
    if args.first == "--minutes", args.count >= 2 { listenMinutes = Double(args[args.startIndex + 1]) ?? 4 }
    try runListenBenchmark(minutes: listenMinutes)
    exit(0)
}
while let a = args.popFirst() {
    switch a {
    case "--minutes": minutes = Double(args.popFirst() ?? "") ?? minutes
    case "--keep": keep = true
    case "--rate": rate = Double(args.popFirst() ?? "") ?? rate
    case "--channels": channels = Int(args.popFirst() ?? "") ?? channels
    case "--no-ffmpeg": compare = false
    case "--child-listen":
        // Used by listen-memory without a producer binary: `listen` one take in process, JSON out.
        let take = args.popFirst() ?? ""
        var settings = ListenSettings(part: .vocal)
        while let flag = args.popFirst() {
            if flag == "--frames" { settings.includesFrames = true; continue }
            let value = args.popFirst()
            switch flag {
            case "--reference": settings.referencePath = value
            case "--click": settings.clickPath = value
            case "--key": settings.key = value
            case "--tempo": settings.tempo = value.flatMap(Double.init)
            case "--part": settings.part = value.flatMap(Part.init(rawValue:)) ?? .other
            default: print("--child-listen TAKE [--reference R] [--click C] [--key K] [--tempo T] [--part P]"); exit(2)
            }
        }
        let report = try ListenJob(takePath: take, settings: settings).run()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        FileHandle.standardOutput.write(try encoder.encode(report))
        exit(0)
    case "--child-analyze":
        // Used by the memory check: analyse one file and exit.
        _ = try Analyzer().analyze(path: args.popFirst() ?? "")
        exit(0)
    default:
        print("usage: producer-bench [--minutes M] [--rate HZ] [--channels N] [--no-ffmpeg] [--keep]"); exit(2)
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Writes `minutes` of a programme-like signal (tones, noise, level changes) as 24-bit WAV
/// (RF64 on its own past 4 GiB).
func generate(path: String, minutes: Double, rate: Double, channels: Int) throws {
    let total = Int(minutes * 60 * rate)
    let writer = try AudioFileWriter(
        path: path, format: AudioFormat(sampleRate: rate, channelCount: channels, encoding: .integer(bits: 24)))
    let block = Int(rate)
    var buffer = AudioBuffer(channelCount: channels, frameCapacity: block)
    var seed: UInt64 = 0x1234_5678
    var done = 0
    var phase = 0.0, phase2 = 0.0
    while done < total {
        let n = min(block, total - done)
        buffer.frameCount = n
        let second = done / block
        let level = 0.1 + 0.3 * Double((second * 7919) % 10) / 10  // loudness changes every second
        for i in 0..<n {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            let noise = Double(Int64(bitPattern: seed) >> 11) / Double(1 << 52) * 0.05
            phase += 2 * Double.pi * 220 / rate
            phase2 += 2 * Double.pi * 3_517 / rate
            let s = level * (sin(phase) + 0.3 * sin(phase2))
            buffer[0, i] = Float(s + noise)
            for c in 1..<channels { buffer[c, i] = Float(Double(channels - c) / Double(channels) * s - noise) }
        }
        if phase > 1e6 { phase = fmod(phase, 2 * .pi); phase2 = fmod(phase2, 2 * .pi) }
        try writer.write(buffer)
        done += n
    }
    try writer.finish()
}

/// Runs a command, returns (seconds, exit status, peak resident kB of the child).
func run(_ argv: [String]) throws -> (seconds: Double, status: Int32, maxRSSkB: Int) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = argv
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let t0 = now()
    try p.run()
    p.waitUntilExit()
    let t = now() - t0
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #else
    getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    return (t, p.terminationStatus, Int(usage.ru_maxrss))
}

func which(_ tool: String) -> Bool {
    (try? run(["sh", "-c", "command -v \(tool)"]).status) == 0
}

let dir = NSTemporaryDirectory() + "producer-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
let file = dir + "/programme-\(minutes)min.wav"
let half = dir + "/programme-half.wav"
print("Generating \(minutes) minutes of \(Int(rate)) Hz, \(channels)-channel, 24-bit audio…")
try generate(path: file, minutes: minutes, rate: rate, channels: channels)
try generate(path: half, minutes: minutes / 2, rate: rate, channels: channels)

// Producer, in this process, best of 3 (of 1 for long files).
var producerBest = Double.infinity
var result: FileAnalysis?
let repeats = minutes > 30 ? 1 : 3
for _ in 0..<repeats {
    let t0 = now()
    result = try Analyzer().analyze(path: file)
    producerBest = min(producerBest, now() - t0)
}
let audioSeconds = minutes * 60
print(
    String(
        format: "producer analyze (full analysis)      %7.3f s   %6.0f× real time, %.0f M samples/s",
        producerBest, audioSeconds / producerBest, audioSeconds * rate * Double(channels) / producerBest / 1e6))
if let r = result {
    print(
        String(
            format: "  integrated %.2f LUFS, LRA %.2f LU, true peak %.2f dBTP",
            r.integratedLoudness ?? .nan, r.loudnessRange ?? .nan, r.truePeak ?? .nan))
}

// Memory: a child process per file, run before any other child (getrusage keeps the largest
// child's peak); peak resident size must not grow with length.
let me = CommandLine.arguments[0]
let halfRun = try run([me, "--child-analyze", half])
let halfRSS = halfRun.maxRSSkB
let fullRun = try run([me, "--child-analyze", file])
let fullRSS = max(fullRun.maxRSSkB, halfRSS)
print(
    "peak memory: \(halfRSS / 1024) MiB for \(minutes / 2) min, \(fullRSS / 1024) MiB for \(minutes) min "
        + (fullRSS <= halfRSS + 2048 ? "(does not grow with length)" : "(GROWS with length)"))

// ffmpeg, pinned to one core when taskset exists, best of 3.
if !compare {
    print("(ffmpeg comparison skipped)")
} else if which("ffmpeg") {
    let pin = which("taskset") ? ["taskset", "-c", "0"] : []
    var ffBest = Double.infinity
    for _ in 0..<3 {
        let r = try run(
            pin + [
                "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", file,
                "-af", "ebur128=peak=true", "-f", "null", "-",
            ])
        guard r.status == 0 else { print("ffmpeg failed with status \(r.status)"); exit(1) }
        ffBest = min(ffBest, r.seconds)
    }
    print(
        String(
            format: "ffmpeg -af ebur128=peak=true (1 core)  %7.3f s   %6.0f× real time", ffBest, audioSeconds / ffBest))
    print(
        String(
            format: "ratio: Producer is %.1f× faster than ffmpeg ebur128 with true peak (goal ≥ 5×)",
            ffBest / producerBest))
} else {
    print("ffmpeg not found: install it (apt-get install ffmpeg) to compare")
}

if !keep { try? FileManager.default.removeItem(atPath: dir) } else { print("kept \(dir)") }
