// producer-bench mix: a generated 16-track, 4-minute, 48 kHz session (high-pass, 4-band EQ and a
// compressor on every track, two reverb sends, a limiter on the master) rendered by Producer,
// and the same chain as sox command lines on the same material, both using the two cores.
import Foundation
import ProducerAudio
import ProducerConsole

func runMixBenchmark(minutes: Double, tracks: Int = 16, runs: Int = 2, compare: Bool = true) throws {
    let rate = 48_000.0
    let dir = NSTemporaryDirectory() + "producer-mix-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir + "/tracks", withIntermediateDirectories: true)
    let keep = ProcessInfo.processInfo.environment["PRODUCER_BENCH_KEEP"] != nil
    defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } else { print("kept \(dir)") } }
    print("Generating \(tracks) mono tracks of \(minutes) minutes at 48 kHz…")
    let frames = Int(minutes * 60 * rate)
    for t in 0..<tracks {
        let writer = try AudioFileWriter(
            path: dir + "/tracks/t\(t).wav",
            format: AudioFormat(sampleRate: rate, channelCount: 1, encoding: .integer(bits: 24)))
        var buffer = AudioBuffer(channelCount: 1, frameCapacity: 48_000)
        var track = BenchTrack(t, rate: rate)
        var done = 0
        while done < frames {
            let n = min(48_000, frames - done)
            buffer.frameCount = n
            for i in 0..<n { buffer[0, i] = track.next() }
            try writer.write(buffer)
            done += n
        }
        try writer.finish()
    }
    var yaml = "sampleRate: 48000\ntempo: 120\ntracks:\n"
    for t in 0..<tracks {
        yaml += """
              - name: T\(t)
                file: tracks/t\(t).wav
                pan: \(Double(t % 5 - 2) / 2)
                inserts:
                  - eq: { highpass: 80, bands: [{ freq: 200, gain: -2, q: 1 }, { freq: 800, gain: 1.5, q: 1 }, { freq: 3000, gain: 2, q: 1 }, { freq: 8000, gain: 1, q: 0.7 }] }
                  - compressor: { threshold: -18, ratio: 3, attack: 10, release: 120 }
                sends: [{ bus: Plate, level: -14 }, { bus: Room, level: -18 }]

            """
    }
    yaml += """
        buses:
          - name: Plate
            inserts: [{ reverb: { size: 0.7, mix: 1.0 } }]
          - name: Room
            inserts: [{ reverb: { size: 0.3, mix: 1.0 } }]
        master:
          inserts: [{ limiter: { ceiling: -1.0 } }]

        """
    try yaml.write(toFile: dir + "/session.yaml", atomically: true, encoding: .utf8)
    let session = try Session(path: dir + "/session.yaml")
    // The tracks just written go to disk first, so that the kernel's writeback does not run during the timed renders.
    sync()
    let audio = minutes * 60
    var best = Double.infinity
    var times: [Double] = []
    let serial = ProcessInfo.processInfo.environment["PRODUCER_BENCH_SERIAL"] != nil
    for _ in 0..<runs {
        let t0 = now()
        var mixdown = Mixdown(encoding: .integer(bits: 24), replacesExisting: true)
        // PRODUCER_BENCH_SERIAL=1: one thread (repeatable instruction counts under callgrind).
        mixdown.parallel = !serial
        if let b = ProcessInfo.processInfo.environment["PRODUCER_BENCH_BLOCK"].flatMap({ Int($0) }) {
            mixdown.blockFrames = b
        }
        _ = try mixdown.render(session, to: dir + "/mix.wav")
        times.append(now() - t0)
        best = min(best, times.last!)
    }
    let median = times.sorted()[times.count / 2]
    print(
        String(
            format: "producer mix (16 tracks, 2 reverbs, limiter)  %7.2f s  %6.0f× real time (goal %@)", best,
            audio / best,
            serial ? "≥ 75× on one thread" : "≥ 150× on 2 cores")
            + (runs > 2 ? String(format: "; median of %d runs %.2f s, %.0f×", runs, median, audio / median) : ""))
    guard compare else { return }

    guard which("sox") else { print("sox not found: install it to compare"); return }
    // sox: per track high-pass, 4 equalizers and compand (2 at a time), then mix, reverbs, limiter.
    let chain =
        "highpass 80 equalizer 200 1q -2 equalizer 800 1q 1.5 equalizer 3000 1q 2 equalizer 8000 0.7q 1 compand 0.01,0.12 6:-18,-18,-12 0 -90 0.01"
    let script = """
        cd \(dir) && mkdir -p sox &&
        ls tracks/*.wav | xargs -P 2 -I{} sh -c 'sox {} sox/$(basename {}) \(chain)' &&
        sox -m sox/*.wav -c 2 sox/sum.wav &&
        (sox sox/sum.wav sox/plate.wav reverb 70 & sox sox/sum.wav sox/room.wav reverb 30 & wait) &&
        sox -m sox/sum.wav sox/plate.wav sox/room.wav sox/master.wav compand 0.001,0.05 -1.1,-1.1,-1,-1 0 -90 0.001
        """
    let t0 = now()
    let r = try run(["sh", "-c", script])
    let soxSeconds = now() - t0
    guard r.status == 0 else { print("the sox chain failed (status \(r.status))"); return }
    print(
        String(
            format: "sox command lines (same chain, 2 cores)        %7.2f s  %6.0f× real time", soxSeconds,
            audio / soxSeconds))
    print(String(format: "ratio: Producer renders %.1f× faster than the sox chain", soxSeconds / best))
}

/// Track `t` of the mix benchmark, sample by sample: a tone at 55 Hz × (t mod 8 + 1) swelling
/// and fading twice a second (0 … −12 dBFS), and a little noise (xorshift, ±0.05).
struct BenchTrack {
    private var seed: UInt64
    private var phase = 0.0
    private var frame = 0
    private let step: Double, rate: Double

    init(_ t: Int, rate: Double) {
        seed = UInt64(t + 1) &* 0x9E37_79B9_7F4A_7C15
        step = 2 * Double.pi * 55 * Double(t % 8 + 1) / rate
        self.rate = rate
    }

    mutating func next() -> Float {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        phase += step
        if phase > 1e6 { phase = fmod(phase, 2 * Double.pi) }
        let env = 0.5 + 0.5 * sin(Double(frame) / rate * 2 * Double.pi * 0.5)
        frame += 1
        return Float(0.25 * env * sin(phase) + Double(Int64(bitPattern: seed) >> 11) / Double(1 << 52) * 0.05)
    }
}
