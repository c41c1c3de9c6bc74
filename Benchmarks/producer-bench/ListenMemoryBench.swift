// producer-bench listen-memory: peak memory of the release `producer listen` binary on a short
// and a long take (4 and 40 minutes by default), each run as a child process; the goal is that
// the long take needs at most 1.5× the memory of the short one.
import Foundation
import ProducerAudio

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `minutes` of a mono 44.1 kHz 24-bit sine melody (a note every 0.25–0.9 s, with rests,
/// three harmonics and a soft attack) in blocks, without holding the take in memory.
func writeSineMelody(path: String, minutes: Double, rate: Double = 44_100) throws {
    let writer = try AudioFileWriter(
        path: path, format: AudioFormat(sampleRate: rate, channelCount: 1, encoding: .integer(bits: 24)))
    var melody = SineMelodyGenerator(minutes: minutes, rate: rate)
    var block = [Float](repeating: 0, count: 65_536)
    var buffer = AudioBuffer(channelCount: 1, frameCapacity: block.count)
    while true {
        let n = melody.fill(&block)
        guard n > 0 else { break }
        buffer.frameCount = n
        for i in 0..<n { buffer[0, i] = block[i] }
        try writer.write(buffer)
    }
    try writer.finish()
}

/// Runs `argv` (a path and its arguments) as a child process with its output discarded, and
/// returns its exit status, peak resident size (KiB, from wait4's rusage) and wall time.
func childPeakMemory(_ argv: [String]) throws -> (status: Int32, maxRSSkB: Int, seconds: Double) {
    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for a in cArgs + cEnv { free(a) } }
    var pid: pid_t = 0
    let t0 = now()
    let err = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard err == 0 else {
        throw NSError(
            domain: "producer-bench", code: Int(err),
            userInfo: [NSLocalizedDescriptionKey: "cannot start \(argv[0]): \(String(cString: strerror(err)))"])
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = now() - t0
    #if canImport(Darwin)
    let kB = Int(usage.ru_maxrss) / 1024  // bytes on macOS
    #else
    let kB = Int(usage.ru_maxrss)  // KiB on Linux
    #endif
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitStatus, kB, seconds)
}

func runListenMemoryBenchmark(shortMinutes: Double, longMinutes: Double, binary: String?) throws {
    let producer =
        binary
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("producer").path
    // Without a producer binary, the same ListenJob runs in a child producer-bench.
    let command: [String]
    if FileManager.default.isExecutableFile(atPath: producer) {
        command = [producer, "listen"]
        print("Running \(producer) listen --part vocal --json")
    } else {
        command = [CommandLine.arguments[0], "--child-listen"]
        print(
            "\(producer) not found (swift build -c release --product producer, or --binary PATH): "
                + "running the same ListenJob in a child producer-bench instead")
    }
    let dir = NSTemporaryDirectory() + "producer-listen-memory-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var figures: [(minutes: Double, kB: Int)] = []
    for minutes in [shortMinutes, longMinutes] {
        let path = dir + "/take-\(minutes)min.wav"
        print("Writing a \(minutes)-minute 44.1 kHz mono sine-melody take…")
        try writeSineMelody(path: path, minutes: minutes)
        let r = try childPeakMemory(command + [path] + (command.last == "listen" ? ["--part", "vocal", "--json"] : []))
        guard r.status == 0 else { print("producer listen failed with status \(r.status) on \(path)"); exit(1) }
        print(
            String(
                format: "producer listen, %5.1f min take: peak memory %7.1f MiB  (%.1f s)",
                minutes, Double(r.maxRSSkB) / 1024, r.seconds))
        figures.append((minutes, r.maxRSSkB))
        try? FileManager.default.removeItem(atPath: path)
    }
    let ratio = Double(figures[1].kB) / Double(max(1, figures[0].kB))
    print(
        String(
            format: "ratio: the %.0f-minute take needs %.2f× the memory of the %.0f-minute take (goal ≤ 1.5×)",
            longMinutes, ratio, shortMinutes))
}
