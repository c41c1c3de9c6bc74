extension ProcessorFactory {
    /// EQ, filter, compressor, gate and de-esser, from parameters already checked against their
    /// declarations.
    static func makeDynamicsOrEQ(
        _ kind: ProcessorKind, _ p: [String: ParameterValue],
        special: inout Set<String>
    ) -> any Processor {
        func slope(_ key: String) -> Int { p[key]?.number.map { Int($0) } ?? 12 }
        switch kind {
        case .eq:
            special = ["highpass", "highpassSlope", "lowpass", "lowpassSlope", "bands"]
            var bands: [Equalizer.Band] = []
            if case .list(let items) = p["bands"] {
                for case .map(let b) in items {
                    bands.append(
                        .init(
                            frequency: b["freq"]?.number ?? 1000, gain: b["gain"]?.number ?? 0,
                            q: b["q"]?.number ?? 1,
                            type: b["type"]?.text.flatMap(Equalizer.Band.Kind.init(rawValue:)) ?? .peak))
                }
            }
            func corner(_ key: String) -> Double? { p[key]?.number.flatMap { $0 > 0 ? $0 : nil } }
            return Equalizer(
                highpass: corner("highpass"), highpassSlope: slope("highpassSlope"),
                lowpass: corner("lowpass"), lowpassSlope: slope("lowpassSlope"), bands: bands)
        case .filter:
            special = ["type", "slope"]
            return Filter(kind: p["type"]?.text.flatMap(Filter.Kind.init(rawValue:)) ?? .lowPass, slope: slope("slope"))
        case .compressor:
            special = ["sidechain", "detection", "makeup"]
            var c = Compressor()
            if let d = p["detection"]?.text { c.setParameter("detection", to: d == "rms" ? 1 : 0) }
            if let m = p["makeup"] {
                if m.text == "auto" {
                    c.setParameter("auto_makeup", to: 1)
                } else if let n = m.number {
                    c.setParameter("makeup", to: n)
                }
            }
            return c
        case .gate:
            special = ["sidechain"]
            return Gate()
        default:
            return DeEsser()
        }
    }
}
