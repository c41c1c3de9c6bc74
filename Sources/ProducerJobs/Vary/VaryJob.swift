import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles
import ProducerMusic

/// `producer vary`: the song as charted and labelled variations of it — reharmonised, in
/// another key, at another tempo, with another feel or density — each arranged in the same
/// style and written as MIDI (and, asked, rendered as audio), so that the artist can audition
/// them side by side.
public struct VaryJob: Sendable, Codable, Equatable {
    /// The chord chart.
    public var chart: String
    /// The folder to write the variations into (made when missing; files in it are replaced only
    /// with ``replacesExisting``).
    public var folder: String
    /// The style every variation is arranged in.
    public var style: ArrangementStyle
    /// How many reharmonisations (0: none).
    public var reharmonizations: Int
    /// A key to move the song to.
    public var key: String?
    /// A tempo to try, quarter notes per minute.
    public var tempo: Double?
    /// A feel to try.
    public var feel: Feel?
    /// A density to try.
    public var density: Density?
    /// The seed of the arrangements and of the reharmonisations.
    public var seed: UInt64
    /// Whether each variation is also rendered as a WAV by the console's preview instruments.
    public var render: Bool
    /// Whether existing files may be replaced.
    public var replacesExisting: Bool

    public init(
        chart: String, folder: String, style: ArrangementStyle = .pop, reharmonizations: Int = 0,
        key: String? = nil, tempo: Double? = nil, feel: Feel? = nil, density: Density? = nil, seed: UInt64 = 1,
        render: Bool = false, replacesExisting: Bool = false
    ) {
        self.chart = chart
        self.folder = folder
        self.style = style
        self.reharmonizations = reharmonizations
        self.key = key
        self.tempo = tempo
        self.feel = feel
        self.density = density
        self.seed = seed
        self.render = render
        self.replacesExisting = replacesExisting
    }

    /// The most reharmonisations one run makes.
    public static let maximumReharmonizations = 12

    /// What one run made.
    public struct Report: Sendable, Codable, Equatable {
        /// The chart read.
        public var chart: String
        /// The style arranged in.
        public var style: String
        /// The original first, then each variation.
        public var variations: [Variation]
    }

    /// One version of the song, as written.
    public struct Variation: Sendable, Codable, Equatable {
        /// A short label (`original`, `reharmonized 1`, `key C minor`, `feel swing`).
        public var label: String
        /// What it changes, in a sentence.
        public var summary: String
        /// The changes one by one (reharmonisations: bar, chord before → after, in Roman numerals).
        public var changes: [String]
        /// The chart of this version (printed in the chart format), its MIDI file and its audio.
        public var chartFile: String
        public var midiFile: String
        public var audioFile: String?
        /// Key, tempo and length as arranged.
        public var key: String?
        public var tempo: Double
        public var seconds: Double
    }

