import Foundation
import ProducerAudio
import ProducerConsole
import ProducerFiles
import ProducerMusic

/// The demo's music part: the first song written as a chord chart (its loop, with the lead's
/// tune as the melody), arranged in two styles, both rendered by the console's preview
/// instruments, a lead sheet, and the lead vocal's comp sung over one of them — the MIDI tracks
/// and the comp mixed by the same console as a recorded session.
public struct DemoArrangements: Sendable {
    /// The styles the chart is arranged in; the first backs the sung part.
    public static let styles: [ArrangementStyle] = [.pop, .ballad]

    /// What was made, for the demo's report.
    public struct Made: Sendable, Codable, Equatable {
        /// `arrangements/SONG.txt`, its bars and sections.
        public var chart: String
        public var bars: Int
        public var sections: [String]
        /// One per style.
        public var arrangements: [Arranged]
        /// `arrangements/SONG-lead-sheet.musicxml`.
        public var leadSheet: String
        /// The session mixing the comp over the first style's MIDI tracks, and its render.
        public var session: String
        public var mix: String
        public var mixLoudness: Double
        public var mixTruePeak: Double
    }

    /// One style's arrangement.
    public struct Arranged: Sendable, Codable, Equatable {
        public var style: String
        public var midi: String
        public var audio: String
        /// Note count per part (`Bass: 32`).
        public var parts: [String: Int]
    }

