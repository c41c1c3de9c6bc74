// producer-bench synth: a generated 3-minute, 6-part arrangement (drums, bass, keys, guitar, pad,
// strings at 100 BPM) written as a type-1 MIDI file with track names and General MIDI programs;
// timed as rendered by the preview synth alone (every part, one core), through ArrangementPreview
// (the console: strips, a reverb return, the master limiter, a 24-bit WAV; one core), and by
// fluidsynth with the GM soundfont rendering the same MIDI file to WAV (one core), in the same run.
import Foundation
import ProducerConsole
import ProducerMusic

func runSynthBenchmark(minutes: Double, runs: Int) throws {
    let dir = NSTemporaryDirectory() + "producer-synth-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let keep = ProcessInfo.processInfo.environment["PRODUCER_BENCH_KEEP"] != nil
    defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } else { print("kept \(dir)") } }
    let song = BenchArrangement(minutes: minutes)
    let midiPath = dir + "/song.mid"
    try Data(song.midiBytes()).write(to: URL(fileURLWithPath: midiPath))
    let file = try MIDIFile(path: midiPath)
    let notes = file.notes()
    let seconds = file.duration
    print(
        String(
            format: "Arrangement: %d parts, %d notes, %.0f s at 100 BPM (%@)", song.parts.count, notes.count, seconds,
            song.parts.map { "\($0.instrument.rawValue) \($0.notes.count)" }.joined(separator: ", ")))

    // 1. The synth alone: each part rendered to its end in 8192-frame blocks, one thread.
    var synthBest = Double.infinity, synthCPU = Double.infinity
    var peak: Float = 0
    var partSeconds = [Double](repeating: .infinity, count: song.parts.count)
    for _ in 0..<runs {
        let t0 = now(), c0 = cpuNow()
        var left = [Float](repeating: 0, count: 8192), right = left
        for (index, part) in song.parts.enumerated() {
            let p0 = now()
            defer { partSeconds[index] = min(partSeconds[index], now() - p0) }
            var synth = InstrumentSynth(
                instrument: part.instrument, sampleRate: 48_000, notes: notes.filter { $0.track == index + 1 })
            var frame: Int64 = 0
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    while frame < synth.endFrame {
                        let n = Int(min(8192, synth.endFrame - frame))
                        synth.render(intoLeft: l.baseAddress!, right: r.baseAddress!, frame: frame, count: n)
                        for i in 0..<n { peak = max(peak, abs(l[i])) }
                        frame += Int64(n)
                    }
                }
            }
        }
        synthBest = min(synthBest, now() - t0)
        synthCPU = min(synthCPU, cpuNow() - c0)
    }
    print(
        String(
            format: "preview synth, 6 parts (one core)        %6.2f s (CPU %.2f s)  %4.0f× real time (goal < 3 s)",
            synthBest, synthCPU, seconds / synthBest))
    print(
        "  by part (best run): "
            + zip(song.parts, partSeconds).map { String(format: "%@ %.2f s", $0.instrument.rawValue, $1) }.joined(
                separator: ", "))

    // 2. Through the console: ArrangementPreview on one thread, to a 24-bit WAV.
    var consoleBest = Double.infinity, consoleCPU = Double.infinity
    for _ in 0..<runs {
        let t0 = now(), c0 = cpuNow()
        try ArrangementPreview.render(midi: midiPath, to: dir + "/preview.wav", force: true, parallel: false)
        consoleBest = min(consoleBest, now() - t0)
        consoleCPU = min(consoleCPU, cpuNow() - c0)
    }
    print(
        String(
            format: "ArrangementPreview → WAV (one core)     %6.2f s (CPU %.2f s)  %4.0f× real time", consoleBest,
            consoleCPU, seconds / consoleBest))

    // 3. The anchor: fluidsynth with the GM soundfont, the same MIDI file to a WAV, pinned to one core.
    let soundfonts = ["/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/sounds/sf2/default-GM.sf2"]
    guard let fluid = findTool("fluidsynth"), let font = soundfonts.first(where: FileManager.default.fileExists)
    else {
        print(
            "fluidsynth or its GM soundfont is missing (Debian: apt-get install fluidsynth fluid-soundfont-gm): no anchor"
        )
        return
    }
    var arguments = [
        fluid, "-n", "-i", "-q", "-r", "48000", "-O", "s24", "-T", "wav", "-F", dir + "/fluid.wav", font, midiPath,
    ]
    if let taskset = findTool("taskset") { arguments = [taskset, "-c", "0"] + arguments }
    var fluidBest = Double.infinity, fluidCPU = Double.infinity
    for _ in 0..<runs {
        let c0 = childrenCPU()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: arguments[0])
        p.arguments = Array(arguments.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let t0 = now()
        try p.run()
        p.waitUntilExit()
        let t = now() - t0
        guard p.terminationStatus == 0 else {
            print("fluidsynth failed (status \(p.terminationStatus)): no anchor")
            return
        }
        fluidBest = min(fluidBest, t)
        fluidCPU = min(fluidCPU, childrenCPU() - c0)
    }
    print(
        String(
            format: "fluidsynth + FluidR3 GM → WAV (one core) %6.2f s (CPU %.2f s)  %4.0f× real time", fluidBest,
            fluidCPU, seconds / fluidBest))
    print(
        String(
            format: "ratio by CPU time: the synth %.2f× faster than fluidsynth; through the console %.2f×",
            fluidCPU / synthCPU, fluidCPU / consoleCPU))
}

