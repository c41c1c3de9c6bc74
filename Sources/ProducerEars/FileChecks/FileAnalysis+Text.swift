import ProducerAudio
extension FileAnalysis {
    /// The report as text a person reads on a terminal.
    public func text() -> String {
        var lines: [String] = []
        let name = file
        lines.append(
            "\(name) — \(container.uppercased()), \(encoding), \(fixed(sampleRate, 0)) Hz, "
                + "\(channels) ch, \(formatTime(duration))")
        func row(_ label: String, _ value: String) {
            lines.append("  " + label.padding(10) + " " + value)
        }
        if let integratedLoudness {
            row(
                "Loudness",
                "\(fixed(integratedLoudness)) LUFS integrated · range \(fixed(loudnessRange)) LU · "
                    + "momentary max \(fixed(momentaryMax)) · short-term max \(fixed(shortTermMax)) LUFS")
        } else if duration < 0.4 && samplePeak != nil {
            row("Loudness", "no integrated loudness (shorter than one 400 ms block)")
        } else {
            row("Loudness", "no integrated loudness (nothing above the −70 LUFS gate)")
        }
        row("Peaks", "sample \(fixed(samplePeak)) dBFS · true peak \(fixed(truePeak)) dBTP")
        if channels >= 2 {
            var stereo = "correlation \(signed(phaseCorrelation, 2))"
            if let phaseCorrelationMin { stereo += " (lowest \(signed(phaseCorrelationMin, 2)))" }
            stereo += " · mono fold loses \(fixed(monoLoss)) LU"
            if let balance {
                let side =
                    abs(balance) < 0.05 ? "centred" : (balance > 0 ? "right" : "left") + " +\(fixed(abs(balance))) dB"
                stereo += " · balance \(side)"
            }
            row("Stereo", stereo)
        }
        let dc = dcOffset.enumerated().map { "\(channelName($0.offset)) \(signed($0.element * 100, 2)) %" }
            .joined(separator: " ")
        row("DC offset", dc)
        if clippingRunCount == 0 {
            row("Clipping", "none")
        } else {
            let first = clipping.prefix(3).map { "\(formatTime($0.start)) \(channelName($0.channel))" }
                .joined(separator: ", ")
            row("Clipping", "\(clippingRunCount) clipped run\(clippingRunCount == 1 ? "" : "s"), first at \(first)")
        }
        row(
            "Noise",
            "floor \(fixed(noiseFloor)) dBFS · silence at head \(formatTime(headSilence)), "
                + "tail \(formatTime(tailSilence))")
        if let bitDepth {
            row("Resolution", "\(bitDepth)-bit declared, \(effectiveBitDepth.map { "\($0) bits used" } ?? "no audio")")
        } else {
            row("Resolution", "floating point\(effectiveBitDepth.map { ", holds \($0)-bit audio" } ?? "")")
        }
        if !spectralBalance.isEmpty {
            lines.append("  Spectrum   octave bands, dB relative to the whole:")
            for band in spectralBalance {
                let label =
                    band.centre >= 1000
                    ? fixed(band.centre / 1000, band.centre.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 1) + "k"
                    : fixed(band.centre, band.centre.rounded() == band.centre ? 0 : 1)
                let level = band.relativeLevel ?? -.infinity
                // One block per 2 dB above −40 dB.
                let blocks = level.isFinite ? max(0, Int(((level + 40) / 2).rounded())) : 0
                lines.append(
                    "    " + label.padding(5, left: true) + " Hz " + String(repeating: "▇", count: blocks).padding(20)
                        + " " + (level < -60 ? "below −60" : fixed(band.relativeLevel)))
            }
        }
        if !warnings.isEmpty {
            lines.append("  Fix:")
            lines += warnings.map { "    ! " + $0 }
        }
        if !notes.isEmpty {
            lines.append("  Notes:")
            lines += notes.map { "    · " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func channelName(_ index: Int) -> String {
        if channels == 2 { return index == 0 ? "L" : "R" }
        if channels == 6 { return ["L", "R", "C", "LFE", "Ls", "Rs"][index] }
        return "ch\(index + 1)"
    }
}

func signed(_ value: Double?, _ decimals: Int) -> String {
    guard let value, value.isFinite else { return "–" }
    let text = fixed(value, decimals)
    return text.hasPrefix("-") ? text : "+" + text
}

extension String {
    func padding(_ width: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - count))
        return left ? pad + self : self + pad
    }
}
