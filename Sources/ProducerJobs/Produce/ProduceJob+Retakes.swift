import Foundation
import ProducerAudio
import ProducerEars
import ProducerOffice
import ProducerStore

extension SongRun {
    /// A note this far off pitch (cents) or time (ms) in the comp's chosen take calls for a retake.
    static let retakeCents = 40.0
    static let retakeMilliseconds = 70.0
    /// How long a retake session is booked for, minutes.
    static let retakeMinutes = 60

    /// The phrases whose best take still has a flaw no other take fixes: a note far off pitch or
    /// time, or clipping.
    func retakes(_ report: ProduceReport.SongReport) -> [ProduceReport.Retake] {
        var retakes: [ProduceReport.Retake] = []
        for part in report.parts {
            guard let ranking = part.takesResult?.ranking else { continue }
            for phrase in ranking.phrases {
                guard let chosen = ranking.takes.first(where: { $0.take == phrase.take }) else { continue }
                let inside = chosen.report.notes.filter { $0.start < phrase.end && $0.end > phrase.start }
                var flaws: [String] = []
                if part.kind.isPitched,
                    let worst = inside.filter({ abs($0.cents ?? 0) >= Self.retakeCents }).max(by: {
                        abs($0.cents ?? 0) < abs($1.cents ?? 0)
                    }), let cents = worst.cents
                {
                    flaws.append(
                        "the \(worst.name) at \(formatTime(worst.start)) is \(Int(abs(cents).rounded())) cents \(cents < 0 ? "flat" : "sharp")"
                    )
                }
                if let worst = inside.filter({ abs($0.timingMs ?? 0) >= Self.retakeMilliseconds }).max(by: {
                    abs($0.timingMs ?? 0) < abs($1.timingMs ?? 0)
                }), let ms = worst.timingMs {
                    flaws.append(
                        "the \(worst.name) at \(formatTime(worst.start)) is \(Int(abs(ms).rounded())) ms \(ms < 0 ? "early" : "late")"
                    )
                }
                let takeFile = part.takes.first { layout.path($0) == phrase.take } ?? phrase.take
                if let check = report.files.first(where: { $0.file == takeFile }),
                    let clip = check.analysis.clipping.first(where: { $0.start < phrase.end && $0.end > phrase.start })
                {
                    flaws.append("it clips at \(formatTime(clip.start))")
                }
                guard !flaws.isEmpty else { continue }
                let takeName = (takeFile as NSString).lastPathComponent
                retakes.append(
                    ProduceReport.Retake(
                        song: song.id, part: part.name, start: phrase.start, end: phrase.end, bars: phrase.bar,
                        reason: "no take has this phrase right; in the best one (\(takeName)) "
                            + flaws.joined(separator: ", and "),
                        session: nil, durationMinutes: Self.retakeMinutes, estimatedCost: nil))
            }
        }
        return retakes
    }
}

extension ProduceJob {
    /// Adds each retake to the plan as a session to book (once: a retake already in the plan is
    /// left as it is), with the people and gear of the song's session that recorded the part, and
    /// its cost at the cheapest room's hourly rate.
    static func book(
        _ retakes: [ProduceReport.Retake], in store: any ProjectStore
    ) async throws -> [ProduceReport.Retake] {
        guard !retakes.isEmpty else { return retakes }
        return try await store.update { snapshot in
            var booked: [ProduceReport.Retake] = []
            let cheapest = snapshot.rooms.map(\.room.hourlyRate).filter { $0.currency == snapshot.settings.currency }
                .min { $0.minorUnits < $1.minorUnits }
            for var retake in retakes {
                let id = "retake-\(retake.song)-\(retake.part)-\(Int(retake.start.rounded()))s"
                if let rate = cheapest {
                    let hours = Int64((retake.durationMinutes + 59) / 60)
                    retake.estimatedCost = Money(minorUnits: rate.minorUnits * hours, currency: rate.currency)
                }
                guard let song = snapshot.songs.first(where: { $0.id == retake.song }) else {
                    booked.append(retake)
                    continue
                }
                retake.session = id
                if !snapshot.sessions.contains(where: { $0.id == id }) {
                    let vocal = Part(folderName: retake.part) == .vocal
                    let kind: StudioSession.Kind = vocal ? .vocals : .overdub
                    let template = snapshot.sessions.first { $0.songID == song.id && $0.kind == kind }
                    let bars = retake.bars.map { "bar \($0)" } ?? formatTime(retake.start)
                    snapshot.sessions.append(
                        StudioSession(
                            id: id, songID: song.id, kind: kind,
                            title: "Retake \(retake.part), \(bars) — \(song.title)",
                            needs: template?.needs ?? [StudioSession.RoleNeed(Role("engineer"))],
                            people: template?.people ?? [], gear: template?.gear ?? [],
                            durationMinutes: retake.durationMinutes))
                }
                booked.append(retake)
            }
            return booked
        }
    }
}
