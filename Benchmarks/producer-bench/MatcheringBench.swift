// producer-bench master-vs-matchering: Producer and Matchering master the same mixes to the same
// references, in the same run; both masters are measured the same way (ToneProfile's 1/3-octave
// mid spectrum, 40 Hz … 16 kHz, mean level removed; BS.1770 loudness and true peak).
import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP

func runMatcheringBenchmark(seconds: Double) throws {
    let rate = 44_100.0  // Matchering works at 44.1 kHz
    let dir = NSTemporaryDirectory() + "producer-matchering-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("matchering_master.py").path
    let pairs: [(String, String, Double, String, Double)] = [
        ("stationary: pink vs brighter pink", "dense", 0, "dense", 0.8),
        ("tonal mix vs bright drums", "tonal", 0, "dense", 0.8),
        ("dark drums vs tonal", "dense", -0.4, "tonal", 0),
        ("wide-range mix vs dense", "wide", 0, "dense", 0.5),
    ]
    print(
        "pair                                   | tone RMS dB: mix  Producer  Matchering | LUFS: ref  Producer  Matchering | PLR: Producer  Matchering | dBTP: Producer  Matchering | s: Producer  Matchering"
    )
    var worstGap = -100.0, worstTone = 0.0
    for (index, (name, mixKind, mixTilt, refKind, refTilt)) in pairs.enumerated() {
        let mix = BenchProgramme.make(
            mixKind, seconds: seconds, rate: rate, seed: UInt64(10 + index), brightness: mixTilt)
        let ref = BenchProgramme.make(
            refKind, seconds: seconds, rate: rate, seed: UInt64(20 + index), brightness: refTilt
        )
        .map { $0.map { $0 * 1.8 } }
        let mixPath = dir + "/mix\(index).wav", refPath = dir + "/ref\(index).wav"
        try writeMaster(mix, rate: rate, bits: 24, to: mixPath)
        try writeMaster(ref, rate: rate, bits: 24, to: refPath)
        let refProfile = ToneProfile(AudioBuffer(channels: ref), sampleRate: rate)
        var lm = LoudnessMeter(sampleRate: rate, channelCount: 2)
        lm.consume(AudioBuffer(channels: ref))
        let refLoudness = lm.result().integrated ?? -14
        let target = MasteringTarget.named(String(format: "%.1fLUFS", refLoudness))!
        let start = now()
        let ours = Mastering(target: target, reference: refProfile).master(mix, sampleRate: rate)
        let producerSeconds = now() - start
        let oursPath = dir + "/producer\(index).wav"
        try writeMaster(ours.master, rate: rate, bits: 24, to: oursPath)
        let theirsPath = dir + "/matchering\(index).wav"
        let r = try run(["python3", script, mixPath, refPath, theirsPath])
        guard r.status == 0 else { print("matchering failed (is it installed? pip install matchering)"); return }
        func measure(_ path: String) throws -> (tone: Double, loudness: Double, plr: Double, peak: Double) {
            let (b, f, _) = try AudioFile.read(path: path)
            var l = LoudnessMeter(sampleRate: f.sampleRate, channelCount: b.channelCount)
            l.consume(b)
            var p = TruePeakMeter(channelCount: b.channelCount)
            p.consume(b)
            let i = l.result().integrated ?? -70, peak = p.result().truePeakDecibels ?? -200
            return (ToneProfile(b, sampleRate: f.sampleRate).toneDistance(to: refProfile), i, peak - i, peak)
        }
        let a = try measure(oursPath), m = try measure(theirsPath)
        let before = ToneProfile(AudioBuffer(channels: mix), sampleRate: rate).toneDistance(to: refProfile)
        worstGap = max(worstGap, a.tone - m.tone)
        worstTone = max(worstTone, a.tone)
        print(
            name.padding(toLength: 39, withPad: " ", startingAt: 0)
                + String(
                    format:
                        "|             %5.2f  %6.2f  %8.2f   |   %6.1f  %7.2f  %8.2f   |     %6.1f  %8.1f    |      %+6.2f  %+8.2f   |   %6.2f  %8.2f",
                    before, a.tone, m.tone, refLoudness, a.loudness, m.loudness, a.plr, m.plr, a.peak, m.peak,
                    producerSeconds, r.seconds))
    }
    print(
        String(
            format:
                "worst: Producer's tone distance %.2f dB (goal ≤ 1.5), %+.2f dB against Matchering's (goal ≤ +0.25)",
            worstTone, worstGap))
}