/// CPU seconds (user + system) of the children waited for so far.
func childrenCPU() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    #else
    getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func findTool(_ name: String) -> String? {
    for dir in ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"] {
        let path = dir + "/" + name
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// A generated pop arrangement at 100 BPM in 4/4: Am F C G, sections of 8 bars (the drums fill into each).
struct BenchArrangement {
    struct Part {
        var instrument: Instrument
        var notes: [(pitch: Int, start: Double, end: Double, velocity: Int)] = []
    }
    var parts: [Part]
    let bpm = 100.0

    init(minutes: Double) {
        let beat = 60 / bpm
        let bars = Int((minutes * 60 / (4 * beat)).rounded())
        let roots = [45, 41, 48, 43]  // A2 F2 C3 G2
        let chords = [[57, 60, 64], [57, 60, 65], [55, 60, 64], [55, 59, 62]]  // smooth voicings
        var drums = Part(instrument: .drums), bass = Part(instrument: .bass), keys = Part(instrument: .keys)
        var guitar = Part(instrument: .guitar), pad = Part(instrument: .pad), strings = Part(instrument: .strings)
        var seed: UInt64 = 7
        func jitter(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % (2 * n + 1) - n
        }
        for bar in 0..<bars {
            let t = Double(bar) * 4 * beat
            let c = bar % 4
            let chorus = (bar / 8) % 2 == 1
            let fill = bar % 8 == 7
            // Drums: kick 1, 3 (and the and of 3 in choruses), snare 2, 4, eighth hats, crash on sections.
            for k in [0.0, 2.0] + (chorus ? [2.5] : []) {
                drums.notes.append((36, t + k * beat, t + k * beat + 0.1, 105 + jitter(8)))
            }
            for k in [1.0, 3.0] { drums.notes.append((38, t + k * beat, t + k * beat + 0.1, 100 + jitter(10))) }
            for e in 0..<(fill ? 6 : 8) {
                let open = e == 7 && bar % 2 == 1
                drums.notes.append(
                    (open ? 46 : 42, t + Double(e) * beat / 2, t + Double(e + 1) * beat / 2, 70 + jitter(15)))
            }
            if fill {
                for (i, tom) in [50, 48, 45, 43].enumerated() {
                    drums.notes.append(
                        (tom, t + (3 + Double(i) / 4) * beat, t + (3 + Double(i + 1) / 4) * beat, 95 + jitter(8)))
                }
            }
            if bar % 8 == 0 { drums.notes.append((49, t, t + 0.5, 110)) }
            // Bass: eighths on the root, the octave on the and of 2, an approach note at the end of the bar.
            let root = roots[c]
            for e in 0..<8 {
                var p = root
                if e == 3 { p = root + 12 }
                if e == 7 { p = roots[(c + 1) % 4] + (roots[(c + 1) % 4] > root ? -1 : 1) }
                bass.notes.append(
                    (p, t + Double(e) * beat / 2, t + Double(e) * beat / 2 + beat * 0.45, 92 + jitter(10)))
            }
            // Keys: the chord on 1, the and of 2 and 4.
            for (k, length) in [(0.0, 1.2), (1.5, 1.0), (3.0, 0.9)] {
                for p in chords[c] + [root + 24] {
                    keys.notes.append((p, t + k * beat, t + (k + length) * beat, 78 + jitter(12)))
                }
            }
            // Guitar: an eighth-note arpeggio.
            let arpeggio = [
                root + 12, chords[c][0], chords[c][1], chords[c][2] + 12, chords[c][1], chords[c][0], chords[c][2],
                chords[c][1],
            ]
            for (e, p) in arpeggio.enumerated() {
                guitar.notes.append((p, t + Double(e) * beat / 2, t + Double(e + 1) * beat / 2, 72 + jitter(14)))
            }
            // Pad: the whole bar. Strings: in choruses, a bar-long chord an octave up.
            for p in chords[c] { pad.notes.append((p, t, t + 4 * beat, 70)) }
            if chorus { for p in chords[c] + [root + 12] { strings.notes.append((p + 12, t, t + 4 * beat, 85)) } }
        }
        parts = [drums, bass, keys, guitar, pad, strings]
    }

    /// A type-1 Standard MIDI File: a tempo track, then one named track per part with its GM program.
    func midiBytes() -> [UInt8] {
        let tpq = 480
        func tick(_ seconds: Double) -> Int { Int((seconds * bpm / 60 * Double(tpq)).rounded()) }
        func vlq(_ value: Int) -> [UInt8] {
            var v = value
            var out = [UInt8(v & 0x7F)]
            v >>= 7
            while v > 0 {
                out.insert(UInt8(v & 0x7F) | 0x80, at: 0)
                v >>= 7
            }
            return out
        }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let n = body.count
            return Array(type.utf8) + [UInt8(n >> 24), UInt8((n >> 16) & 255), UInt8((n >> 8) & 255), UInt8(n & 255)]
                + body
        }
        let us = Int(60_000_000 / bpm)
        var tracks = [
            chunk(
                "MTrk", [0, 0xFF, 0x51, 3, UInt8(us >> 16), UInt8((us >> 8) & 255), UInt8(us & 255), 0, 0xFF, 0x2F, 0])
        ]
        for part in parts {
            let ch = UInt8(part.instrument.channel)
            var events: [(tick: Int, order: Int, bytes: [UInt8])] = []
            for n in part.notes {
                events.append((tick(n.start), 1, [0x90 | ch, UInt8(n.pitch), UInt8(max(1, min(127, n.velocity)))]))
                events.append((max(tick(n.start) + 1, tick(n.end)), 0, [0x80 | ch, UInt8(n.pitch), 0]))
            }
            events.sort { ($0.tick, $0.order) < ($1.tick, $1.order) }
            let name = Array(part.instrument.trackName.utf8)
            var body: [UInt8] =
                [0, 0xFF, 0x03, UInt8(name.count)] + name + [0, 0xC0 | ch, UInt8(part.instrument.program)]
            var last = 0
            for e in events {
                body += vlq(e.tick - last) + e.bytes
                last = e.tick
            }
            body += [0, 0xFF, 0x2F, 0]
            tracks.append(chunk("MTrk", body))
        }
        let count = tracks.count
        return chunk("MThd", [0, 1, UInt8(count >> 8), UInt8(count & 255), UInt8(tpq >> 8), UInt8(tpq & 255)])
            + tracks.flatMap { $0 }
    }
}
