import Foundation
import ProducerAudio
import ProducerFiles
import ProducerMusic
import ProducerOffice

extension DemoProject {
    /// One song of the project, planned: its key and tempo from the album, its phrases, and
    /// which phrase of which take gets which flaw.
    struct SongPlan: Sendable {
        var id: String
        var title: String
        var key: String
        var tempo: Double
        var number: Int
        var transposition: Int
        var seconds: Double
        var sampleRate: Double
        var folder: String
        /// Phrases (one a bar, from bar 1) that fit before the end.
        var phraseCount: Int
        /// The detuned, late, clipped and retake phrases, spread over the song.
        var detunedPhrase: Int, latePhrase: Int, clippedPhrase: Int, retakePhrase: Int

        /// How late the late take's phrase is, and the retake phrase's cents flat in take `k`.
        static let lateMs = 70.0
        static func retakeCents(_ take: Int) -> Double { -55 - 5 * Double(take % 3) }
        /// The detuned take's notes: the first 1-beat note flat, the last one sharp.
        static let flatCents = -35.0, sharpCents = 32.0
        /// The clipped phrase's drive before the hard clip at full scale.
        static let drive: Float = 6
        /// The overhead delay of each song, samples (the first is ``Demo/overheadDelay``).
        static let overheadDelays = [DemoOverheads.delay, 37.65, 44.2, 28.9, 52.45]

        init(song: ProducerOffice.Song, number: Int, seconds: Double, sampleRate: Double, folder: String) throws {
            id = song.id
            title = song.title
            key = song.key ?? "A minor"
            tempo = song.tempo ?? DemoStems.tempo
            self.number = number
            self.seconds = seconds
            self.sampleRate = sampleRate
            self.folder = folder
            // The loop is Am – F – C – G: vi – IV – I – V of a major key; moved to this song's key
            // (its relative minor), by −7…+4 semitones so that the voice stays in a singer's range.
            let parsed = (try? Key(parsing: key)) ?? Key(tonic: NoteName(.a), mode: .minor)
            let minorTonic = parsed.tonic.pitchClass.value + (parsed.mode.isMinorLike ? 0 : 9)
            let up = ((minorTonic - 9) % 12 + 12) % 12
            transposition = up > 4 ? up - 12 : up
            let beat = 60 / tempo
            var count = 0
            while Double(count * 4 + 3) * beat + 0.3 < seconds { count += 1 }
            phraseCount = count
            guard count >= 4 else {
                let need = Int((Double(3 * 4 + 3) * beat + 0.3).rounded(.up))
                throw FileError(
                    .writeFailed, path: folder,
                    "\(id) at \(Int(tempo)) BPM needs at least \(need) s for its four flawed phrases; give more seconds"
                )
            }
            let spread = (1...4).map { Int(Double(count) * Double($0) / 5) }
            (detunedPhrase, latePhrase, clippedPhrase, retakePhrase) = (spread[0], spread[1], spread[2], spread[3])
        }

        var beat: Double { 60 / tempo }
        var frames: Int { Int(seconds * sampleRate) }

        /// The intended notes of phrase `p` (bar `p + 1`), transposed.
        func notes(ofPhrase p: Int) -> [MIDINote] {
            DemoProject.melody[p % DemoProject.melody.count].map { n in
                let start = (Double(p * 4) + n.beat - 1) * beat
                return MIDINote(pitch: n.pitch + transposition, start: start, end: start + n.beats * beat, velocity: 90)
            }
        }

        /// Bar:beat of a time on this song's grid (bar 1 at 0 s).
        func barBeat(_ t: Double) -> String {
            let beats = Int((t / beat + 1e-6).rounded(.down))
            return BarBeat(bar: beats / 4 + 1, beat: beats % 4 + 1).description
        }

        /// How take `k` sings note `i` of phrase `p`.
        func singing(take k: Int, phrase p: Int, note i: Int, of notes: [MIDINote]) -> Singing {
            var s = Singing()
            if p == retakePhrase { s.cents = Self.retakeCents(k) }
            if k == 0, p == detunedPhrase {
                let short = notes.indices.filter { notes[$0].duration < 1.5 * beat }
                if i == short.first { s.cents = Self.flatCents } else if i == short.last { s.cents = Self.sharpCents }
            }
            if k == 1, p == latePhrase { s.late = Self.lateMs / 1000 }
            return s
        }

        /// Where take `k` was flawed, as ``DemoProject/Flaw``s.
        func flaws(take k: Int, path: String) -> [Flaw] {
            func phraseFlaw(
                _ p: Int, _ kind: Flaw.Kind, cents: Double = 0, late: Double = 0, retake: Bool = false, _ what: String
            ) -> Flaw {
                let notes = self.notes(ofPhrase: p)
                let start = notes.first!.start, end = notes.last!.end
                return Flaw(
                    song: id, take: path, takeIndex: k, kind: kind, start: start, end: end, bar: barBeat(start),
                    phrase: p,
                    note: nil, cents: cents, lateMs: late, retake: retake, what: what)
            }
            var flaws: [Flaw] = []
            if k == 0 {
                let notes = self.notes(ofPhrase: detunedPhrase)
                for (i, n) in notes.enumerated() {
                    let cents = singing(take: k, phrase: detunedPhrase, note: i, of: notes).cents
                    guard cents != 0 else { continue }
                    let name = (try? Key(parsing: key)).map { "\($0.spell(midi: n.pitch))" } ?? "note \(n.pitch)"
                    flaws.append(
                        Flaw(
                            song: id, take: path, takeIndex: k, kind: .detuned, start: n.start, end: n.end,
                            bar: barBeat(n.start), phrase: detunedPhrase, note: n.pitch, cents: cents, lateMs: 0,
                            retake: false,
                            what:
                                "the \(name) in bar \(barBeat(n.start)) sung \(Int(abs(cents))) cents \(cents < 0 ? "flat" : "sharp")"
                        ))
                }
            }
            if k == 1 {
                let p = latePhrase
                flaws.append(
                    phraseFlaw(
                        p, .late, late: Self.lateMs, "bar \(p + 1) sung \(Int(Self.lateMs)) ms behind the beat"))
            }
            if k == 2 {
                flaws.append(
                    phraseFlaw(
                        clippedPhrase, .clipped, "bar \(clippedPhrase + 1) driven into hard clipping at full scale"))
            }
            let cents = Self.retakeCents(k)
            flaws.append(
                phraseFlaw(
                    retakePhrase, .detuned, cents: cents, retake: true,
                    "bar \(retakePhrase + 1) sung \(Int(abs(cents))) cents flat (flat in every take: a retake)"))
            return flaws.sorted { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
        }
    }
}
