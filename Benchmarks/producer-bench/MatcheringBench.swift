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
    var fairRows: [String] = []
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
        // MASTER_BANDS=1: Producer's 1/3-octave rows against the reference, before the pair's line.
        if ProcessInfo.processInfo.environment["MASTER_BANDS"] != nil, let tone = ours.report.tone {
            for b in tone.bands {
                print(
                    String(
                        format: "  %7.0f Hz  mix %+6.1f  master %+6.1f  EQ mid %+6.1f  side %+6.1f", b.centre,
                        b.mixVsReference, b.masterVsReference, b.midGain, b.sideGain))
            }
        }
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
        let fair = try fairPLR(theirsPath, loudness: a.loudness, ceiling: target.ceiling)
        let before = ToneProfile(AudioBuffer(channels: mix), sampleRate: rate).toneDistance(to: refProfile)
        worstGap = max(worstGap, a.tone - m.tone)
        fairRows.append(
            name.padding(toLength: 39, withPad: " ", startingAt: 0)
                + String(
                    format: "|   %6.1f   %6.1f  (%6.2f LUFS, %+5.2f dBTP)   |   %6.1f", a.plr, fair.plr, fair.loudness,
                    fair.peak, m.plr))
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
    // Matchering's masters pass 0 dBTP; under the same ceiling at the same loudness, its PLR is:
    print(
        "\nPLR at the same loudness under the same ceiling: Matchering's master through Producer's limiter stage (Mastering at amount 0.01) to Producer's loudness"
    )
    print(
        "pair                                   | PLR: Producer  Matchering limited (its LUFS, dBTP)  |  Matchering as delivered"
    )
    for row in fairRows { print(row) }
    print(
        "(PLR is true peak less loudness: two masters at one loudness whose limiters both reach one ceiling have the same PLR)"
    )
}

/// PLR (dB) of the master at `path` brought under `ceiling` dBTP at `loudness` LUFS by Producer's
/// own limiter stage: `Mastering` at amount 0.01 (no reference: flat EQ, compression ratio 1.005),
/// whose loudness search and release choice are those of every master.
func fairPLR(_ path: String, loudness: Double, ceiling: Double) throws -> (plr: Double, loudness: Double, peak: Double)
{
    let (b, f, _) = try AudioFile.read(path: path)
    let channels = (0..<b.channelCount).map { b.channel($0) }
    var target = MasteringTarget.named(String(format: "%.2fLUFS", loudness))!
    target.ceiling = ceiling
    let r = Mastering(target: target, amount: 0.01).master(channels, sampleRate: f.sampleRate).report.after
    let i = r.integrated ?? -70, p = r.truePeak ?? -200
    return (p - i, i, p)
}
