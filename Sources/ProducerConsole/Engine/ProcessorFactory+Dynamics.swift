extension ProcessorFactory {
    /// EQ, filter, compressor, gate and de-esser.
    static func makeDynamicsOrEQ(_ insert: Session.Insert, _ session: Session,
                                 fail: (String?, String) -> SessionError,
                                 special: inout Set<String>) throws(SessionError) -> any Processor {
        let p = insert.parameters
        func number(_ value: ParameterValue?, _ key: String) throws(SessionError) -> Double? {
            guard let value else { return nil }
            guard let n = value.number else { throw fail(key, "must be a number") }
            return n
        }
        func slope(_ key: String) throws(SessionError) -> Int {
            guard let s = try number(p[key], key) else { return 12 }
            guard [12, 24, 36, 48].contains(Int(s)) else { throw fail(key, "must be 12, 24, 36 or 48 (dB/oct)") }
            return Int(s)
        }
        switch insert.kind {
        case "eq":
            special = ["highpass", "highpassSlope", "lowpass", "lowpassSlope", "bands"]
            var bands: [Equalizer.Band] = []
            if let list = p["bands"] {
                guard case .list(let items) = list else { throw fail("bands", "must be a list of { freq, gain, q, type }") }
                guard items.count <= 4 else { throw fail("bands", "has \(items.count) bands; the EQ has 4") }
                for (i, item) in items.enumerated() {
                    let key = "bands[\(i)]"
                    guard case .map(let b) = item else { throw fail(key, "must be { freq, gain, q, type }") }
                    if let unknown = b.keys.first(where: { !["freq", "gain", "q", "type"].contains($0) }) {
                        throw fail(key + "." + unknown, "unknown key; expected freq, gain, q, type")
                    }
                    guard let freq = try number(b["freq"], key + ".freq") else { throw fail(key + ".freq", "is missing") }
                    var kind = Equalizer.Band.Kind.peak
                    if let t = b["type"] {
                        guard let text = t.text, let k = Equalizer.Band.Kind(rawValue: text) else {
                            throw fail(key + ".type", "must be peak, lowshelf or highshelf")
                        }
                        kind = k
                    }
                    bands.append(.init(frequency: freq, gain: try number(b["gain"], key + ".gain") ?? 0,
                                       q: try number(b["q"], key + ".q") ?? 1, type: kind))
                }
            }
            return Equalizer(highpass: try number(p["highpass"], "highpass"), highpassSlope: try slope("highpassSlope"),
                             lowpass: try number(p["lowpass"], "lowpass"), lowpassSlope: try slope("lowpassSlope"),
                             bands: bands)
        case "filter":
            special = ["type", "slope"]
            guard let t = p["type"]?.text, let kind = Filter.Kind(rawValue: t) else {
                throw fail("type", "must be one of \(Filter.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return Filter(kind: kind, slope: try slope("slope"))
        case "compressor":
            special = ["sidechain", "detection", "makeup"]
            var c = Compressor()
            if let d = p["detection"] {
                guard let t = d.text, ["peak", "rms"].contains(t) else { throw fail("detection", "must be peak or rms") }
                c.setParameter("detection", to: t == "rms" ? 1 : 0)
            }
            if let m = p["makeup"] {
                if m.text == "auto" { c.setParameter("auto_makeup", to: 1) } else if let n = m.number {
                    c.setParameter("makeup", to: n)
                } else { throw fail("makeup", "must be a number of dB or auto") }
            }
            return c
        case "gate":
            special = ["sidechain"]
            return Gate()
        case "deesser":
            return DeEsser()
        default:
            throw fail(nil, "unknown processor \"\(insert.kind)\"")
        }
    }
}
