import Foundation
import ProducerAudio
import ProducerEars
import ProducerOffice

/// What `producer demo` planted, what `produce` found, and where the report is.
public struct DemoReport: Sendable, Codable {
    /// The project folder made and produced.
    public var project: String
    /// Every flaw planted in the lead vocal's takes.
    public var planted: [DemoProject.Flaw]
    /// How late the right overhead was planted, samples (it is also inverted).
    public var overheadDelay: Double
    /// Each planted flaw against what Producer did with it, in words.
    public var findings: [Finding]
    /// What `produce` did, as its `--json` gives it.
    public var produced: ProduceReport
    /// The song's chord chart arranged in two styles, and the comp sung over one.
    public var music: DemoArrangements.Made
    /// The album's budget, hiring and offers, tracklist and deliverables.
    public var office: DemoOffice.Made

    /// One planted flaw and what Producer did about it.
    public struct Finding: Sendable, Codable, Equatable {
        public var planted: String
        public var found: String
        /// Whether Producer dealt with it: the comp avoided it, the retake was booked, the mic aligned.
        public var caught: Bool
    }

    init(written: DemoProject.Written, produced: ProduceReport, music: DemoArrangements.Made, office: DemoOffice.Made) {
        project = written.folder
        self.music = music
        self.office = office
        planted = written.flaws
        let song = written.songs[0]
        overheadDelay = song.overheadDelay
        self.produced = produced
        findings = []
        let report = produced.songs.first
        let lead = report?.parts.first { $0.name == DemoProject.leadPart }
        let phrases = lead?.takesResult?.ranking.phrases ?? []
        for flaw in written.flaws {
            let middle = (flaw.start + flaw.end) / 2
            let phrase = phrases.first { $0.start <= middle && $0.end >= middle }
            let take = "take \(flaw.takeIndex + 1)"
            if flaw.retake {
                guard !findings.contains(where: { $0.planted.hasPrefix("bar \(flaw.bar)") }) else { continue }
                let retake = produced.retakes.first { $0.start < flaw.end && $0.end > flaw.start }
                findings.append(
                    Finding(
                        planted: "bar \(flaw.bar): wrong in every take",
                        found: retake.map { r in
                            "a retake: " + r.reason + (r.session.map { "; booked as session \($0)" } ?? "")
                        } ?? "not found",
                        caught: retake?.session != nil))
                continue
            }
            guard let phrase else {
                findings.append(Finding(planted: "\(take): \(flaw.what)", found: "no phrase there", caught: false))
                continue
            }
            var found = "the comp takes bar \(phrase.bar ?? flaw.bar) from take \(phrase.takeIndex + 1)"
            if flaw.kind == .clipped,
                let check = report?.files.first(where: { (written.folder + "/" + $0.file) == flaw.take }),
                let clip = check.analysis.clipping.first(where: {
                    $0.start < flaw.end + 0.1 && $0.end > flaw.start - 0.1
                })
            {
                found = "clipping heard at \(formatTime(clip.start)); " + found
            }
            findings.append(
                Finding(planted: "\(take): \(flaw.what)", found: found, caught: phrase.takeIndex != flaw.takeIndex))
        }
        if let mic = report?.mics.first?.alignment.mics.first {
            findings.append(
                Finding(
                    planted: "right overhead \(fixed(song.overheadDelay, 2)) samples late, polarity inverted",
                    found: "aligned: \(fixed(mic.delaySamples, 2)) samples, polarity \(mic.polarity)",
                    caught: abs(mic.delaySamples - song.overheadDelay) < 0.1 && mic.polarity == "inverted"))
        }
    }
}
