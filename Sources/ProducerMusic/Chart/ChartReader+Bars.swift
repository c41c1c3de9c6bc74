/// Lines of bars: `|: Am | F / G / :| x3`.
extension ChartReader {
    /// A bar line: `|`, `|:`, `:|`, `:|:`, with the repeat count after a `:|`.
    struct BarLine {
        var startsRepeat = false
        var endsRepeat = false
        var count: Int?
        var column: Int
    }

    /// A piece of a line of bars.
    enum Piece {
        case barLine(BarLine)
        case word(String, column: Int)
    }

    func pieces(_ chars: [Character], start: Int, number: Int) throws(ChartError) -> [Piece] {
        var result: [Piece] = []
        var i = start
        let n = chars.count
        while i < n {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
            } else if c == "|" || (c == ":" && i + 1 < n && chars[i + 1] == "|") {
                var line = BarLine(column: i + 1)
                if c == ":" {
                    line.endsRepeat = true
                    i += 1
                }
                i += 1
                if i < n, chars[i] == ":" {
                    line.startsRepeat = true
                    i += 1
                }
                if line.endsRepeat {
                    var j = i
                    while j < n, chars[j].isWhitespace { j += 1 }
                    if let (count, end) = try repeatCount(chars, at: j, number: number) {
                        line.count = count
                        i = end
                    }
                }
                result.append(.barLine(line))
            } else {
                var j = i
                while j < n, !chars[j].isWhitespace, chars[j] != "|",
                    !(chars[j] == ":" && j + 1 < n && chars[j + 1] == "|")
                {
                    j += 1
                }
                result.append(.word(String(chars[i..<j]), column: i + 1))
                i = j
            }
        }
        return result
    }

    mutating func readBars(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        inBody = true
        if chart.sections.isEmpty {
            chart.sections.append(Chart.Section(name: "", sourceLine: number))
            sectionPlace = (number, start + 1)
        }
        let pieces = try pieces(chars, start: start, number: number)
        var bars: [Chart.Bar] = []
        var opening: BarLine?
        var words: [(String, Int)] = []
        for piece in pieces {
            switch piece {
            case .word(let w, let column):
                words.append((w, column))
            case .barLine(let line):
                if let open = opening {
                    try bars.append(bar(open, line, words, number))
                } else if line.endsRepeat {
                    throw fail(.syntax, number, line.column, "a line of bars starts with | or |:, not :|")
                }
                opening = line
                words = []
            }
        }
        if let (word, column) = words.first {
            throw fail(.syntax, number, column, "\"\(word)\" is outside a bar: close the last bar with |")
        }
        if let last = opening, last.startsRepeat {
            throw fail(
                .syntax, number, last.column,
                "|: at the end of a line starts no bar: put it at the start of the next line")
        }
        guard !bars.isEmpty else {
            throw fail(.syntax, number, start + 1, "a line of bars has at least one bar between bar lines, e.g. | Am |")
        }
        let s = chart.sections.count - 1
        chart.sections[s].lines.append(Chart.Line(bars: bars, sourceLine: number))
        melodyTarget = (s, chart.sections[s].lines.count - 1)
        lyricsTarget = nil
    }

    private mutating func bar(
        _ open: BarLine, _ close: BarLine, _ words: [(String, Int)], _ number: Int
    ) throws(ChartError) -> Chart.Bar {
        barCount += 1
        if barCount > Chart.maximumBars {
            throw fail(.tooLarge, number, open.column, "the chart has more than 10000 bars, the most Producer reads")
        }
        if let t = pendingTime {
            time = t.value
        }
        var bar = Chart.Bar(
            chords: [], time: time, tempoChange: pendingTempo?.value, timeChanges: pendingTime != nil,
            startsRepeat: open.startsRepeat, endsRepeat: close.endsRepeat ? close.count ?? 2 : nil,
            sourceLine: number, sourceColumn: open.column)
        pendingTime = nil
        pendingTempo = nil
        if open.startsRepeat {
            if let o = openRepeat {
                throw fail(
                    .syntax, number, open.column,
                    "a |: inside the passage started at \(o.line):\(o.column): end that one with :| first")
            }
            openRepeat = (number, open.column)
        }
        if close.endsRepeat { openRepeat = nil }
        guard let (first, firstColumn) = words.first else {
            throw fail(
                .syntax, number, open.column + 1,
                "an empty bar: write a chord, N.C. for no chord, or % to repeat the bar before")
        }
        if let (_, column) = words.first(where: { $0.0 == "%" }) {
            guard words.count == 1 else {
                throw fail(.syntax, number, column, "% stands alone in its bar: it repeats the whole bar before")
            }
            guard let previous = previousBar else {
                throw fail(.syntax, number, column, "% repeats the bar before, but this is the first bar")
            }
            let scale = bar.length / previous.length
            bar.chords = previous.chords.map {
                Chart.ChordEvent($0.symbol, start: $0.start * scale, length: $0.length * scale, written: $0.written)
            }
            bar.repeatsPrevious = true
            previousBar = bar
            return bar
        }
        if first == "/" {
            throw fail(
                .syntax, number, firstColumn, "a bar starts with a chord: / holds the chord before it for one more beat"
            )
        }
        var symbols: [(ChordSymbol, String)?] = []
        for (word, column) in words {
            if word == "/" {
                symbols.append(nil)
                continue
            }
            let chars = Array(word)
            if chars.count > 1, chars[0] == "x" || chars[0] == "×", chars.dropFirst().allSatisfy(\.isASCIIDigit) {
                throw fail(.syntax, number, column, "\(word) counts repeats: it follows :| (e.g. | C :| x3)")
            }
            do {
                symbols.append((try ChordSymbol(parsing: word), word))
            } catch {
                throw fail(.chord, number, column + max(0, error.column - 1), error.description)
            }
        }
        let beats = time.beatsPerBar
        let beat = time.quarterNotesPerBeat
        let count = symbols.count
        if count == beats {
            for (i, s) in symbols.enumerated() {
                guard let (symbol, written) = s else { continue }
                let next = symbols[(i + 1)...].firstIndex(where: { $0 != nil }) ?? count
                bar.chords.append(
                    Chart.ChordEvent(symbol, start: Double(i) * beat, length: Double(next - i) * beat, written: written)
                )
            }
        } else if symbols.contains(where: { $0 == nil }) {
            throw fail(
                .beats, number, firstColumn,
                "\(count) beats marked in a \(time) bar: write one chord or / for each of its \(beats) beats")
        } else if count > beats {
            throw fail(.beats, number, firstColumn, "\(count) chords in a \(time) bar, which has only \(beats) beats")
        } else if beats % count == 0 {
            let each = Double(beats / count) * beat
            for (i, s) in symbols.enumerated() {
                bar.chords.append(Chart.ChordEvent(s!.0, start: Double(i) * each, length: each, written: s!.1))
            }
        } else {
            throw fail(
                .beats, number, firstColumn,
                "\(count) chords in a \(time) bar: mark the beats with /, one chord or / per beat (e.g. | C / G D | in 4/4)"
            )
        }
        previousBar = bar
        return bar
    }
}
