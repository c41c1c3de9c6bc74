// producer-bench listen: pitch, notes, onsets, tempo and key of a 4-minute 44.1 kHz mono vocal
// take, against librosa's pyin on the same file, with both accuracies on the known pitch track.
import Foundation
import ProducerAudio
import ProducerDSP
import ProducerEars
import ProducerMusic

/// Accuracy of a pitch track against the truth (10 ms frames), mir_eval-style at 50 cents;
/// frames within 20 ms of a voicing change in the truth are left out of the voicing figures.
struct PitchAccuracy: CustomStringConvertible {
    var rawPitchAccuracy = 0.0, octaveErrors = 0.0, voicingRecall = 0.0, voicingPrecision = 0.0

    init(estimate: [Double], truth: [Double]) {
        let n = min(estimate.count, truth.count)
        var voiced = 0, within = 0, octave = 0, bothVoiced = 0
        var tp = 0, refV = 0, estV = 0
        for i in 0..<n {
            let r = truth[i], e = estimate[i]
            let edge = (max(0, i - 2)...min(n - 1, i + 2)).contains { (truth[$0] > 0) != (r > 0) }
            if r > 0 {
                voiced += 1
                if e > 0 {
                    bothVoiced += 1
                    let cents = 1200 * log2(e / r)
                    if abs(cents) <= 50 { within += 1 }
                    if abs(abs(cents) - 1200) <= 50 { octave += 1 }
                }
            }
            if !edge {
                if r > 0 { refV += 1 }
                if e > 0 { estV += 1 }
                if r > 0 && e > 0 { tp += 1 }
            }
        }
        rawPitchAccuracy = Double(within) / Double(max(1, voiced))
        octaveErrors = Double(octave) / Double(max(1, bothVoiced))
        voicingRecall = Double(tp) / Double(max(1, refV))
        voicingPrecision = Double(tp) / Double(max(1, estV))
    }

    init(json: [String: Any]) {
        rawPitchAccuracy = json["rawPitchAccuracy"] as? Double ?? 0
        octaveErrors = json["octaveErrors"] as? Double ?? 0
        voicingRecall = json["voicingRecall"] as? Double ?? 0
        voicingPrecision = json["voicingPrecision"] as? Double ?? 0
    }

    var description: String {
        String(
            format: "raw pitch accuracy %.1f %%, octave errors %.2f %%, voicing recall %.1f %%, precision %.1f %%",
            rawPitchAccuracy * 100, octaveErrors * 100, voicingRecall * 100, voicingPrecision * 100)
    }
}

/// A seeded melody of sung notes from A2 to A5 with vibrato, glides and rests, `seconds` long.
func benchmarkMelody(seconds: Double, seed: UInt64) -> [SungNote] {
    var state = seed
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var notes: [SungNote] = []
    var t = 0.3
    var previous = 57.0
    while t < seconds - 1 {
        let duration = 0.2 + next() * 0.9
        var midi = (previous + (next() * 10 - 5).rounded()).clamped(to: 45...81)
        if next() < 0.1 { midi = (45 + next() * 36).rounded() }
        let vibrato = duration > 0.6 && next() < 0.7
        let glide = next() < 0.3 ? previous : nil
        notes.append(
            SungNote(
                start: t, duration: duration, midi: midi + (next() - 0.5) * 0.3,
                vibratoRate: vibrato ? 4.5 + next() * 2 : 0, vibratoDepthCents: vibrato ? 20 + next() * 30 : 0,
                glideFromMidi: glide))
        previous = midi
        t += duration + (next() < 0.25 ? 0.15 + next() * 0.5 : 0.02)
    }
    return notes
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}

func runListenBenchmark(minutes: Double) throws {
    let rate = 44_100.0
    let seconds = minutes * 60
    print(
        "Synthesising a \(minutes)-minute 44.1 kHz vocal take (vibrato, glides, breath noise at 20 dB SNR, consonants)…"
    )
    var synth = VoiceSynth(sampleRate: rate, seed: 7)
    synth.breathNoiseSNR = 20
    synth.consonantBursts = true
    let rendering = synth.render(benchmarkMelody(seconds: seconds, seed: 42), duration: seconds)
    let dir = NSTemporaryDirectory() + "producer-listen-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let takePath = dir + "/take.wav", truthPath = dir + "/truth.csv"
    try AudioFile.write(
        AudioBuffer(channels: [rendering.samples]), to: takePath,
        format: AudioFormat(sampleRate: rate, channelCount: 1, encoding: .float(bits: 32)))
    let csv = rendering.f0.enumerated().map { "\(Double($0.offset) * 0.01),\($0.element)" }.joined(separator: "\n")
    try csv.write(toFile: truthPath, atomically: true, encoding: .utf8)

    let take = Take(name: takePath, sampleRate: rate, samples: rendering.samples)
    var options = ListenOptions(part: .vocal)
    options.includesFrames = true
    var best = Double.infinity
    var report: PerformanceReport?
    for _ in 0..<3 {
        let t0 = now()
        report = Listener(options: options).listen(to: take)
        best = min(best, now() - t0)
    }
    let estimate = report?.frames?.map(\.f0) ?? []
    let ours = PitchAccuracy(estimate: estimate, truth: rendering.f0)
    print(
        String(
            format: "producer listen (pitch, notes, onsets, tempo, key)  %7.3f s  %6.0f× real time", best,
            seconds / best))
    print("  Producer: \(ours)")
    print(
        "  \(report?.notes.count ?? 0) notes, key \(report?.key ?? "–"), tempo \(report?.tempo.map { String(format: "%.1f", $0) } ?? "–") BPM"
    )

    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pyin_reference.py").path
    guard (try? run(["python3", "-c", "import librosa"]).status) == 0 else {
        print("librosa not found: run Benchmarks/setup.sh to compare with librosa's pyin")
        return
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, takePath, truthPath, "65", "1100"]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let pySeconds = json["seconds"] as? Double
    else {
        print("librosa pyin failed"); return
    }
    print(
        String(
            format: "librosa.pyin (pitch only)                           %7.3f s  %6.1f× real time", pySeconds,
            seconds / pySeconds))
    print("  librosa:  \(PitchAccuracy(json: json))")
    print(
        String(
            format:
                "ratio: Producer's whole listen is %.0f× faster than librosa's pyin alone; Producer runs at %.0f× real time (goal ≥ 400×)",
            pySeconds / best, seconds / best))
}
