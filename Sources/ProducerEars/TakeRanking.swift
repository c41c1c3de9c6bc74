/// Ranks takes of the same part, splits the part into phrases, and picks the best take for each.
public struct TakeRanking: Sendable, Codable, Equatable {
    /// Every take with its score, best first.
    public var takes: [RankedTake]
    /// The phrases of the part and the take chosen for each.
    public var phrases: [Phrase]

    /// One take's standing.
    public struct RankedTake: Sendable, Codable, Equatable {
        /// The take's file or name.
        public var take: String
        /// 0…100, higher is better.
        public var score: Double
        /// Why, in a few plain phrases.
        public var reasons: [String]
        /// The take's full report.
        public var report: PerformanceReport
    }

    /// A phrase of the part and the take that plays it best.
    public struct Phrase: Sendable, Codable, Equatable {
        /// Start and end, seconds.
        public var start: Double
        public var end: Double
        /// Bar and beat of the start.
        public var bar: String?
        /// Index into the takes as given (not as ranked), and its name.
        public var takeIndex: Int
        public var take: String
        /// Each take's score for this phrase, in the order the takes were given.
        public var scores: [Double]
        /// Why this take, for the comp sheet.
        public var why: String
    }
}

/// Scores takes and phrases from their performance reports.
public struct TakeRanker: Sendable {
    /// A rest at least this long (seconds) between notes ends a phrase.
    public var phraseGap: Double = 0.25
    public var options: ListenOptions

    public init(options: ListenOptions = ListenOptions()) {
        self.options = options
    }

    /// Listens to every take, ranks them, and chooses a take for each phrase.
    public func rank(_ takes: [Take]) -> TakeRanking {
        let listener = Listener(options: options)
        let reports = takes.map { listener.listen(to: $0) }
        let phraseSpans = phrases(reports: reports)
        let grid =
            options.referenceGrid
            ?? (options.tempo.map { BeatGrid(tempo: $0, duration: takes.map(\.duration).max() ?? 0) })
        var chosen: [TakeRanking.Phrase] = []
        for span in phraseSpans {
            let scores = zip(reports, takes).map { report, take in
                clipped(
                    score(
                        notes: report.notes.filter { $0.start >= span.start - 0.05 && $0.start < span.end },
                        expected: span.expectedNotes),
                    runs: Self.clippedRuns(in: take, from: span.start, to: span.end), penalty: 40)
            }
            let best = scores.indices.max { scores[$0].value < scores[$1].value } ?? 0
            chosen.append(
                .init(
                    start: span.start, end: span.end, bar: grid?.barBeatText(at: span.start),
                    takeIndex: best, take: takes[best].name, scores: scores.map(\.value), why: scores[best].why))
        }
        let ranked = reports.enumerated().map { i, report -> TakeRanking.RankedTake in
            let s = clipped(
                score(notes: report.notes, expected: options.reference?.count),
                runs: Self.clippedRuns(in: takes[i], from: 0, to: takes[i].duration), penalty: 15)
            return .init(take: takes[i].name, score: s.value, reasons: s.reasons, report: report)
        }.sorted { $0.score > $1.score }
        return TakeRanking(takes: ranked, phrases: chosen)
    }

    /// Phrases from the reference (at its rests), or from the notes all takes agree on.
    private func phrases(reports: [PerformanceReport]) -> [(start: Double, end: Double, expectedNotes: Int?)] {
        if let reference = options.reference?.sorted(by: { $0.start < $1.start }), !reference.isEmpty {
            var spans: [(Double, Double, Int?)] = []
            var first = reference[0], last = reference[0], count = 0
            for note in reference {
                if note.start - last.end >= phraseGap, count > 0 {
                    spans.append((first.start, last.end, count))
                    first = note; count = 0
                }
                last = note.end > last.end || count == 0 ? note : last
                count += 1
            }
            spans.append((first.start, last.end, count))
            return spans
        }
        // Without a reference: sounding intervals of all takes merged; a phrase ends where every take rests.
        let intervals = reports.flatMap { $0.notes.map { ($0.start, $0.end) } }.sorted { $0.0 < $1.0 }
        var spans: [(Double, Double, Int?)] = []
        for (s, e) in intervals {
            if let last = spans.last, s - last.1 < phraseGap {
                spans[spans.count - 1].1 = Swift.max(last.1, e)
            } else {
                spans.append((s, e, nil))
            }
        }
        return spans
    }

    /// Runs of three or more samples at full scale (|x| ≥ 0.999, as `analyze` counts clipping)
    /// in the take between `start` and `end`, seconds.
    static func clippedRuns(in take: Take, from start: Double, to end: Double) -> Int {
        let from = Swift.max(0, Int(start * take.sampleRate)),
            to = Swift.min(take.samples.count, Int(end * take.sampleRate))
        guard from < to else { return 0 }
        var runs = 0, length = 0
        for x in take.samples[from..<to] {
            if abs(x) >= 0.999 {
                length += 1
                if length == 3 { runs += 1 }
            } else {
                length = 0
            }
        }
        return runs
    }

    /// A score lowered by `penalty` when the audio clips: a clipped phrase cannot be used, however
    /// well it is sung.
    private func clipped(
        _ s: (value: Double, reasons: [String], why: String), runs: Int, penalty: Double
    ) -> (value: Double, reasons: [String], why: String) {
        guard runs > 0 else { return s }
        let reason = "clips (\(runs) run\(runs == 1 ? "" : "s") at full scale)"
        return (Swift.max(0, s.value - penalty), s.reasons + [reason], s.why + "; " + reason)
    }

    /// A score out of 100 for some judged notes, with reasons.
    private func score(
        notes: [PerformanceReport.JudgedNote], expected: Int?
    ) -> (value: Double, reasons: [String], why: String) {
        guard !notes.isEmpty else { return (0, ["no notes heard"], "nothing heard in the other takes") }
        let cents = notes.compactMap(\.cents).map(abs)
        let timing = notes.compactMap(\.timingMs).map(abs)
        let meanCents = cents.isEmpty ? 0 : cents.reduce(0, +) / Double(cents.count)
        let meanTiming = timing.isEmpty ? 0 : timing.reduce(0, +) / Double(timing.count)
        let inTune = cents.isEmpty ? 1 : Double(cents.filter { $0 <= 20 }.count) / Double(cents.count)
        let onTime = timing.isEmpty ? 1 : Double(timing.filter { $0 <= 20 }.count) / Double(timing.count)
        let missing = Swift.max(0, (expected ?? notes.count) - notes.count)
        var value = 100.0
        value -= Swift.min(40, meanCents * 0.8) + (1 - inTune) * 20
        value -= Swift.min(30, meanTiming * 0.4) + (1 - onTime) * 10
        value -= Double(missing) * 5
        value = Swift.max(0, value)
        var reasons: [String] = []
        if !cents.isEmpty {
            reasons.append(
                "\(Int((inTune * 100).rounded())) % of notes within 20 cents (mean \(Int(meanCents.rounded())) cents off)"
            )
        }
        if !timing.isEmpty {
            reasons.append(
                "\(Int((onTime * 100).rounded())) % of starts within 20 ms (mean \(Int(meanTiming.rounded())) ms)")
        }
        if missing > 0 { reasons.append("\(missing) note\(missing == 1 ? "" : "s") missing") }
        let why = reasons.isEmpty ? "cleanest take" : reasons.joined(separator: "; ")
        return ((value * 10).rounded() / 10, reasons, why)
    }
}
