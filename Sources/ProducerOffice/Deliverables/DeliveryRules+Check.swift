import Foundation

extension DeliveryRules {
    /// Every way a measured file breaks these rules, in the order format, level, head, tail, name;
    /// empty when it passes.
    /// - Parameters:
    ///   - measurement: what reading the file found.
    ///   - name: the file's name (its last path component).
    ///   - parts: what its name must be filled in with.
    public func findings(for measurement: DeliveryMeasurement, name: String, parts: NameParts) -> [DeliveryFinding] {
        let m = measurement
        var out: [DeliveryFinding] = []
        let rate = Int(m.sampleRate.rounded())
        if !sampleRates.contains(rate) {
            out.append(
                .init(
                    rule: "sample rate",
                    message:
                        "sample rate \(Self.kHz(m.sampleRate)); the project takes \(Self.list(sampleRates.map { Self.kHz(Double($0)) }))"
                ))
        }
        if !bitDepths.contains(m.bitDepth) {
            let kind = m.isFloat ? "\(m.bitDepth)-bit float" : "\(m.bitDepth)-bit"
            out.append(
                .init(
                    rule: "bit depth",
                    message:
                        "\(kind); the project takes \(Self.list(bitDepths.map { $0 == 32 ? "32-bit float" : "\($0)-bit" }))"
                ))
        }
        if let peak = m.peakDBFS, peak >= maximumPeakDBFS {
            out.append(
                .init(
                    rule: "peak", at: m.peakTime,
                    message:
                        "sample peak \(Self.dB(peak)) dBFS at \(Self.time(m.peakTime)) (channel \(m.peakChannel)); the project allows under \(Self.dB(maximumPeakDBFS)) dBFS"
                ))
        }
        let shown = 5
        for clip in m.clips.prefix(shown) {
            let channels =
                clip.channels.count == 1
                ? "channel \(clip.channels[0])" : "channels " + clip.channels.map(String.init).joined(separator: ", ")
            out.append(
                .init(
                    rule: "clipping", at: clip.start,
                    message:
                        "clipped at \(Self.time(clip.start))–\(Self.time(clip.end)) (\(channels)): \(clip.samples) full-scale samples in a row"
                ))
        }
        if m.clips.count > shown {
            out.append(
                .init(
                    rule: "clipping", at: m.clips[shown].start,
                    message:
                        "and \(m.clips.count - shown) more clipped passages after \(Self.time(m.clips[shown - 1].end))")
            )
        }
        if let start = m.musicStart, let end = m.musicEnd {
            if start > maximumHeadSeconds {
                out.append(
                    .init(
                        rule: "head", at: start,
                        message:
                            "\(Self.seconds(start)) of silence before the music starts at \(Self.time(start)); the project allows at most \(Self.seconds(maximumHeadSeconds))"
                    ))
            }
            if let endPeak = m.endPeakDBFS, endPeak > cutOffDBFS {
                out.append(
                    .init(
                        rule: "cut off", at: m.duration,
                        message:
                            "cut off: it still sounds at \(Self.dB(endPeak)) dBFS in its last \(Int(cutOffMilliseconds.rounded())) ms, up to its end at \(Self.time(m.duration)); leave at least \(Self.seconds(minimumTailSeconds)) of tail"
                    ))
            } else if m.duration - end < minimumTailSeconds {
                out.append(
                    .init(
                        rule: "tail", at: end,
                        message:
                            "only \(Self.seconds(m.duration - end)) of tail after the music stops at \(Self.time(end)); the project asks for at least \(Self.seconds(minimumTailSeconds))"
                    ))
            }
        } else {
            out.append(
                .init(
                    rule: "silent",
                    message: "the file is silent: nothing in it rises above \(Self.dB(silenceDBFS)) dBFS"))
        }
        if !nameMatches(name, parts, sampleRate: m.sampleRate, bits: m.bitDepth) {
            out.append(
                .init(
                    rule: "name",
                    message:
                        "named \"\(name)\"; the project names it \"\(expectedName(parts, sampleRate: m.sampleRate, bits: m.bitDepth))\""
                ))
        }
        return out
    }

    /// `0:05.250` (minutes, seconds and milliseconds).
    public static func time(_ seconds: Double) -> String {
        let millis = Int((max(0, seconds) * 1000).rounded())
        let m = millis / 60_000, s = (millis / 1000) % 60, ms = millis % 1000
        return "\(m):\(s < 10 ? "0" : "")\(s).\(String(format: "%03d", ms))"
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.3f s", value)
    }

    static func dB(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text == "-0.0" ? "0.0" : text.replacingOccurrences(of: "-", with: "−")
    }

    /// `48 kHz`, `44.1 kHz`.
    public static func kHz(_ rate: Double) -> String {
        let k = rate / 1000
        return (k == k.rounded() ? String(Int(k)) : String(format: "%.1f", k)) + " kHz"
    }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? (items.first ?? "nothing") : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
