/// Reads a chart line by line into a ``Chart`` (used by ``Chart/init(parsing:file:)``).
struct ChartReader {
    let file: String
    var chart = Chart()
    /// A bar or a section has been read: `tempo:` and `time:` now change the music.
    var inBody = false
    var headerKeys: Set<String> = []
    /// The meter in effect.
    var time = TimeSignature.fourFour
    var pendingTempo: (value: Double, line: Int, column: Int)?
    var pendingTime: (value: TimeSignature, line: Int, column: Int)?
    /// Where the open `|:` is, if a passage is open in this section.
    var openRepeat: (line: Int, column: Int)?
    var sectionPlace: (line: Int, column: Int) = (0, 0)
    /// The section and line index of the line of bars a `melody:` line may follow.
    var melodyTarget: (section: Int, line: Int)?
    /// The section and line index of the line whose melody a `lyrics:` line may follow.
    var lyricsTarget: (section: Int, line: Int)?
    var barCount = 0
    var previousBar: Chart.Bar?

    init(file: String) { self.file = file }

    func fail(_ code: ChartError.Code, _ line: Int?, _ column: Int?, _ message: String) -> ChartError {
        ChartError(code, file: file, line: line, column: column, message)
    }

    mutating func read(_ text: String) throws(ChartError) {
        guard text.utf8.count <= Chart.maximumTextBytes else {
            throw fail(.tooLarge, nil, nil, "the chart is larger than 1 MiB, the most Producer reads")
        }
        var number = 0
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var chars = Array(String(decoding: raw, as: UTF8.self))
            if number == 1, chars.first == "\u{FEFF}" { chars[0] = " " }
            if let hash = chars.indices.first(where: { chars[$0] == "#" && ($0 == 0 || chars[$0 - 1].isWhitespace) }) {
                chars.removeSubrange(hash...)
            }
            while let last = chars.last, last.isWhitespace { chars.removeLast() }
            guard let start = chars.firstIndex(where: { !$0.isWhitespace }) else { continue }
            try readLine(chars, start: start, number: number)
        }
        try finishSection()
        if let t = pendingTempo {
            throw fail(
                .syntax, t.line, t.column,
                "tempo: here is followed by no bar: put it before the bar where the tempo changes")
        }
        if let t = pendingTime {
            throw fail(
                .syntax, t.line, t.column,
                "time: here is followed by no bar: put it before the bar where the meter changes")
        }
        if chart.playedBarCount > Chart.maximumPlayedBars {
            throw fail(
                .tooLarge, nil, nil,
                "the chart plays \(chart.playedBarCount) bars with its repeats, more than the 100000 Producer plays")
        }
        if barCount == 0 {
            throw fail(
                .syntax, max(1, number), nil,
                "the chart has no bars: write them between bar lines, e.g. | Am | F | C | G |")
        }
    }

    private mutating func readLine(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        switch chars[start] {
        case "[": try readSection(chars, start: start, number: number)
        case "|": try readBars(chars, start: start, number: number)
        case ":" where start + 1 < chars.count && chars[start + 1] == "|":
            throw fail(
                .syntax, number, start + 1,
                "a line of bars starts with | or |:, not :| (end the repeat on the line before)")
        default: try readKeyLine(chars, start: start, number: number)
        }
    }

    private mutating func readKeyLine(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        var i = start
        while i < chars.count, chars[i].isLetter { i += 1 }
        guard i > start, i < chars.count, chars[i] == ":" else {
            let shown = String(chars[start...].prefix(20))
            throw fail(
                .syntax, number, start + 1,
                "\"\(shown)\" is not a line of a chart: write a header (tempo: 92), a section ([Verse]), bars (| Am | F |), melody: or lyrics:"
            )
        }
        let key = String(chars[start..<i]).lowercased()
        var v = i + 1
        while v < chars.count, chars[v].isWhitespace { v += 1 }
        let value = String(chars[v...])
        let column = v + 1
        switch key {
        case "melody":
            try readMelody(chars, start: v, number: number)
            return
        case "lyrics":
            try readLyrics(chars, start: v, number: number)
            return
        case "title", "key", "tempo", "time": break
        default:
            throw fail(
                .unknownKey, number, start + 1,
                "unknown key \"\(key)\": a chart's header has title, key, tempo and time; its body has tempo, time, melody and lyrics"
            )
        }
        melodyTarget = nil
        lyricsTarget = nil
        guard !value.isEmpty else { throw fail(.invalidValue, number, column, "\(key): needs a value") }
        if inBody {
            switch key {
            case "tempo":
                if pendingTempo != nil {
                    throw fail(.syntax, number, start + 1, "a second tempo: before any bar: keep one")
                }
                pendingTempo = (try tempo(value, number, column), number, start + 1)
            case "time":
                if pendingTime != nil {
                    throw fail(.syntax, number, start + 1, "a second time: before any bar: keep one")
                }
                pendingTime = (try meter(value, number, column), number, start + 1)
            default:
                throw fail(
                    .syntax, number, start + 1,
                    "\(key): belongs in the header, before the first section or bar (only tempo and time change later)")
            }
            return
        }
        guard headerKeys.insert(key).inserted else {
            throw fail(.syntax, number, start + 1, "\(key): is given twice in the header")
        }
        switch key {
        case "title": chart.title = value
        case "key":
            do {
                chart.key = try Key(parsing: value)
            } catch {
                throw fail(.invalidValue, number, column, "key: \(error.problem)")
            }
        case "tempo": chart.tempo = try tempo(value, number, column)
        default:
            time = try meter(value, number, column)
            chart.time = time
        }
    }

    private func tempo(_ text: String, _ line: Int, _ column: Int) throws(ChartError) -> Double {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let plain =
            (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }
        guard plain, let bpm = Double(text), (10...500).contains(bpm) else {
            throw fail(
                .invalidValue, line, column,
                "tempo: \"\(text)\" is not a tempo: write quarter notes per minute from 10 to 500, e.g. tempo: 92")
        }
        return bpm
    }

    private func meter(_ text: String, _ line: Int, _ column: Int) throws(ChartError) -> TimeSignature {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }),
            let beats = Int(parts[0]), let unit = Int(parts[1]), (1...32).contains(beats),
            [1, 2, 4, 8, 16, 32].contains(unit)
        {
            return TimeSignature(beats, unit)
        }
        throw fail(
            .invalidValue, line, column,
            "time: \"\(text)\" is not a time signature: write beats/unit with 1 to 32 beats and a unit of 1, 2, 4, 8, 16 or 32, e.g. 4/4 or 6/8"
        )
    }

    private mutating func readSection(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        guard let close = chars[start...].firstIndex(of: "]") else {
            throw fail(.syntax, number, start + 1, "a section name ends with ], e.g. [Verse]")
        }
        let name = String(chars[(start + 1)..<close]).trimmingSpaces
        guard !name.isEmpty else { throw fail(.syntax, number, start + 1, "a section needs a name, e.g. [Verse]") }
        var i = close + 1
        while i < chars.count, chars[i].isWhitespace { i += 1 }
        var repeats = 1
        if i < chars.count {
            guard let found = try repeatCount(chars, at: i, number: number), found.1 == chars.count else {
                throw fail(
                    .syntax, number, i + 1,
                    "after a section's name comes only how many times it is played, e.g. [Chorus] x2")
            }
            repeats = found.0
        }
        try finishSection()
        inBody = true
        chart.sections.append(Chart.Section(name: name, repeats: repeats, sourceLine: number))
        sectionPlace = (number, start + 1)
        melodyTarget = nil
        lyricsTarget = nil
    }

    /// Reads `x3` (or `×3`) at `i`: the count and the index after it, nil when there is none.
    func repeatCount(_ chars: [Character], at i: Int, number: Int) throws(ChartError) -> (Int, Int)? {
        guard i + 1 < chars.count, chars[i] == "x" || chars[i] == "×", chars[i + 1].isASCIIDigit else { return nil }
        var j = i + 1
        var count = 0
        while j < chars.count, chars[j].isASCIIDigit {
            count = min(count * 10 + Int(chars[j].asciiValue! - 48), 1_000_000)
            j += 1
        }
        guard (1...Chart.maximumRepeats).contains(count) else {
            throw fail(
                .invalidValue, number, i + 1,
                "x\(count) is not a repeat count: a section or passage plays 1 to 16 times")
        }
        return (count, j)
    }

    /// Checks the section just read: its passages are closed and it has bars.
    mutating func finishSection() throws(ChartError) {
        if let open = openRepeat {
            throw fail(
                .syntax, open.line, open.column, "the passage started by |: here has no :| to end it in its section")
        }
        if let last = chart.sections.last, last.lines.isEmpty {
            throw fail(
                .syntax, sectionPlace.line, sectionPlace.column,
                "section [\(last.name)] has no bars: write them under it")
        }
    }
}

extension Character {
    /// 0–9.
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
