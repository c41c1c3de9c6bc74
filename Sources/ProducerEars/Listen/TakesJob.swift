import ProducerAudio
import ProducerFiles

/// `producer takes`: ranks takes, picks a take per phrase, and renders the comp.
public struct TakesJob: Sendable {
    public var takePaths: [String]
    /// What the listener is told about the part.
    public var settings: ListenSettings
    /// Where to write the comp, if anywhere (its extension sets the format).
    public var compPath: String?
    /// Whether an existing comp file may be replaced (`--force`); a take or the reference never is.
    public var replacesExisting: Bool

    public init(
        takePaths: [String], settings: ListenSettings = ListenSettings(), compPath: String? = nil,
        replacesExisting: Bool = false
    ) {
        self.takePaths = takePaths
        self.settings = settings
        self.compPath = compPath
        self.replacesExisting = replacesExisting
    }

    /// What `takes` reports.
    public struct Result: Sendable, Codable, Equatable {
        /// Takes ranked, and the phrase-by-phrase choice (the comp sheet).
        public var ranking: TakeRanking
        /// The comp file written, if any.
        public var comp: String?
        /// Where the comp switches takes.
        public var edits: [CompRenderer.Edit]
    }

    /// Ranks the takes and, if asked, writes the comp.
    /// - Throws: an error naming the file when a take, the reference or the comp cannot be read or written,
    ///   or when the takes' sample rates differ.
    public func run() throws -> Result {
        var container = AudioContainer.wav
        if let compPath {
            let inputs = takePaths + [settings.referencePath].compactMap { $0 }
            try OutputPolicy(replacesExisting: replacesExisting, inputs: inputs).check(compPath, what: "the comp")
            container = try AudioContainer.forOutput(compPath)
        }
        let options = try settings.options()
        let takes = try takePaths.map { try Take(path: $0) }
        if let first = takes.first, let odd = takes.first(where: { $0.sampleRate != first.sampleRate }) {
            throw AudioFileError(
                .unsupported, path: odd.name,
                "its sample rate (\(Int(odd.sampleRate)) Hz) differs from \(first.name)'s (\(Int(first.sampleRate)) Hz); takes must share one rate"
            )
        }
        let ranking = TakeRanker(options: options).rank(takes)
        var edits: [CompRenderer.Edit] = []
        if let compPath, let first = takes.first {
            let rendered = CompRenderer().render(takes: takes, phrases: ranking.phrases)
            edits = rendered.edits
            let format = AudioFormat(
                sampleRate: first.sampleRate, channelCount: 1, encoding: .integer(bits: 24),
                container: container)
            try AudioFile.write(AudioBuffer(channels: [rendered.samples]), to: compPath, format: format)
        }
        return Result(ranking: ranking, comp: compPath, edits: edits)
    }
}

extension TakesJob.Result {
    /// The ranking and comp sheet as text.
    public func text() -> String {
        var lines = ["Takes, best first:"]
        for (i, t) in ranking.takes.enumerated() {
            lines.append("  \(i + 1). \(t.take) — \(fixed(t.score, 1)) / 100")
            lines += t.reasons.map { "       " + $0 }
        }
        lines.append("")
        lines.append("Comp sheet (phrase → take, why):")
        for p in ranking.phrases {
            lines.append(
                "  \(formatTime(p.start))–\(formatTime(p.end))\(p.bar.map { " (bar \($0))" } ?? "") → \(p.take): \(p.why)"
            )
        }
        if let comp {
            lines.append("")
            lines.append(
                "Comp written to \(comp) with \(edits.count) edit\(edits.count == 1 ? "" : "s")"
                    + (edits.isEmpty ? "." : " at " + edits.map { formatTime($0.time) }.joined(separator: ", ") + "."))
        }
        return lines.joined(separator: "\n")
    }
}
