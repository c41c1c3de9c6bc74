// producer-bench produce: issue 14's speed goal, a 4-song project of 8 stems × 3 minutes plus 3
// takes of the lead vocal per song, produced in under 60 s. Writes the project (DemoProject) in
// a temporary folder, then runs `ProduceJob` on it in process (songs and stages in parallel on the
// cores, as `producer produce` does) and prints each stage's time (summed over the songs) and ×
// real time, the wall time against the goal, and a second, incremental run; then times ffmpeg's
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

/// `producer-bench produce [--songs N] [--minutes M] [--no-ffmpeg] [--keep]`.
func runProduceCommand(_ arguments: [String]) throws {
    var songs = 4, minutes = 3.0, ffmpeg = true, keep = false
    var args = arguments[...]
    while let a = args.popFirst() {
        switch a {
        case "--songs": songs = Int(args.popFirst() ?? "").map { min(5, max(1, $0)) } ?? songs
        case "--minutes": minutes = Double(args.popFirst() ?? "") ?? minutes
        case "--no-ffmpeg": ffmpeg = false
        case "--keep": keep = true
        default:
            print("usage: producer-bench produce [--songs N] [--minutes M] [--no-ffmpeg] [--keep]")
            exit(2)
        }
    }
    final class Outcome: @unchecked Sendable { var error: (any Error)? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let (s, m, f, k) = (songs, minutes, ffmpeg, keep)
    Task {
        do {
            try await runProduceBenchmark(songs: s, minutes: m, ffmpeg: f, keep: k)
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

private func runProduceBenchmark(songs: Int, minutes: Double, ffmpeg: Bool, keep: Bool) async throws {
    let dir = NSTemporaryDirectory() + "producer-bench-produce-\(getpid())"
    let folder = dir + "/project"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } else { print("kept \(dir)") } }
    let seconds = minutes * 60
    print(
        "produce: \(songs) song\(songs == 1 ? "" : "s") × \(fixed(minutes, 1)) min at 48 kHz: 7 one-take stems, "
            + "3 takes of the lead, 2 overheads and a reference per song, songs and stages side by side on "
            + "the \(ProcessInfo.processInfo.activeProcessorCount) cores")

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
    cpu0 = processCPU()
    let report = try await ProduceJob(project: folder).run()
    let wall = wallClock() - t0
    let cpu = processCPU() - cpu0
    let audio = seconds * Double(songs)
    print("")
    print(
        "stage        seconds   × real time   (summed over the songs, which run side by side; \(fixed(audio / 60, 1)) min of songs)"
    )
    var total = 0.0
    for stage in report.stages {
        total += stage.seconds
        print(
            "  " + stage.stage.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: " %8.2f   %9.1f×", stage.seconds, audio / stage.seconds))
    }
    print("  total     " + String(format: " %8.2f   %9.1f×", total, audio / total))
    print(
        String(
            format: "producer produce, wall time: %.1f s (%.1f× real time) — goal < 60 s for 4 songs of 3 min: %@",
            wall, audio / wall, wall < 60 ? "met" : "NOT met"))
    let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
    print(
        String(
            format: "CPU: %.1f s (user + system); this run had %.0f %% of the %.0f cores (others' work shares them), "
                + "so on the cores alone it would take about %.0f s", cpu, 100 * cpu / wall / cores, cores, cpu / cores)
    )
    t0 = wallClock()
    let again = try await ProduceJob(project: folder).run()
    print(
        String(
            format: "a second run, nothing changed: %.2f s (%d of %d stages kept)", wallClock() - t0,
            again.songs.flatMap(\.stages).filter { !$0.redone }.count, again.songs.flatMap(\.stages).count))
    let mixes = report.songs.compactMap { $0.mix.map { folder + "/" + $0.output } }

    // The anchor: ffmpeg's loudness meter on each song's mix, against Producer's analysis of it.
    guard ffmpeg else { print("(ffmpeg comparison skipped)"); return }
    guard which("ffmpeg") else { print("ffmpeg not found: install it (apt-get install ffmpeg) to compare"); return }
    let pin = which("taskset") ? ["taskset", "-c", "0"] : []
    var ours = 0.0, theirs = 0.0
    for mix in mixes {
        var start = wallClock()
        _ = try Analyzer().analyze(path: mix)
        ours += wallClock() - start
        start = wallClock()
        let r = try run(
            pin + [
                "ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-threads", "1", "-i", mix, "-af", "ebur128",
                "-f", "null", "-",
            ])
        guard r.status == 0 else { print("ffmpeg failed with status \(r.status) on \(mix)"); return }
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
                "ratio: Producer is %.1f× faster than ffmpeg ebur128 on the mixes; the whole of produce takes %.0f× ffmpeg's time",
            theirs / ours, wall / theirs))
}
