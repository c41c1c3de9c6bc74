/// `melody:` and `lyrics:` lines, read against the line of bars above them.
extension ChartReader {
    /// The bars of a melody or lyrics line: for each, the range of characters between its bar lines.
    private func segments(
        _ chars: [Character], start: Int, number: Int, what: String
    ) throws(ChartError) -> [Range<Int>] {
        guard start < chars.count, chars[start] == "|", chars.last == "|" else {
            throw fail(
                .syntax, number, start + 1,
                "\(what): writes its bars between bar lines, e.g. \(what): | \(what == "melody" ? "A4/4 C5/4 B4/2" : "Late train") |"
            )
        }
        var result: [Range<Int>] = []
        var from = start + 1
        for i in (start + 1)..<chars.count where chars[i] == "|" {
            result.append(from..<i)
            from = i + 1
        }
        return result
    }

    /// The words in `range` with their 1-based columns.
    private func words(_ chars: [Character], _ range: Range<Int>) -> [(String, Int)] {
        var result: [(String, Int)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if chars[i].isWhitespace {
                i += 1
                continue
            }
            var j = i
            while j < range.upperBound, !chars[j].isWhitespace { j += 1 }
            result.append((String(chars[i..<j]), i + 1))
            i = j
        }
        return result
    }

    mutating func readMelody(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        guard let target = melodyTarget else {
            throw fail(
                .mismatch, number, 1,
                "melody: follows the line of bars it belongs to (one melody line per line of bars)")
        }
        let bars = try segments(chars, start: start, number: number, what: "melody")
        let line = chart.sections[target.section].lines[target.line]
        guard bars.count == line.bars.count else {
            throw fail(
                .mismatch, number, start + 1,
                "the melody has \(bars.count) bar\(bars.count == 1 ? "" : "s") but its line of bars has \(line.bars.count)"
            )
        }
        var tiedFrom: Chart.MelodyNote?
        for (b, range) in bars.enumerated() {
            let bar = line.bars[b]
            var notes: [Chart.MelodyNote] = []
            var position = 0.0
            for (word, column) in words(chars, range) {
                let (note, length, tied) = try melodyNote(word, column: column, number: number)
                if let from = tiedFrom, from.note?.midi != note?.midi {
                    throw fail(
                        .syntax, number, column, "the ~ before ties into this note, which must have the same pitch")
                }
                if note == nil, tied { throw fail(.syntax, number, column, "a rest cannot be tied with ~") }
                let melodyNote = Chart.MelodyNote(note: note, start: position, length: length, tiedToNext: tied)
                notes.append(melodyNote)
                tiedFrom = tied ? melodyNote : nil
                position += length
            }
            guard !notes.isEmpty else {
                throw fail(
                    .beats, number, range.lowerBound,
                    "melody bar \(b + 1) is empty: write a rest for a bar with no melody, e.g. r/1 in 4/4")
            }
            guard position == bar.length else {
                throw fail(
                    .beats, number, range.lowerBound + 1,
                    "melody bar \(b + 1) lasts \(Chart.number(position)) quarter notes, but a \(bar.time) bar lasts \(Chart.number(bar.length))"
                )
            }
            chart.sections[target.section].lines[target.line].bars[b].melody = notes
        }
        melodyTarget = nil
        lyricsTarget = target
    }

