import Foundation
import ProducerConsole

extension AlignReport {
    /// The report as lines for people: per mic the delay, polarity, confidence, the comb filter's
    /// notches and the low end of the sum before and after, and the delay curve of a moving source.
    public var text: String {
        var lines = [
            "Reference: \(reference) (\(Int(sampleRate)) Hz). Delays: + means the mic is later than the reference."
        ]
        for m in mics {
            lines.append("")
            lines.append("\(m.mic) → \(m.output)")
            lines.append(
                String(
                    format:
                        "  delay %+.3f samples (%+.3f ms), polarity %@, correlation %.2f, peak %.1f dB above the next%@",
                    m.delaySamples, m.delayMilliseconds, m.polarity, m.correlation, m.peakRatio,
                    m.confident ? "" : " (doubtful)"))
            lines.append("  comb notches of the sum before: " + Self.hertzList(m.notchesBefore))
            lines.append(
                String(format: "  after (%.3f samples left): ", abs(m.residualSamples) < 0.0005 ? 0 : m.residualSamples)
                    + Self.hertzList(m.notchesAfter))
            lines.append(
                String(
                    format: "  sum below 200 Hz: %.1f dB before, %.1f dB after (%+.1f dB)", m.lowBandBefore,
                    m.lowBandAfter, m.lowBandGain))
            if !m.curve.isEmpty {
                lines.append(
                    "  delay curve (\(m.moving ? "moving: the file follows it" : "steady: one delay applied")): "
                        + m.curve.map { String(format: "%.2fs %+.2f", $0.time, $0.samples) }.joined(separator: ", "))
            }
            for w in m.warnings { lines.append("  warning: \(w)") }
        }
        return lines.joined(separator: "\n")
    }

    static func hertzList(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "none below Nyquist" }
        return values.map { $0 >= 1000 ? String(format: "%.2f kHz", $0 / 1000) : String(format: "%.0f Hz", $0) }
            .joined(separator: ", ")
    }
}
