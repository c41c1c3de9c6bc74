extension Chart {
    /// The chart as text in the canonical layout, which ``init(parsing:file:)`` reads back to an
    /// equal chart: the header (title and key when set, tempo, time), a blank line, then each
    /// section's name and its lines of bars, each followed by its melody and lyrics lines.
    ///
    /// A chart read from text prints its chords as written and its bars as laid out (chords
    /// sharing a bar equally, else one chord or `/` per beat); `tempo:` and `time:` changes stand
    /// before the line (or the section) whose first bar they change.
    public var text: String {
        var out = ""
        // A title can start with "#" only when written right after the colon ("title:#9"): after
        // a space, "#" would begin a comment, so it is printed the same way.
        if let title { out += "title:" + (title.hasPrefix("#") ? "" : " ") + title + "\n" }
        if let key { out += "key: \(key.ascii)\n" }
        out += "tempo: \(Chart.number(tempo))\ntime: \(time)\n\n"
        for (s, section) in sections.enumerated() {
            // A change at a section's first bar stands before its name, except in the first
            // section: before it, tempo: and time: would be the header's.
            let changesBeforeName = s > 0 && !section.name.isEmpty
            if !section.name.isEmpty {
                if changesBeforeName { out += changes(before: section.lines.first?.bars.first) }
                out += "[\(section.name)]" + (section.repeats == 1 ? "" : " x\(section.repeats)") + "\n"
            }
            for (l, line) in section.lines.enumerated() {
                if l > 0 || !changesBeforeName { out += changes(before: line.bars.first) }
                out += barsText(line.bars) + "\n"
                guard line.bars.contains(where: { !$0.melody.isEmpty }) else { continue }
                out += "melody: |" + line.bars.map { " " + melodyText($0) + " |" }.joined() + "\n"
                var lyrics: [String] = []
                for (b, bar) in line.bars.enumerated() {
                    let tiedIn = melodyNote(before: s, l, b)?.tiedToNext ?? false
                    lyrics.append(lyricsText(bar.melody, tiedIn: tiedIn))
                }
                if lyrics.contains(where: { !$0.isEmpty }) {
                    out += "lyrics: |" + lyrics.map { ($0.isEmpty ? "" : " " + $0) + " |" }.joined() + "\n"
                }
            }
        }
        return out
    }

    private func changes(before bar: Bar?) -> String {
        guard let bar else { return "" }
        var out = ""
        if let t = bar.tempoChange { out += "tempo: \(Chart.number(t))\n" }
        if bar.timeChanges { out += "time: \(bar.time)\n" }
        return out
    }

    private func barsText(_ bars: [Bar]) -> String {
        var out = ""
        for (i, bar) in bars.enumerated() {
            if i == 0 { out += bar.startsRepeat ? "|:" : "|" }
            out += " " + chordsText(bar) + " "
            if let times = bar.endsRepeat {
                out += ":|"
                if i + 1 < bars.count, bars[i + 1].startsRepeat { out += ":" }
                if times != 2 { out += " x\(times)" }
            } else {
                out += i + 1 < bars.count && bars[i + 1].startsRepeat ? "|:" : "|"
            }
        }
        return out
    }

    /// The bar's chords: `%`, chords sharing the bar equally, or one chord or `/` per beat.
    private func chordsText(_ bar: Bar) -> String {
        if bar.repeatsPrevious { return "%" }
        let chords = bar.chords
        if chords.isEmpty { return "N.C." }
        let beats = bar.time.beatsPerBar
        let equal = bar.length / Double(chords.count)
        if beats % chords.count == 0,
            chords.enumerated().allSatisfy({
                abs($1.start - Double($0) * equal) < 1e-9 && abs($1.length - equal) < 1e-9
            })
        {
            return chords.map(\.text).joined(separator: " ")
        }
        let beat = bar.time.quarterNotesPerBeat
        var tokens = Array(repeating: "/", count: beats)
        tokens[0] = chords[0].text
        for chord in chords.dropFirst() {
            let i = Int((chord.start / beat).rounded())
            if (1..<beats).contains(i) { tokens[i] = chord.text }
        }
        return tokens.joined(separator: " ")
    }

    private func melodyText(_ bar: Bar) -> String {
        if bar.melody.isEmpty { return Chart.restText(bar.length) }
        return bar.melody.map { note in
            (note.note?.ascii ?? "r") + "/" + Chart.valueText(note.length) + (note.tiedToNext ? "~" : "")
        }.joined(separator: " ")
    }

    /// `4`, `8.`: the note value (with dots) of `length` quarter notes; the nearest plain value
    /// when none fits exactly.
    static func valueText(_ length: Double) -> String {
        for value in [1, 2, 4, 8, 16, 32] {
            var l = 4 / Double(value)
            var add = l
            for dots in 0...3 {
                if abs(l - length) < 1e-9 { return "\(value)" + String(repeating: ".", count: dots) }
                add /= 2
                l += add
            }
        }
        let value = [1, 2, 4, 8, 16, 32].min { abs(4 / Double($0) - length) < abs(4 / Double($1) - length) }!
        return "\(value)"
    }

    /// Rests filling `length` quarter notes: `r/1`, `r/2.`, `r/2 r/8`.
    static func restText(_ length: Double) -> String {
        var left = length
        var rests: [String] = []
        for value in [1, 2, 4, 8, 16, 32] {
            let l = 4 / Double(value)
            while left >= l - 1e-9, rests.count < 64 {
                rests.append("r/\(value)")
                left -= l
            }
        }
        return rests.isEmpty ? "r/32" : rests.joined(separator: " ")
    }

    /// A bar's syllables: one per singable note (trailing skips left out), or, when a syllable
    /// sits on a tied-on note, one per note and rest.
    private func lyricsText(_ melody: [MelodyNote], tiedIn: Bool) -> String {
        let singable = Chart.singableNotes(melody, tiedIn: tiedIn)
        let slots: [Int]
        if melody.indices.allSatisfy({ melody[$0].lyric == nil || singable.contains($0) }) {
            slots = singable
        } else {
            slots = Array(melody.indices)
        }
        var words = slots.map { melody[$0].lyric ?? "_" }
        if slots == singable { while words.last == "_" { words.removeLast() } }
        return words.joined(separator: " ")
    }
}