    /// Reads `C#5/8.~`, `r/4`: the note (nil for a rest), its length in quarter notes and its tie.
    private func melodyNote(_ word: String, column: Int, number: Int) throws(ChartError) -> (Note?, Double, Bool) {
        let chars = Array(word)
        func bad(_ why: String) -> ChartError {
            fail(
                .syntax, number, column,
                "\"\(word)\" is not a melody note: \(why) (e.g. A4/4, C#5/8., Bb3/2~, r/2 for a rest)")
        }
        var i = 0
        var note: Note?
        if chars.first == "r" {
            i = 1
        } else {
            guard let scanned = NoteName.scan(chars, from: &i) else { throw bad("a note starts with a letter A–G") }
            guard case .success(let name) = scanned else { throw bad("a note has at most a double sharp or flat") }
            var octave = 0
            let negative = i < chars.count && chars[i] == "-"
            if negative { i += 1 }
            let digits = i
            while i < chars.count, chars[i].isASCIIDigit, i - digits < 2 {
                octave = octave * 10 + Int(chars[i].asciiValue! - 48)
                i += 1
            }
            guard i > digits else { throw bad("after the note's name comes its octave (C4 is middle C)") }
            let n = Note(name, octave: negative ? -octave : octave)
            guard (0...127).contains(n.midi) else { throw bad("the note is outside the MIDI range C-1 to G9") }
            note = n
        }
        guard i < chars.count, chars[i] == "/" else { throw bad("a / and the note value follow the note") }
        i += 1
        var value = 0
        let digits = i
        while i < chars.count, chars[i].isASCIIDigit, i - digits < 2 {
            value = value * 10 + Int(chars[i].asciiValue! - 48)
            i += 1
        }
        guard [1, 2, 4, 8, 16, 32].contains(value) else { throw bad("the note value is 1, 2, 4, 8, 16 or 32") }
        var dots = 0
        while i < chars.count, chars[i] == ".", dots < 3 {
            dots += 1
            i += 1
        }
        let tied = i < chars.count && chars[i] == "~"
        if tied { i += 1 }
        guard i == chars.count else { throw bad("a note ends with its value, up to three dots and ~ for a tie") }
        var length = 4 / Double(value)
        var add = length
        for _ in 0..<dots {
            add /= 2
            length += add
        }
        return (note, length, tied)
    }

    mutating func readLyrics(_ chars: [Character], start: Int, number: Int) throws(ChartError) {
        guard let target = lyricsTarget else {
            throw fail(.mismatch, number, 1, "lyrics: follows the melody: line it is sung to")
        }
        let bars = try segments(chars, start: start, number: number, what: "lyrics")
        let line = chart.sections[target.section].lines[target.line]
        guard bars.count == line.bars.count else {
            throw fail(
                .mismatch, number, start + 1,
                "the lyrics have \(bars.count) bar\(bars.count == 1 ? "" : "s") but their melody has \(line.bars.count)"
            )
        }
        for (b, range) in bars.enumerated() {
            let melody = line.bars[b].melody
            let syllables = words(chars, range)
            let tiedIn = chart.melodyNote(before: target.section, target.line, b)?.tiedToNext ?? false
            let singable = Chart.singableNotes(melody, tiedIn: tiedIn)
            let slots: [Int]
            if syllables.count <= singable.count {
                slots = Array(singable.prefix(syllables.count))
            } else if syllables.count == melody.count {
                slots = Array(melody.indices)
            } else {
                throw fail(
                    .mismatch, number, range.lowerBound + 1,
                    "\(syllables.count) syllables for \(singable.count) notes to sing in bar \(b + 1): one syllable per note (not a rest or a tied-on note), _ to skip one"
                )
            }
            for (slot, (syllable, column)) in zip(slots, syllables) where syllable != "_" {
                if melody[slot].note == nil {
                    throw fail(.mismatch, number, column, "\"\(syllable)\" falls on a rest: write _ for it")
                }
                chart.sections[target.section].lines[target.line].bars[b].melody[slot].lyric = syllable
            }
        }
        lyricsTarget = nil
    }
}

extension Chart {
    /// The notes of `melody` that take a syllable: sounding notes not continued from a tie.
    static func singableNotes(_ melody: [MelodyNote], tiedIn: Bool) -> [Int] {
        melody.indices.filter { i in
            melody[i].note != nil && !(i == 0 ? tiedIn : melody[i - 1].tiedToNext)
        }
    }

    /// The last melody note of the bar written before bar `b` of line `l` of section `s`, if any.
    func melodyNote(before s: Int, _ l: Int, _ b: Int) -> MelodyNote? {
        if b > 0 { return sections[s].lines[l].bars[b - 1].melody.last }
        if l > 0 { return sections[s].lines[l - 1].bars.last?.melody.last }
        if s > 0 { return sections[s - 1].lines.last?.bars.last?.melody.last }
        return nil
    }

    /// `4`, `92.5`: a number as a chart writes it.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : "\(x)"
    }
}
