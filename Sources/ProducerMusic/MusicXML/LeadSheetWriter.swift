/// Builds the document, bar by bar.
struct LeadSheetWriter {
    let chart: Chart
    let divisions: Int
    var out = ""
    var tieOpen = false
    var wordOpen = false

    init(chart: Chart, divisions: Int) {
        self.chart = chart
        self.divisions = divisions
    }

    func ticks(_ q: Double) -> Int { Int((q * Double(divisions)).rounded()) }

    mutating func document() -> String {
        out = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" "http://www.musicxml.org/dtds/partwise.dtd">
            <score-partwise version="4.0">

            """
        if let title = chart.title {
            out += "  <work>\n    <work-title>\(xmlEscaped(title))</work-title>\n  </work>\n"
        }
        out += """
              <identification>
                <encoding>
                  <software>Producer</software>
                </encoding>
              </identification>
              <part-list>
                <score-part id="P1">
                  <part-name>Lead</part-name>
                </score-part>
              </part-list>
              <part id="P1">

            """
        let all = chart.sections.flatMap(\.bars)
        var number = 0
        var time: TimeSignature?
        for section in chart.sections {
            let bars = section.bars
            // A `:|` before any `|:` repeats from the section's start, as does a repeated section.
            let firstStart = bars.firstIndex(where: \.startsRepeat) ?? bars.count
            let firstEnd = bars.firstIndex(where: { $0.endsRepeat != nil }) ?? bars.count
            let forwardAtStart = section.repeats > 1 || firstEnd < firstStart
            for (i, bar) in bars.enumerated() {
                number += 1
                out += "    <measure number=\"\(number)\">\n"
                if number == 1 {
                    out += "      <attributes>\n        <divisions>\(divisions)</divisions>\n"
                    if let key = chart.key {
                        out +=
                            "        <key>\n          <fifths>\(key.fifths)</fifths>\n          <mode>\(key.mode)</mode>\n        </key>\n"
                    }
                    out += timeXML(bar.time)
                    out +=
                        "        <clef>\n          <sign>G</sign>\n          <line>2</line>\n        </clef>\n      </attributes>\n"
                } else if bar.time != time {
                    out += "      <attributes>\n" + timeXML(bar.time) + "      </attributes>\n"
                }
                time = bar.time
                if bar.startsRepeat || (i == 0 && forwardAtStart) {
                    out += "      <barline location=\"left\">\n        <bar-style>heavy-light</bar-style>\n"
                    out += "        <repeat direction=\"forward\"/>\n      </barline>\n"
                }
                if i == 0, !section.name.isEmpty {
                    out += "      <direction placement=\"above\">\n        <direction-type>\n"
                    out += "          <rehearsal>\(xmlEscaped(section.name))</rehearsal>\n"
                    out += "        </direction-type>\n      </direction>\n"
                }
                if let bpm = number == 1 ? bar.tempoChange ?? chart.tempo : bar.tempoChange {
                    let shown = Chart.number(bpm)
                    out += "      <direction placement=\"above\">\n        <direction-type>\n          <metronome>\n"
                    out += "            <beat-unit>quarter</beat-unit>\n            <per-minute>\(shown)</per-minute>\n"
                    out += "          </metronome>\n        </direction-type>\n        <sound tempo=\"\(shown)\"/>\n"
                    out += "      </direction>\n"
                }
                if bar.melody.isEmpty { restBar(bar) } else { melodyBar(bar) }
                let times = bar.endsRepeat ?? (i == bars.count - 1 && section.repeats > 1 ? section.repeats : nil)
                if let times {
                    out += "      <barline location=\"right\">\n        <bar-style>light-heavy</bar-style>\n"
                    out += "        <repeat direction=\"backward\" times=\"\(times)\"/>\n      </barline>\n"
                } else if number == all.count {
                    out +=
                        "      <barline location=\"right\">\n        <bar-style>light-heavy</bar-style>\n      </barline>\n"
                }
                out += "    </measure>\n"
            }
        }
        out += "  </part>\n</score-partwise>\n"
        return out
    }

    private func timeXML(_ t: TimeSignature) -> String {
        "        <time>\n          <beats>\(t.beatsPerBar)</beats>\n          <beat-type>\(t.beatUnit)</beat-type>\n        </time>\n"
    }

    /// A bar without melody: a whole-bar rest, or rests split where the chords change.
    private mutating func restBar(_ bar: Chart.Bar) {
        tieOpen = false
        if bar.chords.count <= 1 {
            if let c = bar.chords.first { out += harmonyXML(c, offset: 0) }
            out += "      <note>\n        <rest measure=\"yes\"/>\n        <duration>\(ticks(bar.length))</duration>\n"
            out += "        <voice>1</voice>\n      </note>\n"
            return
        }
        for (i, c) in bar.chords.enumerated() {
            out += harmonyXML(c, offset: 0)
            let end = i + 1 < bar.chords.count ? bar.chords[i + 1].start : bar.length
            var left = ticks(end) - ticks(c.start)
            for value in [1, 2, 4, 8, 16, 32] {
                let size = ticks(4 / Double(value))
                while size > 0, left >= size {
                    out +=
                        "      <note>\n        <rest/>\n        <duration>\(size)</duration>\n        <voice>1</voice>\n"
                    out += "        <type>\(LeadSheetWriter.typeNames[value]!)</type>\n      </note>\n"
                    left -= size
                }
            }
            if left > 0 {
                out +=
                    "      <note>\n        <rest/>\n        <duration>\(left)</duration>\n        <voice>1</voice>\n      </note>\n"
            }
        }
    }

    private mutating func melodyBar(_ bar: Chart.Bar) {
        var next = 0
        for note in bar.melody {
            let end = note.start + note.length
            while next < bar.chords.count, bar.chords[next].start < end - 1e-9 {
                out += harmonyXML(bar.chords[next], offset: max(0, ticks(bar.chords[next].start) - ticks(note.start)))
                next += 1
            }
            out += "      <note>\n"
            if let n = note.note {
                out += "        <pitch>\n          <step>\(n.letter)</step>\n"
                if n.accidental != .natural { out += "          <alter>\(n.accidental.semitones)</alter>\n" }
                out += "          <octave>\(n.octave)</octave>\n        </pitch>\n"
            } else {
                out += "        <rest/>\n"
            }
            out += "        <duration>\(ticks(note.length))</duration>\n"
            let stops = tieOpen && note.note != nil
            let starts = note.tiedToNext && note.note != nil
            if stops { out += "        <tie type=\"stop\"/>\n" }
            if starts { out += "        <tie type=\"start\"/>\n" }
            out += "        <voice>1</voice>\n"
            if let (value, dots) = LeadSheetWriter.noteValue(note.length) {
                out += "        <type>\(LeadSheetWriter.typeNames[value]!)</type>\n"
                out += String(repeating: "        <dot/>\n", count: dots)
            }
            if stops || starts {
                out += "        <notations>\n"
                if stops { out += "          <tied type=\"stop\"/>\n" }
                if starts { out += "          <tied type=\"start\"/>\n" }
                out += "        </notations>\n"
            }
            if let lyric = note.lyric, note.note != nil {
                let continues = lyric.count > 1 && lyric.hasSuffix("-")
                let text = continues ? String(lyric.dropLast()) : lyric
                let syllabic = wordOpen ? (continues ? "middle" : "end") : (continues ? "begin" : "single")
                wordOpen = continues
                out += "        <lyric number=\"1\">\n          <syllabic>\(syllabic)</syllabic>\n"
                out += "          <text>\(xmlEscaped(text))</text>\n        </lyric>\n"
            }
            out += "      </note>\n"
            tieOpen = starts
        }
    }

    static let typeNames = [1: "whole", 2: "half", 4: "quarter", 8: "eighth", 16: "16th", 32: "32nd"]

    /// The note value (1 whole … 32) and dots (0–3) of `length` quarter notes, if one fits.
    static func noteValue(_ length: Double) -> (Int, Int)? {
        for value in [1, 2, 4, 8, 16, 32] {
            var l = 4 / Double(value)
            var add = l
            for dots in 0...3 {
                if abs(l - length) < 1e-9 { return (value, dots) }
                add /= 2
                l += add
            }
        }
        return nil
    }
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML, and characters XML 1.0 forbids dropped.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default:
            let v = scalar.value
            let allowed =
                v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                || v >= 0x10000
            if allowed { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
