import Foundation
import ProducerAudio
import ProducerDSP
import ProducerMusic

/// Listens to a take the way a producer does: tracks every note's pitch and timing, compares
/// them with the intended part (or the key and the beat), and says what to fix first.
public struct Listener: Sendable {
    public var options: ListenOptions

    public init(options: ListenOptions = ListenOptions()) {
        self.options = options
    }

    /// Listens to a take.
    public func listen(to take: Take) -> PerformanceReport {
        var stream = Stream(self, name: take.name, sampleRate: take.sampleRate, remarks: take.notes)
        take.samples.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = Swift.min(all.count, start + 65_536)
                stream.consume(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        return stream.finish()
    }

    /// Judges the notes heard in a take against the grid, the key and the reference, and advises.
    func judge(
        name: String, duration: Double, remarks: [String], performed: [PerformedNote], onsets: [Double],
        onsetEnvelope: OnsetEnvelope, key: Key?, frames: [PitchFrame]
    ) -> PerformanceReport {
        var remarks = remarks
        let part = options.part

        // 1. The grid, and the reference moved to the take's first downbeat.
        let placement = placement(duration: duration, onsetEnvelope: onsetEnvelope, remarks: &remarks)
        let grid = placement.grid, tempoSource = placement.tempoSource
        let reference = options.reference.map { notes in
            notes.map {
                ReferenceNote(
                    start: $0.start + placement.referenceShift, end: $0.end + placement.referenceShift, pitch: $0.pitch)
            }
        }
        let subdivision: Subdivision? =
            reference == nil && grid != nil
            ? options.subdivision ?? Subdivision.detected(in: performed.map(\.start), grid: grid!) : nil

        // 2. Judge each note.
        var judged: [PerformanceReport.JudgedNote] = []
        var matched: [Int?] = Array(repeating: nil, count: performed.count)
        if let reference, !reference.isEmpty {
            matched = NoteAlignment().align(performed, to: reference)
            if let last = reference.map(\.end).max(), duration > last * 1.5 + 4 {
                remarks.append(
                    "The take runs \(formatTime(duration)) but the reference part ends at "
                        + "\(formatTime(last)): notes after the part's end are not judged against it.")
            }
        }
        for (i, note) in performed.enumerated() {
            let referenceNote = matched[i].flatMap { reference?[$0] }
            var expected: Int?
            if part.isPitched {
                if let r = referenceNote {
                    expected = r.pitch
                } else if let key {
                    expected = key.nearestScaleNote(toMidi: note.midi)
                } else {
                    expected = Int(note.midi.rounded())
                }
            }
            // The timing against the written note, or the grid point the part aims at; the bar:beat
            // is that of the note or point aimed at (the timing says how far off it was).
            var timing: Double?
            var aim = note.start
            if let r = referenceNote {
                timing = (note.start - r.start) * 1000
                aim = r.start
            } else if reference == nil, let grid, let subdivision {
                aim = grid.nearestPoint(to: note.start, perBeat: subdivision.perBeat)
                timing = (note.start - aim) * 1000
            }
            judged.append(
                PerformanceReport.JudgedNote(
                    start: note.start, end: note.end, midi: note.midi,
                    name: part.isPitched ? spell(Int(note.midi.rounded()), in: key) : "hit",
                    cents: expected.map { (note.midi - Double($0)) * 100 },
                    expected: expected.map { spell($0, in: key) }, expectedMidi: expected,
                    timingMs: timing, bar: grid?.barBeatText(at: aim),
                    stabilityCents: note.stabilityCents, vibratoRate: note.vibratoRate,
                    vibratoDepthCents: note.vibratoDepthCents, levelDecibels: note.levelDecibels))
        }

        // 3. A second voice under the notes (a duet, a chord): say where.
        let voices = secondVoices(performed)
        var secondVoiceAdvice: Finding?
        if let first = voices.first {
            let place =
                "\(formatTime(first.start))–\(formatTime(first.end))"
                + (grid.map { " (bar \($0.barBeatText(at: first.start)))" } ?? "")
            let more = voices.count > 1 ? " and in \(voices.count - 1) more place\(voices.count > 2 ? "s" : "")" : ""
            let sentence =
                "More than one voice is heard at \(place)\(more): the pitches heard there are not one voice's. "
                + "Record each voice on its own track to have each judged."
            remarks.append(sentence)
            secondVoiceAdvice = Finding(
                kind: .secondVoice, severity: .medium, time: first.start, bar: grid?.barBeatText(at: first.start),
                message: sentence)
        }

        // 4. Sum up and advise.
        let summary = summarise(judged, performed: performed, matched: matched)
        let sections = grid.map { sectionTrends(judged, grid: $0) } ?? []
        var advice = ListenAdvice(part: part, grid: grid).advice(
            notes: judged, sections: sections, summary: summary,
            missed: missedReferenceNotes(matched, reference: reference))
        if let secondVoiceAdvice {
            // After the high-severity items, before the rest.
            let at = advice.firstIndex { $0.severity > .high } ?? advice.endIndex
            advice.insert(secondVoiceAdvice, at: at)
        }
        return PerformanceReport(
            take: name, duration: duration, tempo: grid?.tempo,
            tempoSource: grid == nil ? "none" : tempoSource,
            key: key?.description, beats: grid?.beats.filter { $0 >= 0 && $0 <= duration } ?? [],
            downbeats: grid?.downbeats.filter { $0 >= 0 && $0 <= duration } ?? [], onsets: onsets,
            notes: judged, summary: summary, sections: sections, advice: advice, notesForListener: remarks,
            frames: options.includesFrames ? frames.map { .init(time: $0.time, f0: $0.f0, voicing: $0.voicing) } : nil,
            subdivision: subdivision?.description,
            subdivisionSource: subdivision == nil ? nil : options.subdivision == nil ? "detected" : "given",
            firstDownbeat: grid.flatMap {
                $0.beats.indices.contains($0.firstDownbeatIndex) ? $0.beats[$0.firstDownbeatIndex] : nil
            },
            downbeatSource: placement.downbeatSource)
    }

    // MARK: - Pieces

    private func spell(_ midi: Int, in key: Key?) -> String {
        guard let key = key ?? Key(fifths: 0, minor: false) else { return "\(midi)" }
        return key.spell(midi: midi).description
    }

    /// The stretches (start, end) where a second voice sounds: two notes in a row with one, or
    /// one of half a second or more.
    private func secondVoices(_ notes: [PerformedNote]) -> [(start: Double, end: Double)] {
        var stretches: [(start: Double, end: Double)] = []
        var i = 0
        while i < notes.count {
            guard notes[i].hasSecondVoice else { i += 1; continue }
            var j = i
            while j + 1 < notes.count && notes[j + 1].hasSecondVoice { j += 1 }
            if j > i || notes[i].duration >= 0.5 { stretches.append((notes[i].start, notes[j].end)) }
            i = j + 1
        }
        return stretches
    }

    private func missedReferenceNotes(_ matched: [Int?], reference: [ReferenceNote]?) -> [ReferenceNote] {
        guard let reference else { return [] }
        let hit = Set(matched.compactMap { $0 })
        return reference.indices.filter { !hit.contains($0) }.map { reference[$0] }
    }

    private func summarise(
        _ notes: [PerformanceReport.JudgedNote], performed: [PerformedNote],
        matched: [Int?]
    ) -> PerformanceReport.Summary {
        let cents = notes.compactMap(\.cents)
        let timing = notes.compactMap(\.timingMs)
        func share(_ values: [Double], within limit: Double) -> Double? {
            values.isEmpty ? nil : Double(values.filter { abs($0) <= limit }.count) / Double(values.count)
        }
        func meanAbs(_ values: [Double]) -> Double? {
            values.isEmpty ? nil : values.reduce(0) { $0 + abs($1) } / Double(values.count)
        }
        // Dynamics: each note's level against the median of its neighbours (±3 notes).
        var deviations: [Double] = []
        let levels = performed.map(\.levelDecibels)
        for i in levels.indices {
            let around = (Swift.max(0, i - 3)...Swift.min(levels.count - 1, i + 3)).filter { $0 != i }.map {
                levels[$0]
            }
            if !around.isEmpty { deviations.append(levels[i] - median(around)) }
        }
        let spread =
            deviations.isEmpty ? nil : (deviations.reduce(0) { $0 + $1 * $1 } / Double(deviations.count)).squareRoot()
        let matchedCount = options.reference == nil ? nil : Set(matched.compactMap { $0 }).count
        return .init(
            pitchWithin20Cents: share(cents, within: 20), meanAbsCents: meanAbs(cents),
            timingWithin20Ms: share(timing, within: 20), meanAbsTimingMs: meanAbs(timing),
            meanTimingMs: timing.isEmpty ? nil : timing.reduce(0, +) / Double(timing.count),
            dynamicsSpreadDecibels: spread, noteCount: notes.count, matchedReferenceNotes: matchedCount,
            missedReferenceNotes: matchedCount.map { (options.reference?.count ?? 0) - $0 })
    }

    /// Typical (median) timing per four-bar section: rushing ahead of the beat or dragging behind it.
    private func sectionTrends(
        _ notes: [PerformanceReport.JudgedNote], grid: BeatGrid
    ) -> [PerformanceReport.SectionTiming] {
        var bySection: [Int: [(Double, Double)]] = [:]
        for n in notes {
            guard let t = n.timingMs else { continue }
            let bar = grid.barBeat(at: n.start).bar
            bySection[(bar - 1) / 4, default: []].append((n.start, t))
        }
        return bySection.keys.sorted().compactMap { s in
            let values = bySection[s]!
            guard values.count >= 3 else { return nil }
            // The median, so that one late note does not make a whole section drag.
            let typical = median(values.map(\.1))
            let trend = typical < -12 ? "rushing" : typical > 12 ? "dragging" : "steady"
            return .init(
                firstBar: s * 4 + 1, lastBar: s * 4 + 4, start: values.map(\.0).min() ?? 0,
                meanTimingMs: typical, trend: trend)
        }
    }

    func emptyReport(name: String, duration: Double, remarks: [String]) -> PerformanceReport {
        PerformanceReport(
            take: name, duration: duration, tempo: options.tempo,
            tempoSource: options.tempo == nil ? "none" : "given",
            key: options.key?.description, beats: [], downbeats: [], onsets: [], notes: [],
            summary: .init(
                pitchWithin20Cents: nil, meanAbsCents: nil, timingWithin20Ms: nil, meanAbsTimingMs: nil,
                meanTimingMs: nil, dynamicsSpreadDecibels: nil, noteCount: 0, matchedReferenceNotes: nil,
                missedReferenceNotes: nil),
            sections: [], advice: [], notesForListener: remarks, frames: nil)
    }
}

extension Key {
    /// The usual key with this tonic (0 = C … 11 = B): the spelling with the fewest sharps or flats
    /// (F♯ major rather than G♭; E♭ minor rather than D♯).
    init?(tonicPitchClass: Int, minor: Bool) {
        // Major keys: the key signature f (−5…6) whose tonic is 7·f semitones above C.
        let majorTonic = minor ? (tonicPitchClass + 3) % 12 : tonicPitchClass
        guard let fifths = (-5...6).first(where: { (($0 * 7) % 12 + 12) % 12 == majorTonic }) else { return nil }
        self.init(fifths: fifths, minor: minor)
    }
}
