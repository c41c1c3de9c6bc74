// producer-bench produce: issue 14's speed goal, a 4-song project of 8 stems × 3 minutes plus 3
// takes of the lead vocal per song, produced in under 60 s. Writes the project (DemoProject) in
// a temporary folder, then runs on it, per song and two songs at a time, the stages produce is
// made of, in process: the file checks of every file, the lead's takes ranked and comped against
// its reference, the overheads aligned, the mix assistant over the comp, the other stems and the
// aligned mics (rendered), the masters for Spotify (toward the reference) and CD, as `producer
// demo` makes them, and their delivery check. Prints each
// stage's time and × real time, the total, the wall time and the goal; then times ffmpeg's
// ebur128 on each song's mix against Producer's analysis of the same mix.
import Foundation
import ProducerAudio
import ProducerEars
import ProducerJobs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stages timed, in order.
private let produceStages = ["analyze", "takes + comp", "align", "automix + render", "master", "delivery QC"]

/// One song's stage times, seconds, and its mix.
private struct SongTimes: Sendable {
    var song: String
    var seconds: [String: Double]
    var mix: String
}

/// PRODUCE: the one call site of the lead's pipeline. When `ProduceJob` lands, replace the body
/// with `try await ProduceJob(project: folder).run(); return true` and the benchmark times it as a
/// whole beside the stages below.
private func runProducePipeline(folder: String) async throws -> Bool {
    // PRODUCE: try await ProduceJob(project: folder).run(); return true
    false
}

/// `producer-bench produce [--songs N] [--minutes M] [--lanes L] [--no-ffmpeg] [--keep]`.
func runProduceCommand(_ arguments: [String]) throws {
    var songs = 4, minutes = 3.0, lanes = 2, ffmpeg = true, keep = false
    var args = arguments[...]
    while let a = args.popFirst() {
        switch a {
        case "--songs": songs = Int(args.popFirst() ?? "").map { min(5, max(1, $0)) } ?? songs
        case "--minutes": minutes = Double(args.popFirst() ?? "") ?? minutes
        case "--lanes": lanes = Int(args.popFirst() ?? "").map { max(1, $0) } ?? lanes
        case "--no-ffmpeg": ffmpeg = false
        case "--keep": keep = true
        default:
            print("usage: producer-bench produce [--songs N] [--minutes M] [--lanes L] [--no-ffmpeg] [--keep]")
            exit(2)
        }
    }
    final class Outcome: @unchecked Sendable { var error: (any Error)? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let (s, m, l, f, k) = (songs, minutes, lanes, ffmpeg, keep)
    Task {
        do {
            try await runProduceBenchmark(songs: s, minutes: m, lanes: l, ffmpeg: f, keep: k)
        } catch {
            outcome.error = error
        }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}

private func wallClock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds this process has used (user + system, all threads).
private func processCPU() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private func runProduceBenchmark(songs: Int, minutes: Double, lanes: Int, ffmpeg: Bool, keep: Bool) async throws {
    let dir = NSTemporaryDirectory() + "producer-bench-produce-\(getpid())"
    let folder = dir + "/project"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } else { print("kept \(dir)") } }
    let seconds = minutes * 60
    print(
        "produce: \(songs) song\(songs == 1 ? "" : "s") × \(fixed(minutes, 1)) min at 48 kHz: 7 one-take stems, "
            + "3 takes of the lead, 2 overheads and a reference per song, \(lanes) song\(lanes == 1 ? "" : "s") at a time, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

    var t0 = wallClock()
    var cpu0 = processCPU()
    let written = try await DemoProject(songs: songs, seconds: seconds).write(to: folder, now: Date())
    let writing = wallClock() - t0
    let writingCPU = processCPU() - cpu0
    let files = written.songs.reduce(0) { $0 + $1.stems.count + $1.leadTakes.count + $1.overheads.count + 1 }
    print(
        String(
            format: "writing the project (%d audio files, %.0f min of audio): %.1f s (%.1f s of CPU)", files,
            Double(files) * minutes, writing, writingCPU))

    t0 = wallClock()
    if try await runProducePipeline(folder: folder) {
        print(String(format: "producer produce (the pipeline, whole): %.1f s (goal < 60 s)", wallClock() - t0))
    } else {
        print("(ProduceJob is not there yet: its stages, timed one by one as separate jobs on the same files)")
    }

    t0 = wallClock()
    cpu0 = processCPU()
    var times: [SongTimes] = []
    try await withThrowingTaskGroup(of: SongTimes.self) { group in
        var next = 0
        func add() {
            let song = written.songs[next]
            group.addTask { try produceStagesOnce(song: song, folder: folder) }
            next += 1
        }
        while next < min(lanes, written.songs.count) { add() }
        while let done = try await group.next() {
            times.append(done)
            if next < written.songs.count { add() }
        }
    }
    let wall = wallClock() - t0
    let cpu = processCPU() - cpu0
    times.sort { $0.song < $1.song }
    let audio = seconds * Double(songs)
    print("")
    print("stage                 seconds   × real time   (summed over the songs; \(fixed(audio / 60, 1)) min of songs)")
    var total = 0.0
    for stage in produceStages {
        let s = times.reduce(0) { $0 + ($1.seconds[stage] ?? 0) }
        total += s
        print(
            "  " + stage.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: " %8.2f   %9.1f×", s, audio / s))
    }
    print("  total              " + String(format: " %8.2f   %9.1f×", total, audio / total))
    print(
        String(
            format: "wall time, %d at a time: %.1f s (%.1f× real time) — goal < 60 s for 4 songs of 3 min: %@", lanes,
            wall, audio / wall, wall < 60 ? "met" : "NOT met"))
    let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
    print(
        String(
            format: "CPU: %.1f s (user + system); this run had %.0f %% of the %.0f cores (others' work shares them), "
                + "so on the cores alone the stages would take about %.0f s", cpu, 100 * cpu / wall / cores, cores,
            cpu / cores))

    // The anchor: ffmpeg's loudness meter on each song's mix, against Producer's analysis of it.
    guard ffmpeg else { print("(ffmpeg comparison skipped)"); return }
    guard which("ffmpeg") else { print("ffmpeg not found: install it (apt-get install ffmpeg) to compare"); return }
    let pin = which("taskset") ? ["taskset", "-c", "0"] : []
    var ours = 0.0, theirs = 0.0
    for song in times {
        var start = wallClock()
        _ = try Analyzer().analyze(path: song.mix)
        ours += wallClock() - start
        start = wallClock()
        let r = try run(
            pin + [
                "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", song.mix, "-af", "ebur128",
                "-f", "null", "-",
            ])
        guard r.status == 0 else { print("ffmpeg failed with status \(r.status) on \(song.mix)"); return }
        theirs += r.seconds
    }
    print(
        String(
            format:
                "the mixes: producer analyze %.2f s, ffmpeg -af ebur128 (1 core) %.2f s: ratio %.2f (ours / ffmpeg's)",
            ours, theirs, ours / theirs))
    print(
        String(
            format:
                "ratio: Producer is %.1f× faster than ffmpeg ebur128 on the mixes; the whole of the stages takes %.0f× ffmpeg's time",
            theirs / ours, total / theirs))
}

