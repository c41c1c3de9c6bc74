import Foundation
import ProducerAudio
import ProducerFiles
import ProducerOffice

/// `producer tracklist`: chooses and orders the album's songs from the project's candidates and
/// keeps the order as the project's tracklist.
///
/// A song's length, tempo and key come from the project; where one is missing and the song has a
/// mix from `producer produce` (`out/SONG/mix.wav` in the project folder), it is measured there,
/// and the track's notes say so.
public struct TracklistJob: Sendable {
    public var rules: TracklistRules
    /// The project folder, where `out/SONG/mix.wav` is looked for; nil to measure nothing.
    public var folder: String?
    /// Keep the result as the project's tracklist.
    public var save: Bool

    public init(rules: TracklistRules, folder: String?, save: Bool = true) {
        self.rules = rules
        self.folder = folder
        self.save = save
    }

    /// The candidates: every song of the project, with what is missing measured from its mix.
    public func candidates(of project: ProjectSnapshot) -> [TracklistCandidate] {
        project.songs.map { song in
            var candidate = TracklistCandidate(song: song)
            guard song.key == nil || song.tempo == nil || song.lengthSeconds == nil, let folder else {
                return candidate
            }
            let relative = "out/\(song.id)/mix.wav"
            let path = (folder as NSString).appendingPathComponent(relative)
            guard FileManager.default.fileExists(atPath: path) else { return candidate }
            do {
                let measured = try MixMeasure.measure(path: path)
                if candidate.length == nil {
                    candidate.length = measured.length
                    candidate.notes.append("length \(TracklistPlan.clock(measured.length)) from \(relative)")
                }
                if candidate.tempo == nil, let tempo = measured.tempo {
                    candidate.tempo = tempo
                    candidate.notes.append("tempo \(Int(tempo.rounded())) bpm from \(relative)")
                    if song.energy == nil {
                        candidate.energy = TracklistCandidate.energy(fromTempo: tempo)
                        candidate.notes.removeAll { $0 == "energy estimated from the tempo" }
                        candidate.notes.append("energy estimated from the tempo")
                    }
                }
                if candidate.key == nil, let key = measured.key {
                    candidate.key = key
                    candidate.notes.append("key \(key) from \(relative)")
                }
            } catch {
                candidate.notes.append("\(relative) could not be read: \(error)")
            }
            return candidate
        }
    }

    /// Chooses the album and, when ``save`` is set, keeps it in the project in one transaction.
    public func run(store: any ProjectStore, now: Date = Date()) async throws -> TracklistPlan {
        let project = try await store.snapshot()
        let plan = try TracklistPlanner.plan(candidates(of: project), rules: rules)
        if save {
            let tracklist = plan.tracklist(madeAt: now)
            try await store.update { project in project.tracklist = tracklist }
        }
        return plan
    }
}
