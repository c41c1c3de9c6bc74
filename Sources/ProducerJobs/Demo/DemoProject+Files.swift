import Foundation
import ProducerAudio
import ProducerFiles
import ProducerMusic

extension DemoProject.SongPlan {
    /// Writes the song's files into the project folder: `song.yaml`, the stems, the lead's takes
    /// and intended part, the overheads and the reference, and returns where everything is.
    func write(leadTakes: Int) throws -> DemoProject.Song {
        let fm = FileManager.default
        let n = frames, fs = sampleRate
        func path(_ parts: String...) -> String { ([folder] + parts).joined(separator: "/") }
        func made(_ p: String) throws -> String {
            try fm.createDirectory(atPath: p, withIntermediateDirectories: true)
            return p
        }
        let mono = AudioFormat(sampleRate: fs, channelCount: 1, encoding: .integer(bits: 24))
        let stereo = AudioFormat(sampleRate: fs, channelCount: 2, encoding: .integer(bits: 24))

        // The band, in this song's key and tempo.
        let band = DemoStems(
            sampleRate: fs, seconds: seconds, tempo: tempo, transposition: transposition,
            seed: 0xB4_2D &+ UInt64(number - 1) &* 0x9E37
        ).renderBand()

        // The lead's intended part: one phrase a bar.
        let phrases = (0..<phraseCount).map { notes(ofPhrase: $0) }
        let parsedKey = try? Key(parsing: key)
        let midi = try made(path("parts", id)) + "/\(DemoProject.leadPart).mid"
        try MIDIFile.write(notes: phrases.flatMap { $0 }, tempo: tempo, key: parsedKey, to: midi)

        // The takes: each sings every phrase, with its own flaws.
        let takeFolder = try made(path("takes", id, DemoProject.leadPart))
        var takes: [[Float]] = []
        var takePaths: [String] = []
        let barSeconds = 4 * beat
        for k in 0..<leadTakes {
            let sung = phrases.indices.map { p in
                DemoProject.melody[p % DemoProject.melody.count].enumerated().map { i, n in
                    DemoProject.sungNote(
                        pitch: n.pitch + transposition, beat: n.beat, beats: n.beats, beatSeconds: beat,
                        singing: singing(take: k, phrase: p, note: i, of: phrases[p]))
                }
            }
            var x = DemoProject.sing(
                sung, barSeconds: barSeconds, sampleRate: fs, seed: UInt64(number * 100 + k + 1), count: n)
            for i in x.indices { x[i] *= 0.8 }
            if k == 2 {
                // Driven into the converter's ceiling: hard clipping at full scale over the phrase.
                let notes = phrases[clippedPhrase]
                let i0 = Int(notes.first!.start * fs), i1 = min(n, Int(notes.last!.end * fs))
                for i in i0..<i1 { x[i] = max(-1, min(1, x[i] * Self.drive)) }
            }
            let file = takeFolder + "/take-\(k + 1).wav"
            // No dither: the clipped stretch stays at full scale.
            try AudioFile.write(AudioBuffer(channels: [x]), to: file, format: mono, dither: false)
            takes.append(x)
            takePaths.append(file)
        }

        // The backing vocal: a third below the lead (in the key), from bar 3, softer.
        let harmony = (0..<phraseCount).map { p in
            p < 2
                ? []
                : DemoProject.melody[p % DemoProject.melody.count].map { n in
                    DemoProject.sungNote(
                        pitch: DemoProject.thirdBelow(n.pitch) + transposition, beat: n.beat, beats: n.beats,
                        beatSeconds: beat, velocity: 0.6)
                }
        }
        let backing = DemoProject.sing(
            harmony, barSeconds: barSeconds, sampleRate: fs, seed: UInt64(number * 100 + 50), count: n
        ).map { $0 * 0.6 }

        // The one-take parts.
        var stems: [String] = []
        for (k, part) in DemoProject.stemParts.enumerated() {
            let channels = k < band.count ? band[k] : [backing]
            let file = try made(path("takes", id, part)) + "/\(part).wav"
            try AudioFile.write(AudioBuffer(channels: channels), to: file, format: channels.count == 2 ? stereo : mono)
            stems.append(file)
        }

        // The overheads over the kit: the right one late and inverted.
        let delay = Self.overheadDelays[(number - 1) % Self.overheadDelays.count]
        let overheads = try DemoOverheads.write(
            kick: band[0][0], snare: band[1][0], hats: band[2][0], sampleRate: fs, delay: delay,
            seed: 0x0E4D &+ UInt64(number - 1), to: path("mics", id, "overheads"))

        // The reference: a clean mix of the band, the backing vocal and the clean phrases of the takes.
        var lead = [Float](repeating: 0, count: n)
        for p in 0..<phraseCount where p != retakePhrase {
            let clean = (0..<leadTakes).first { k in
                !(k == 0 && p == detunedPhrase) && !(k == 1 && p == latePhrase) && !(k == 2 && p == clippedPhrase)
            }
            guard let clean else { continue }
            let i0 = max(0, Int((Double(p * 4) * beat - 0.05) * fs)),
                i1 = min(n, Int((Double(p * 4 + 4) * beat - 0.05) * fs))
            for i in i0..<i1 { lead[i] = takes[clean][i] }
        }
        var left = [Float](repeating: 0, count: n), right = left
        let kick = band[0][0], snare = band[1][0], hats = band[2][0], bass = band[3][0], guitar = band[4][0]
        let padL = band[5][0], padR = band[5][1]
        var peak: Float = 0
        for i in 0..<n {
            let drums: Float = 0.8 * kick[i] + 0.8 * snare[i]
            let common: Float = drums + 0.9 * bass[i] + 1.1 * lead[i]
            let sideL: Float = 0.7 * hats[i] + 0.8 * guitar[i]
            let sideR: Float = 0.4 * hats[i] + 0.4 * guitar[i]
            left[i] = common + sideL + 0.7 * padL[i] + 0.5 * backing[i]
            right[i] = common + sideR + 0.7 * padR[i] + 0.7 * backing[i]
            peak = max(peak, abs(left[i]), abs(right[i]))
        }
        let gain = peak > 0 ? 0.89 / peak : 1
        for i in 0..<n {
            left[i] *= gain
            right[i] *= gain
        }
        let reference = try made(path("refs")) + "/\(id).wav"
        try AudioFile.write(AudioBuffer(channels: [left, right]), to: reference, format: stereo)

        // song.yaml: what the musician would write down about the song.
        let songFile = path("takes", id, "song.yaml")
        try PartialFile.write(text: songYAML(), to: songFile)

        return DemoProject.Song(
            id: id, title: title, key: key, tempo: tempo, transposition: transposition, songFile: songFile,
            stems: stems,
            leadTakes: takePaths, leadReference: midi, overheads: [overheads.left, overheads.right],
            overheadDelay: delay, reference: reference,
            phrases: phrases.map {
                DemoProject.Phrase(start: $0.first!.start, end: $0.last!.end, bar: barBeat($0.first!.start))
            },
            flaws: (0..<leadTakes).flatMap { flaws(take: $0, path: takePaths[$0]) }, retakePhrase: retakePhrase)
    }

    /// The song's `song.yaml`.
    func songYAML() -> String {
        """
        # \(title) (\(id)), as the demo made it: every key is optional.
        title: "\(title)"
        key: \(key)
        tempo: \(tempo == tempo.rounded() ? String(Int(tempo)) : String(tempo))
        downbeat: "0:00.000"
        targets: [spotify, cd]
        reference: refs/\(id).wav
        parts:
          kick: { part: drums, role: kick }
          snare: { part: drums, role: snare }
          hats: { part: drums, role: hats }
          bass: { part: bass, role: bass }
          guitar: { part: guitar, role: guitar }
          pad: { part: keys, role: pads }
          lead-vocal: { part: vocal, role: lead vocal }
          backing-vocal: { part: vocal, role: backing vocal }

        """
    }
}