    /// Reads the chart, makes the variations and writes them.
    /// - Parameter progress: told each variation's label as it is written.
    /// - Throws: the chart's error (file:line:column), a bad key, or a file that cannot be written.
    public func run(progress: ((String) -> Void)? = nil) throws -> Report {
        let original = try Chart(path: chart)
        let policy = OutputPolicy(replacesExisting: replacesExisting, inputs: [chart])
        guard reharmonizations >= 0 && reharmonizations <= Self.maximumReharmonizations else {
            throw FileError(
                .writeFailed, path: chart,
                "asks for \(reharmonizations) reharmonisations; ask for 1…\(Self.maximumReharmonizations)")
        }
        var plans: [(label: String, summary: String, changes: [String], chart: Chart, options: ArrangementOptions)] =
            []
        var base = ArrangementOptions(style: style)
        base.seed = seed
        plans.append(("original", "The song as charted, arranged \(style.rawValue).", [], original, base))
        if reharmonizations > 0 {
            let found = Reharmonizer(seed: seed).variations(of: original, count: reharmonizations)
            for (i, r) in found.enumerated() {
                plans.append(("reharmonized \(i + 1)", r.explanation, r.changes.map(\.description), r.chart, base))
            }
        }
        if let key {
            let asked = try Key(parsing: key)
            // The song moves to the new tonic and keeps its mode, as `arrange --key` does.
            let target = Key(tonic: asked.tonic, mode: original.key?.mode ?? asked.mode)
            var o = base
            o.key = target
            var sentence = Self.keySentence(original, to: target)
            if target.mode != asked.mode { sentence += " The chart's \(target.mode) mode is kept." }
            plans.append(("key \(target.ascii)", sentence, [], original, o))
        }
        if let tempo {
            var o = base
            o.tempo = tempo
            let from = original.tempo
            plans.append(
                (
                    "tempo \(fixed(tempo, 0))",
                    "Plays it at \(fixed(tempo, 0)) BPM instead of \(fixed(from, 0)) (\(tempo > from ? "+" : "")\(fixed((tempo / from - 1) * 100, 0)) %).",
                    [], original, o
                ))
        }
        if let feel {
            var o = base
            o.feel = feel
            plans.append(("feel \(feel.rawValue)", Self.feelSentence(feel), [], original, o))
        }
        if let density {
            var o = base
            o.density = density
            plans.append(("density \(density.rawValue)", Self.densitySentence(density), [], original, o))
        }

        let stem = ((chart as NSString).lastPathComponent as NSString).deletingPathExtension
        let bases = plans.enumerated().map { i, plan in
            (folder as NSString).appendingPathComponent(
                "\(stem)-" + String(format: "%02d-", i + 1) + Self.slug(plan.label))
        }
        // Every file is checked before the first is written: a refusal leaves the files as they were.
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for base in bases {
            for ext in ["txt", "mid"] + (render ? ["wav"] : []) { try policy.check(base + "." + ext) }
        }
        var variations: [Variation] = []
        for (plan, base) in zip(plans, bases) {
            progress?(plan.label)
            let arrangement = Arrangement.arrange(plan.chart, options: plan.options)
            let chartFile = base + ".txt", midiFile = base + ".mid", audioFile = render ? base + ".wav" : nil
            try PartialFile.write(Array(arrangement.chart.text.utf8), to: chartFile)
            try PartialFile.write(arrangement.midiBytes(), to: midiFile)
            if let audioFile {
                try ArrangementPreview.render(midi: midiFile, to: audioFile, force: true)
            }
            let map = arrangement.tempoMap
            variations.append(
                Variation(
                    label: plan.label, summary: plan.summary, changes: plan.changes, chartFile: chartFile,
                    midiFile: midiFile, audioFile: audioFile, key: arrangement.chart.key?.ascii,
                    tempo: arrangement.chart.tempo,
                    seconds: map.seconds(atQuarterNotes: arrangement.chart.lengthInQuarterNotes)))
        }
        return Report(chart: chart, style: style.rawValue, variations: variations)
    }

    static func slug(_ label: String) -> String {
        label.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    static func keySentence(_ chart: Chart, to key: Key) -> String {
        guard let from = chart.key else { return "Plays it in \(key)." }
        var up = (key.tonic.pitchClass.value - from.tonic.pitchClass.value + 12) % 12
        if up > 6 { up -= 12 }
        let move =
            up == 0
            ? "at the same pitch"
            : up > 0 ? "up \(up) semitone\(up == 1 ? "" : "s")" : "down \(-up) semitone\(up == -1 ? "" : "s")"
        var sentence = "Moves it from \(from) to \(key), \(move)"
        let melody = chart.sections.flatMap(\.bars).flatMap(\.melody).compactMap(\.note)
        if let low = melody.min(by: { $0.midi < $1.midi }), let high = melody.max(by: { $0.midi < $1.midi }) {
            sentence += "; the melody spans \(key.spell(midi: low.midi + up))–\(key.spell(midi: high.midi + up))"
        }
        return sentence + "."
    }

    static func feelSentence(_ feel: Feel) -> String {
        switch feel {
        case .straight: "Plays the eighths straight."
        case .swing: "Swings the eighths (long–short, 2:1), as a shuffle."
        case .halftime: "Half-time: the backbeat moves to beat 3 and the groove breathes at half the density."
        case .doubletime: "Double-time: the groove runs twice as busy over the same chords."
        }
    }

    static func densitySentence(_ density: Density) -> String {
        switch density {
        case .sparse: "Sparser: fewer instruments enter and each plays less, leaving room for the voice."
        case .normal: "The usual density for the style."
        case .full: "Fuller: every instrument plays from the start and the rhythms are busier."
        }
    }
}
