import ProducerMusic

extension MixPlan {
    /// The session as YAML, every decision with its comment. `only` writes one track alone, dry
    /// (no sends, buses or master, no comments), as the assistant renders each stem to set its
    /// fader; `header` lines (wrapped) open the file as comments; `tail` cuts the render that long after the
    /// last stem (the assistant's own renders need no reverb tail).
    public func sessionYAML(only: Int? = nil, header: [String] = [], tail: Double? = nil) -> String {
        var out = ""
        func line(_ text: String, comment: String? = nil, indent: Int = 0) {
            let pad = String(repeating: " ", count: indent)
            if let comment, only == nil {
                for c in wrap(comment, width: 96 - indent) { out += pad + "# " + c + "\n" }
            }
            out += pad + text + "\n"
        }
        if only == nil {
            for h in header { for l in wrap(h, width: 96) { out += "# " + l + "\n" } }
            if !header.isEmpty { out += "\n" }
        }
        line("sampleRate: \(Int(sampleRate))")
        line("tempo: \(num(tempo))", comment: "tempo: \(tempoSource); the delay return is synced to it")
        if let tail { line("tail: \(num(tail))") }
        line("tracks:")
        for (i, s) in stems.enumerated() where only == nil || only == i {
            out += only == nil ? "\n" : ""
            let c = s.comments
            line("- name: \(quote(s.name))", comment: c["role"], indent: 2)
            if let track = s.midiTrack {
                line("midi: \(quote(stemPath(s.file)))", indent: 4)
                line("track: \(quote(track))", indent: 4)
                if let instrument = s.instrument { line("instrument: \(instrument.rawValue)", indent: 4) }
            } else {
                line("file: \(quote(stemPath(s.file)))", indent: 4)
            }
            line("gain: \(num(s.gain))", comment: c["gain"], indent: 4)
            line("pan: \(num(s.pan))", comment: c["pan"], indent: 4)
            if let w = s.width { line("width: \(num(w))", comment: c["width"], indent: 4) }
            var inserts: [(String, String?)] = []
            var eq = "highpass: \(num(s.highpass)), highpassSlope: 24"
            if !s.cuts.isEmpty {
                eq +=
                    ", bands: ["
                    + s.cuts.map { "{ freq: \(num($0.frequency)), gain: \(num($0.gain)), q: \(num($0.q)) }" }
                    .joined(separator: ", ") + "]"
            }
            inserts.append(("eq: { \(eq) }", [c["highpass"], c["cuts"]].compactMap { $0 }.joined(separator: " ")))
            if let k = s.compressor {
                inserts.append(
                    (
                        "compressor: { threshold: \(num(k.threshold)), ratio: \(num(k.ratio)), attack: \(num(k.attack)), "
                            + "release: \(num(k.release)), detection: \(k.detection) }", c["compressor"]
                    ))
            }
            line("inserts:", indent: 4)
            for (text, comment) in inserts { line("- " + text, comment: comment, indent: 6) }
            guard only == nil else { continue }
            var sends: [(String, String?)] = []
            if let r = s.reverbSend { sends.append(("{ bus: Reverb, level: \(num(r)) }", c["reverb"])) }
            if let d = s.delaySend { sends.append(("{ bus: Delay, level: \(num(d)) }", c["delay"])) }
            if !sends.isEmpty {
                line("sends:", indent: 4)
                for (text, comment) in sends { line("- " + text, comment: comment, indent: 6) }
            }
        }
        guard only == nil else { return out }
        let usesReverb = stems.contains { $0.reverbSend != nil }
        let usesDelay = stems.contains { $0.delaySend != nil }
        if usesReverb || usesDelay {
            out += "\n"
            line("buses:")
            if usesDelay {
                let d = delay
                line(
                    "- name: Delay",
                    comment:
                        "one delay return, synced to the tempo, fed into the reverb so the echoes sit in the same space",
                    indent: 2)
                line(
                    "inserts: [{ delay: { sync: \(quote(d.sync)), feedback: \(num(d.feedback)), lowCut: \(num(d.lowCut)), "
                        + "highCut: \(num(d.highCut)), mix: 1 } }]", indent: 4)
                if usesReverb { line("output: Reverb", indent: 4) }
            }
            if usesReverb {
                let r = reverb
                line("- name: Reverb", comment: "one shared reverb return: every part in the same room", indent: 2)
                line(
                    "inserts: [{ reverb: { size: \(num(r["size"] ?? 0.5)), damping: \(num(r["damping"] ?? 0.4)), "
                        + "predelay: \(num(r["predelay"] ?? 20)), width: \(num(r["width"] ?? 1)), mix: 1 } }]",
                    indent: 4)
            }
        }
        return out
    }

    /// A stem's path as the session names it: relative to the session's folder when both are
    /// absolute paths, otherwise as given.
    public func stemPath(_ file: String) -> String {
        let folder = Self.folder(of: sessionPath)
        guard file.hasPrefix("/"), folder.hasPrefix("/") else { return file }
        let from = folder.split(separator: "/"), to = file.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count - 1 && from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        return (up + to[common...].map(String.init)).joined(separator: "/")
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    var reverb: [String: Double] { MixRules.standard.reverb }
    var delay: MixRules.Delay { MixRules.standard.delay }
}

/// A number as the session writes it: at most two decimals, no trailing zeros.
func num(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(r)
}

/// Text as a double-quoted YAML scalar.
func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Words wrapped to lines of at most `width` characters.
func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
        if !current.isEmpty && current.count + 1 + word.count > width {
            lines.append(current)
            current = ""
        }
        current += (current.isEmpty ? "" : " ") + word
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
