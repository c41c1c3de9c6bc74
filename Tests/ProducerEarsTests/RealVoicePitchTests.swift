import Foundation
import ProducerAudio
import ProducerTestSupport
import Testing

@testable import ProducerEars

/// Pitch on voices like real ones (``RealisticVoice``), measured with mir_eval (50 cents) and set
/// beside librosa's pYIN on the same file.
@Suite("Pitch a singer can trust", .serialized)
struct RealVoicePitchTests {
    struct Scores: Decodable {
        var ours: [String: Double]
        var pyin: [String: Double]
    }

    @Test(
        "Raw pitch accuracy ≥ 0.98 and voicing false alarm ≤ 0.15 on realistic voices, beside pYIN",
        .enabled(if: Python.canImport("librosa", "mir_eval", "soundfile"), "python3 cannot import librosa, mir_eval"),
        arguments: [("high voice", 57...76, UInt64(1)), ("low voice", 40...62, UInt64(2))])
    func realisticVoices(_ name: String, _ range: ClosedRange<Int>, _ seed: UInt64) throws {
        let take = RealisticVoice.take(range: range, seconds: 24, seed: seed)
        let dir = try temporaryDirectory()
        let path = try writeWAV(
            AudioBuffer(channels: [take.samples]), "take.wav", in: dir, sampleRate: RealisticVoice.rate)
        var options = ListenOptions(part: .vocal)
        options.includesFrames = true
        let report = Listener(options: options).listen(
            to: Take(name: name, sampleRate: RealisticVoice.rate, samples: take.samples))
        let frames = report.frames ?? []
        let ours = frames.map { "\($0.time),\($0.f0)" }.joined(separator: "\n")
        let truth = take.f0.enumerated().map { "\(Double($0.offset) * 0.01),\($0.element)" }.joined(separator: "\n")
        try ours.write(toFile: dir + "/ours.csv", atomically: true, encoding: .utf8)
        try truth.write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
        let output = try Python.run(
            """
            import sys, json, numpy as np, soundfile as sf, librosa, mir_eval
            d = sys.argv[1]
            ref = np.loadtxt(d + '/truth.csv', delimiter=',')
            est = np.loadtxt(d + '/ours.csv', delimiter=',')
            y, sr = sf.read(d + '/take.wav')
            f0, voiced, _ = librosa.pyin(y, fmin=65, fmax=1100, sr=sr, frame_length=2048, hop_length=441)
            t = np.arange(len(f0)) * 441 / sr
            f0 = np.where(voiced, f0, 0)
            def score(times, freqs):
                s = mir_eval.melody.evaluate(ref[:, 0], ref[:, 1], times, np.nan_to_num(freqs))
                return {k: s[k] for k in ('Raw Pitch Accuracy', 'Voicing False Alarm', 'Voicing Recall')}
            print(json.dumps({'ours': score(est[:, 0], est[:, 1]), 'pyin': score(t, f0)}))
            """, arguments: [dir])
        let scores = try JSONDecoder().decode(Scores.self, from: Data(output.utf8))
        let rpa = scores.ours["Raw Pitch Accuracy"] ?? 0, vfa = scores.ours["Voicing False Alarm"] ?? 1
        let comparison = "ours \(scores.ours), pYIN \(scores.pyin)"
        print("\(name): \(comparison)")
        #expect(rpa >= 0.98, "\(name): \(comparison)")
        #expect(vfa <= 0.15, "\(name): \(comparison)")
    }

    @Test(
        "Notes as sung: onset within 50 ms and pitch within 50 cents (mir_eval), F ≥ 0.85",
        .enabled(if: Python.canImport("mir_eval", "numpy"), "python3 cannot import mir_eval"),
        arguments: [("high voice", 57...76, UInt64(3)), ("low voice", 40...62, UInt64(4))])
    func notesAsSung(_ name: String, _ range: ClosedRange<Int>, _ seed: UInt64) throws {
        let take = RealisticVoice.take(range: range, seconds: 24, seed: seed)
        let report = Listener(options: ListenOptions(part: .vocal)).listen(
            to: Take(name: name, sampleRate: RealisticVoice.rate, samples: take.samples))
        let dir = try temporaryDirectory()
        _ = try writeWAV(AudioBuffer(channels: [take.samples]), "take.wav", in: dir, sampleRate: RealisticVoice.rate)
        try report.notes.map { "\($0.start),\($0.end),\(440 * pow(2, ($0.midi - 69) / 12))" }.joined(separator: "\n")
            .write(toFile: dir + "/ours.csv", atomically: true, encoding: .utf8)
        try take.notes.map { "\($0.start),\($0.end),\(440 * pow(2, ($0.midi - 69) / 12))" }.joined(separator: "\n")
            .write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
        let output = try Python.run(
            """
            import sys, json, numpy as np, mir_eval
            ref = np.loadtxt(sys.argv[1] + '/truth.csv', delimiter=',', ndmin=2)
            est = np.loadtxt(sys.argv[1] + '/ours.csv', delimiter=',', ndmin=2)
            p, r, f, _ = mir_eval.transcription.precision_recall_f1_overlap(
                ref[:, :2], ref[:, 2], est[:, :2], est[:, 2], onset_tolerance=0.05, pitch_tolerance=50,
                offset_ratio=None)
            print(json.dumps([p, r, f]))
            """, arguments: [dir])
        let scores = try JSONDecoder().decode([Double].self, from: Data(output.utf8))
        print("\(name): precision, recall, F \(scores); \(report.notes.count) notes heard, \(take.notes.count) sung")
        #expect(scores.count == 3 && scores[2] >= 0.85, "\(name): precision, recall, F \(scores)")
    }

    @Test(
        "A real stem (MDB-stem-synth) is tracked with raw pitch accuracy ≥ 0.98",
        .enabled(if: sharedTestData != nil, "../shared/testdata is not beside the package"),
        .enabled(if: Python.canImport("mir_eval", "numpy"), "python3 cannot import mir_eval"))
    func realStem() throws {
        let base = try #require(sharedTestData) + "/pitch/mdbsynth_NightOwl_STEM_08.RESYN"
        let take = try Take(path: base + ".wav")
        var options = ListenOptions()
        options.includesFrames = true
        let frames = Listener(options: options).listen(to: take).frames ?? []
        let dir = try temporaryDirectory()
        try frames.map { "\($0.time),\($0.f0)" }.joined(separator: "\n")
            .write(toFile: dir + "/ours.csv", atomically: true, encoding: .utf8)
        let output = try Python.run(
            """
            import sys, json, numpy as np, mir_eval
            ref = np.loadtxt(sys.argv[1], delimiter=',')
            est = np.loadtxt(sys.argv[2], delimiter=',')
            s = mir_eval.melody.evaluate(ref[:, 0], ref[:, 1], est[:, 0], est[:, 1])
            print(json.dumps([s['Raw Pitch Accuracy'], s['Voicing False Alarm']]))
            """, arguments: [base + ".f0.csv", dir + "/ours.csv"])
        let scores = try JSONDecoder().decode([Double].self, from: Data(output.utf8))
        #expect(scores.count == 2 && scores[0] >= 0.98 && scores[1] <= 0.15, "RPA, VFA: \(scores)")
    }
}