/// The stages of one song, one after the other, each timed; outputs in `out/SONG/` as produce writes them.
private func produceStagesOnce(song: DemoProject.Song, folder: String) throws -> SongTimes {
    let out = folder + "/out/" + song.id
    try FileManager.default.createDirectory(atPath: out + "/comps", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: out + "/masters", withIntermediateDirectories: true)
    var seconds: [String: Double] = [:]
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = wallClock()
        defer { seconds[stage, default: 0] += wallClock() - start }
        return try body()
    }
    // Technical QC of every file.
    try timed("analyze") {
        for file in song.stems + song.leadTakes + song.overheads + [song.reference] {
            _ = try Analyzer().analyze(path: file)
        }
    }
    // Feedback on every take, ranking and the comp.
    var settings = ListenSettings(referencePath: song.leadReference, key: song.key, part: .vocal)
    settings.tempo = song.tempo
    let comp = out + "/comps/\(DemoProject.leadPart).wav"
    _ = try timed("takes + comp") {
        try TakesJob(takePaths: song.leadTakes, settings: settings, compPath: comp, replacesExisting: true).run()
    }
    // The multi-mic group.
    let aligned = try timed("align") {
        try AlignJob(
            reference: song.overheads[0], mics: Array(song.overheads.dropFirst()),
            outputDirectory: out + "/aligned/overheads", replacesExisting: true
        ).run()
    }
    // The mix assistant over the comp, the other stems and the aligned mics.
    let mix = out + "/mix.wav"
    let stems = [comp] + song.stems + [song.overheads[0]] + aligned.mics.map(\.output)
    _ = try timed("automix + render") {
        try AutomixJob(
            stems: stems, output: out + "/session.yaml", render: mix, reference: song.reference, tempo: song.tempo,
            replacesExisting: true
        ).run()
    }
    // Masters for each target, and their delivery check.
    var masters: [String] = []
    for target in ["spotify", "cd"] {
        let master = out + "/masters/\(target).wav"
        _ = try timed("master") {
            try MasterJob(
                inputs: [mix], output: master, target: target,
                reference: target == "spotify" ? song.reference : nil, replacesExisting: true
            ).run()
        }
        masters.append(master)
    }
    try timed("delivery QC") {
        for master in masters { _ = try Analyzer().analyze(path: master) }
    }
    return SongTimes(song: song.id, seconds: seconds, mix: mix)
}