    /// The chart of `song` (its loop moved to its key, a bar a chord, the tune as the melody).
    static func chartText(for song: DemoProject.Song, seconds: Double) -> String {
        let key = (try? Key(parsing: song.key)) ?? Key(tonic: NoteName(.a), mode: .minor)
        let barSeconds = 4 * 60 / song.tempo
        // Whole turns of the four-chord loop, at least two: a verse and a chorus.
        let bars = max(8, Int((seconds / barSeconds / 4).rounded(.up)) * 4)
        let loop = ["Am", "F", "C", "G"].map { name -> String in
            let chord = (try? ChordSymbol(parsing: name)) ?? .noChord
            return chord.transposed(by: song.transposition, in: key).description
        }
        // The takes sing phrase p on bar p + 1 while a whole phrase fits before the end.
        let beat = 60 / song.tempo
        var phrases = 0
        while Double(phrases * 4 + 3) * beat + 0.3 < seconds { phrases += 1 }
        func melodyBar(_ p: Int) -> String {
            guard p < phrases else { return "r/1" }
            var tokens: [String] = []
            var at = 1.0
            for n in DemoProject.melody[p % DemoProject.melody.count] {
                if n.beat > at { tokens.append(value(n.beat - at, rest: true)) }
                tokens.append(key.spell(midi: n.pitch + song.transposition).ascii + value(n.beats, rest: false))
                at = n.beat + n.beats
            }
            if at < 5 { tokens.append(value(5 - at, rest: true)) }
            return tokens.joined(separator: " ")
        }
        func value(_ beats: Double, rest: Bool) -> String {
            let v = [1.0: "/4", 2: "/2", 3: "/2.", 4: "/1", 0.5: "/8", 1.5: "/4."][beats] ?? "/4"
            return (rest ? "r" : "") + v
        }
        var lines = ["title: \(song.title)", "key: \(key.ascii)", "tempo: \(Int(song.tempo))", "time: 4/4", ""]
        let verse = bars / 8 * 4
        for (name, range) in [("Verse", 0..<verse), ("Chorus", verse..<bars)] {
            lines.append("[\(name)]")
            for start in stride(from: range.lowerBound, to: range.upperBound, by: 4) {
                let line = start..<min(start + 4, range.upperBound)
                lines.append("| " + line.map { loop[$0 % 4] }.joined(separator: " | ") + " |")
                lines.append("melody: | " + line.map(melodyBar).joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the chart, the arrangements, their previews, the lead sheet and the sung mix into
    /// `PROJECT/arrangements/`.
    static func make(song: DemoProject.Song, seconds: Double, project: String) throws -> Made {
        let folder = (project as NSString).appendingPathComponent("arrangements")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = chartText(for: song, seconds: seconds)
        let chartPath = folder + "/\(song.id).txt"
        try PartialFile.write(Array(text.utf8), to: chartPath)
        let chart = try Chart(parsing: text, file: chartPath)

        var arranged: [Arranged] = []
        for (i, style) in styles.enumerated() {
            var options = ArrangementOptions(style: style)
            options.seed = UInt64(i + 1)
            options.humanize = true
            let arrangement = Arrangement.arrange(chart, options: options)
            let midi = folder + "/\(song.id)-\(style.rawValue).mid"
            let audio = folder + "/\(song.id)-\(style.rawValue).wav"
            try PartialFile.write(arrangement.midiBytes(), to: midi)
            try ArrangementPreview.render(midi: midi, to: audio, force: true)
            var parts: [String: Int] = [:]
            for part in arrangement.parts { parts[part.instrument.trackName] = part.notes.count }
            arranged.append(Arranged(style: style.rawValue, midi: midi, audio: audio, parts: parts))
        }
        let leadSheet = folder + "/\(song.id)-lead-sheet.musicxml"
        try LeadSheet(chart: chart).write(to: leadSheet)

        // The comp sung over the first arrangement: its MIDI tracks played by the preview
        // instruments, mixed with the comp by the console like any session. The backing sits
        // 5 LU under the voice (measured: the comp against the arrangement's preview).
        let backing = arranged[0]
        let session = folder + "/\(song.id)-sung-over-\(backing.style).yaml"
        let mix = folder + "/\(song.id)-sung-over-\(backing.style).wav"
        let comp = project + "/out/\(song.id)/comps/\(DemoProject.leadPart).wav"
        let voice = try LoudnessCurve(reading: comp).integrated ?? -18
        let band = try LoudnessCurve(reading: backing.audio).integrated ?? -18
        let offset = ((voice - 5 - band) * 10).rounded() / 10
        var yaml = [
            "# The lead vocal's comp sung over the \(backing.style) arrangement of \(song.id).txt: its MIDI",
            "# tracks played by the console's preview instruments, \(fixed(-offset, 1)) dB under their preview",
            "# balance so that the band sits 5 LU under the voice. Render it with `producer mix`.",
            "sampleRate: 48000", "tempo: \(Int(song.tempo))", "tracks:",
            "  - name: lead-vocal", "    file: ../out/\(song.id)/comps/\(DemoProject.leadPart).wav", "    gain: 0",
            "    sends: [{ bus: Room, level: -18 }]",
        ]
        let midiName = (backing.midi as NSString).lastPathComponent
        for instrument in Instrument.allCases where instrument != .lead && backing.parts[instrument.trackName] != nil {
            let place = ArrangementPreview.placement(instrument)
            yaml += [
                "  - name: \(instrument.rawValue)", "    midi: \(midiName)", "    track: \(instrument.trackName)",
                "    instrument: \(instrument.rawValue)", "    gain: \(fixed(place.gain + offset, 1))",
                "    pan: \(place.pan)",
            ]
            if let send = place.reverb { yaml.append("    sends: [{ bus: Room, level: \(send) }]") }
        }
        yaml += [
            "buses:", "  - name: Room", "    inserts:", "      - reverb: { size: 0.35, damping: 0.45, mix: 1 }",
            "master:", "  inserts:", "    - limiter: { ceiling: -1 }",
        ]
        try PartialFile.write(Array((yaml.joined(separator: "\n") + "\n").utf8), to: session)
        let check = try MixJob(session: session, output: mix, replacesExisting: true).run()
        return Made(
            chart: chartPath, bars: chart.played().count, sections: chart.sections.map(\.name),
            arrangements: arranged, leadSheet: leadSheet, session: session, mix: mix,
            mixLoudness: check.integratedLoudness ?? -70, mixTruePeak: check.truePeak ?? -70)
    }
}
