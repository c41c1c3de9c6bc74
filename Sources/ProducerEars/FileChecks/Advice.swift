import ProducerAudio
import ProducerDSP

/// Turns measurements into sentences a musician or engineer can act on.
enum Advice {
    /// Problems worth fixing, most serious first.
    static func findings(for r: FileAnalysis) -> [Finding] {
        var w: [Finding] = []
        if r.clippingRunCount > 0, let first = r.clipping.first {
            let channel = channelName(first.channel, of: r.channels)
            w.append(
                .init(
                    kind: .clipping, severity: .high, time: first.start,
                    message:
                        "Clipping: \(r.clippingRunCount) run\(r.clippingRunCount == 1 ? "" : "s") of samples stuck at full scale, "
                        + "the first at \(formatTime(first.start)) (\(channel)). Lower the level before the converter or "
                        + "the limiter and bounce again; if it is in the recording, re-record or repair that passage."))
        }
        if let c = r.phaseCorrelation, c < -0.2 {
            w.append(
                .init(
                    kind: .phase, severity: .high, time: nil,
                    message:
                        "Phase: the two channels are out of phase (correlation \(signed(c, 2))); folded to mono the "
                        + "file loses \(fixed(r.monoLoss)) LU. Check for a polarity flip in a cable, a plug-in or one microphone."
                ))
        } else if let loss = r.monoLoss, loss > 3 {
            w.append(
                .init(
                    kind: .monoCompatibility, severity: .medium, time: nil,
                    message:
                        "Mono compatibility: folded to mono the file loses \(fixed(loss)) LU. Check wide stereo effects "
                        + "and the polarity of any spaced microphones."))
        } else if let m = r.phaseCorrelationMin, m < -0.5 {
            w.append(
                .init(
                    kind: .phase, severity: .high, time: nil,
                    message:
                        "Phase: a passage is out of phase (correlation \(signed(m, 2)) at its worst); check the stereo "
                        + "effects and microphone polarity there."))
        }
        if let tp = r.truePeak, tp > -1 {
            w.append(
                .init(
                    kind: .truePeak, severity: .medium, time: nil,
                    message:
                        "True peak \(signed(tp, 1)) dBTP is above −1 dBTP: lossy encoders (streaming, MP3, AAC) will "
                        + "distort it. Limit with true-peak detection to −1 dBTP."))
        }
        for (i, dc) in r.dcOffset.enumerated() where abs(dc) >= dcWarningLevel {
            w.append(
                .init(
                    kind: .dcOffset, severity: .medium, time: nil,
                    message:
                        "DC offset of \(signed(dc * 100, 2)) % of full scale on \(channelName(i, of: r.channels)): it wastes "
                        + "headroom and clicks at edits. Remove it with a DC filter or a high-pass at 10–20 Hz."))
        }
        // 24-bit and float recordings have room to spare; 16-bit ones lose resolution sooner.
        let lowPeak: Double = (r.bitDepth ?? 24) >= 24 ? -30 : -20
        if let peak = r.samplePeak, peak < lowPeak, r.integratedLoudness != nil {
            w.append(
                .init(
                    kind: .level, severity: .medium, time: nil,
                    message:
                        "Level: peaks reach only \(fixed(peak)) dBFS (\(fixed(r.integratedLoudness)) LUFS). It was "
                        + "recorded too low; raise the preamp gain so peaks sit around −18 to −10 dBFS."))
        }
        if let floor = r.noiseFloor, let lufs = r.integratedLoudness, lufs - floor >= restMargin,
            floor > -60 || lufs - floor < 30
        {
            w.append(
                .init(
                    kind: .noise, severity: .medium, time: nil,
                    message:
                        "Noise: where the music rests the noise sits at \(fixed(floor)) dBFS, only \(fixed(lufs - floor, 0)) dB "
                        + "under the programme. Check for hum or hiss in the chain (gain staging, cables, preamp)."))
        }
        if let b = r.balance, abs(b) >= 1.5 {
            w.append(
                .init(
                    kind: .balance, severity: .low, time: nil,
                    message:
                        "Balance: the \(b > 0 ? "right" : "left") channel is \(fixed(abs(b))) dB louder. Check the panning "
                        + "and the channel gains."))
        }
        return w
    }

    /// DC offsets from this fraction of full scale up (0.5 %, −46 dBFS) are worth removing.
    static let dcWarningLevel = 0.005
    /// The quietest windows must be this far (dB) under the programme to count as rests, where
    /// the noise floor can be heard; closer, they are just the quietest music.
    static let restMargin = 12.0
    /// Past this mono loss (LU) the mono fold is mostly cancellation, and the octave bands
    /// (measured on the fold) are not shown.
    static let foldCancelsAbove = 10.0

    /// Facts worth knowing that need no fix.
    static func notes(for r: FileAnalysis, silent: Bool, bits: BitDepthMeter.Result) -> [String] {
        var n: [String] = []
        if silent || r.samplePeak == nil {
            n.append("The file is digital silence: it has no loudness to measure.")
        } else if r.integratedLoudness == nil && r.duration < 0.4 {
            n.append(
                "The file is shorter than one 400 ms loudness block (\(fixed(r.duration * 1000, 0)) ms), "
                    + "so it has no integrated loudness; its peaks are measured.")
        } else if r.integratedLoudness == nil {
            n.append("Nothing in the file is louder than the −70 LUFS gate, so it has no integrated loudness.")
        }
        if r.duration < 3, !silent {
            n.append("The file is shorter than 3 s: short-term loudness and loudness range need at least 3 s.")
        }
        if bits.paddedFrom16Bit {
            n.append(
                "This \(r.bitDepth ?? 24)-bit file holds 16-bit audio: it was bounced or converted at 16 bits "
                    + "somewhere; the extra bits are padding.")
        } else if let declared = r.bitDepth, let used = r.effectiveBitDepth, used < declared {
            n.append("The file declares \(declared) bits but uses \(used).")
        }
        if r.headSilence >= 1 { n.append("\(fixed(r.headSilence, 2)) s of silence before the first sound.") }
        if r.tailSilence >= 1 && !silent { n.append("\(fixed(r.tailSilence, 2)) s of silence after the last sound.") }
        if let floor = r.noiseFloor, let lufs = r.integratedLoudness, lufs - floor < restMargin {
            n.append(
                "The music never rests, so its noise floor cannot be heard apart from it "
                    + "(the quietest 5 % of the file sits at \(fixed(floor)) dBFS).")
        }
        if let loss = r.monoLoss, loss > foldCancelsAbove {
            n.append("Spectral balance is not shown: it is measured on the mono fold, which cancels here.")
        }
        if r.channels == 1 { n.append("Mono file: phase correlation and balance do not apply.") }
        return n
    }

    static func channelName(_ index: Int, of channels: Int) -> String {
        if channels == 2 { return index == 0 ? "left" : "right" }
        if channels == 1 { return "the mono channel" }
        if channels == 6 { return ["L", "R", "C", "LFE", "Ls", "Rs"][index] }
        return "channel \(index + 1)"
    }
}
