extension Arranger {
    // MARK: key and tempo

    /// `chart` moved to `key`'s tonic the nearer way, spelled for it; the chart's mode is kept.
    static func transposed(_ chart: Chart, to key: Key) -> Chart {
        chart.transposed(to: Key(tonic: key.tonic, mode: chart.key?.mode ?? key.mode))
    }

    /// `chart` at `tempo` quarter notes per minute; later tempo changes keep their ratio to it.
    static func retimed(_ chart: Chart, to tempo: Double) -> Chart {
        let ratio = tempo / chart.tempo
        var out = chart
        out.tempo = tempo
        for s in out.sections.indices {
            for l in out.sections[s].lines.indices {
                for b in out.sections[s].lines[l].bars.indices {
                    if let t = out.sections[s].lines[l].bars[b].tempoChange {
                        out.sections[s].lines[l].bars[b].tempoChange = t * ratio
                    }
                }
            }
        }
        return out
    }

    // MARK: the lead

    /// The chart's melody, ties joined, folded by octaves into the lead's range.
    func lead() -> [ArrangedNote] {
        var notes: [ArrangedNote] = []
        var tied = false
        for bar in chart.played() {
            for m in bar.bar.melody.sorted(by: { $0.start < $1.start }) {
                guard let note = m.note else {
                    tied = false
                    continue
                }
                let start = bar.start + m.start
                if tied, let last = notes.last, last.pitch == note.midi, abs(last.end - start) < 1e-6 {
                    notes[notes.count - 1].length += m.length
                } else {
                    notes.append(ArrangedNote(pitch: note.midi, start: start, length: m.length, velocity: 92))
                }
                tied = m.tiedToNext
            }
        }
        return notes
    }

    // MARK: feel, humanising, hygiene

    /// The notes with the feel's swing: 8ths 2:1 for swing (and jazz), a light 16th swing for
    /// hip-hop. Only in meters counted in quarter notes.
    func swung(_ notes: [ArrangedNote]) -> [ArrangedNote] {
        var eighths: Double?
        var sixteenths: Double?
        switch options.feel {
        case .swing: eighths = 2.0 / 3
        case .straight: break
        default:
            if style == .jazz { eighths = 2.0 / 3 }
            if style == .hiphop { sixteenths = 0.58 }
        }
        guard eighths != nil || sixteenths != nil,
            bars.allSatisfy({ $0.time.beatUnit == 4 && $0.start == $0.start.rounded() })
        else { return notes }
        func warp(_ t: Double, _ r: Double) -> Double { t < 0.5 ? t * 2 * r : r + (t - 0.5) * 2 * (1 - r) }
        func map(_ q: Double) -> Double {
            let beat = q.rounded(.down)
            var t = q - beat
            if let r = eighths { t = warp(t, r) }
            if let r = sixteenths {
                let half = t < 0.5 ? 0.0 : 0.5
                t = half + warp((t - half) * 2, r) / 2
            }
            return beat + t
        }
        return notes.map { n in
            var m = n
            m.start = map(n.start)
            m.length = max(1.0 / 32, map(n.end) - m.start)
            return m
        }
    }

    /// The notes with seeded timing (about ±10 ms) and velocity (±8) variation.
    func humanized(_ notes: [ArrangedNote], instrument: Instrument, random: inout SplitMixRandom) -> [ArrangedNote] {
        let map = chart.tempoMap()
        return notes.map { n in
            var m = n
            let seconds = (random.unit() * 2 - 1) * 0.010
            m.start = max(0, n.start + seconds * map.bpm(atQuarterNotes: n.start) / 60)
            m.velocity = max(1, min(127, n.velocity + Int(((random.unit() * 2 - 1) * 8).rounded())))
            return m
        }
    }

    /// Sorted notes inside the instrument's range (pitched notes folded by octaves), at least a
    /// 64th long, never two of one pitch sounding at once: the earlier is released a 128th before
    /// the next starts; of two starting within a 32nd the first (the louder, if together) stays.
    func cleaned(_ notes: [ArrangedNote], for instrument: Instrument) -> [ArrangedNote] {
        let range = instrument.range
        var sorted = notes.map { n -> ArrangedNote in
            var m = n
            while m.pitch < range.lowerBound { m.pitch += 12 }
            while m.pitch > range.upperBound { m.pitch -= 12 }
            m.start = max(0, m.start)
            m.length = max(1.0 / 64, m.length)
            m.velocity = max(1, min(127, m.velocity))
            return m
        }
        sorted.sort { ($0.start, $0.pitch, -$0.velocity) < ($1.start, $1.pitch, -$1.velocity) }
        var out: [ArrangedNote] = []
        var lastOfPitch: [Int: Int] = [:]
        for n in sorted where range.contains(n.pitch) {
            if let k = lastOfPitch[n.pitch] {
                if n.start - out[k].start < 1.0 / 32 { continue }
                // A key struck again is released a 128th before (no note-off and note-on of one
                // pitch at one tick: some readers pair those wrongly).
                if out[k].end > n.start - 1.0 / 128 { out[k].length = n.start - 1.0 / 128 - out[k].start }
            }
            lastOfPitch[n.pitch] = out.count
            out.append(n)
        }
        return out
    }
}
