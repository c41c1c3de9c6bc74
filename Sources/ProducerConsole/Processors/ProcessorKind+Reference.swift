extension ProcessorKind {
    /// The parameter reference the README holds between `<!-- parameters:begin -->` and
    /// `<!-- parameters:end -->`: one table for the strip, then one per processor, rendered from
    /// the declarations (a test keeps the README in step).
    public static var referenceMarkdown: String {
        var out = "Strip (every track and bus; the master has gain and width):\n\n" + table(stripParameters)
        for kind in allCases {
            out += "\n`\(kind.rawValue)` — \(kind.summary):\n\n" + table(kind.parameters)
            if kind == .eq { out += "\nEach of `bands`:\n\n" + table(bandParameters) }
        }
        return out
    }

    static func table(_ specs: [ParameterSpec]) -> String {
        var out = "| Parameter | Range | Default | Automatable | What it does |\n|---|---|---|---|---|\n"
        for s in specs {
            let names = ([s.name] + s.aliases).map { "`\($0)`" }.joined(separator: " or ")
            out += "| \(names) | \(s.rangeText) | \(s.defaultText) | \(s.automatable ? "yes" : "no") | \(s.summary) |\n"
        }
        return out
    }
}
