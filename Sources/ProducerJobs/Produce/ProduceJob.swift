import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerFiles
import ProducerOffice
import ProducerStore

/// `producer produce`: runs a project folder (``ProjectLayout``) from takes to masters, song by
/// song — every file checked, every take heard, comps, aligned mics, the mix assistant's mix,
/// a master per target and its delivery check — and writes the results under `out/SONG/`, the
/// report under `report/`, and the retakes the flaws call for into the plan.
///
/// A second run redoes only the stages whose inputs (their contents) or settings changed
/// (``force`` redoes everything). Songs, and the independent stages of a song, run in parallel.
public struct ProduceJob: Sendable, Codable, Equatable {
    /// The project folder.
    public var project: String
    /// Only these songs (their folder names), or every song.
    public var songs: [String]?
    /// The delivery targets, unless a song's `song.yaml` names its own.
    public var targets: [String]?
    /// Redo every stage, whatever the last run left.
    public var force: Bool
    /// The project's database instead of the folder's own (`postgres://…`).
    public var database: String?

    public init(
        project: String = ".", songs: [String]? = nil, targets: [String]? = nil, force: Bool = false,
        database: String? = nil
    ) {
        self.project = project
        self.songs = songs
        self.targets = targets
        self.force = force
        self.database = database
    }

    /// The targets when neither the command nor the song names any.
    public static let defaultTargets = ["spotify"]
    /// Where the incremental state is kept, in the project folder.
    public static let stateFile = ".producer/state.json"

    /// Produces the project.
    /// - Throws: ``ProduceError`` when the project check finds errors (each named with its file),
    ///   or the first error of a stage, naming its file.
    public func run(now: Date = Date(), progress: ProduceProgress.Handler? = nil) async throws -> ProduceReport {
        let clock = ContinuousClock.now
        try checkTargets(targets ?? [])
        let check = ProjectCheck.run(folder: project)
        let errors = check.problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw ProduceError(folder: project, problems: errors) }
        let layout = try ProjectLayout.scan(project)
        var chosen = layout.songs
        if let songs {
            for id in songs where !layout.songs.contains(where: { $0.id == id }) {
                throw ProduceError(
                    folder: project,
                    problems: [
                        .init(
                            severity: .error, place: "takes/\(id)/",
                            message: "no such song; the songs are " + layout.songs.map(\.id).joined(separator: ", "))
                    ])
            }
            chosen = layout.songs.filter { songs.contains($0.id) }
        }
        let store = try await openPlan()
        let snapshot = try await store?.snapshot()
        let state = ProduceState(path: layout.path(Self.stateFile))
        let counter = ProgressCounter(handler: progress)
        let runs = chosen.map { song in
            SongRun(
                layout: layout, song: song, targets: song.settings.targets ?? targets ?? Self.defaultTargets,
                title: song.settings.title ?? snapshot?.songs.first { $0.id == song.id }?.title ?? song.id,
                state: state, force: force, counter: counter)
        }
        for run in runs { run.planProgress() }
        let results: [(ProduceReport.SongReport, [ProduceReport.Retake])]
        do {
            results = try await parallelMap(runs) { try await $0.run() }
        } catch {
            try? state.save()
            try? await store?.close()
            throw error
        }
        try state.save()
        var report = ProduceReport(
            project: project, title: snapshot?.settings.name ?? (project as NSString).lastPathComponent,
            generated: now, targets: runs.flatMap(\.targets).reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
            songs: results.map(\.0),
            retakes: results.flatMap(\.1), reportFolder: layout.path("report"),
            reportIndex: layout.path("report/index.html"))
        if let store {
            do {
                report.retakes = try await Self.book(report.retakes, in: store)
                let after = try await store.snapshot()
                report.plan = ProduceReport.PlanReport(
                    status: ProjectStatus(project: after, now: now), schedule: BookingList(project: after).bookings)
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
        }
        report.stages = ProduceProgress.Stage.allCases.compactMap { stage in
            let times = report.songs.flatMap(\.stages).filter { $0.stage == stage.rawValue }
            guard !times.isEmpty else { return nil }
            return .init(
                stage: stage.rawValue, seconds: times.map(\.seconds).reduce(0, +),
                redone: times.contains(where: \.redone))
        }
        report.seconds = Self.seconds(since: clock)
        try writeReport(report, timeZone: snapshot.flatMap { TimeZone(identifier: $0.settings.timeZone) } ?? .current)
        return report
    }

    /// The project's database, when the folder has one (or ``database`` names one).
    func openPlan() async throws -> ProjectDatabase? {
        let hasOwn =
            FileManager.default.fileExists(
                atPath: (project as NSString).appendingPathComponent(ProjectDatabase.fileName))
            || FileManager.default.fileExists(
                atPath: (project as NSString).appendingPathComponent(ProjectPlace.pointerFile))
        guard database != nil || hasOwn else { return nil }
        return try await ProjectDatabase.open(
            ProjectPlace(project: project, database: database).location(), lockWaitNotice: .standardError)
    }

    /// Writes `report/produce.json` and the pages.
    func writeReport(_ report: ProduceReport, timeZone: TimeZone) throws {
        let folder = report.reportFolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = try encoder.encode(report)
        try PartialFile.write([UInt8](json), to: (folder as NSString).appendingPathComponent("produce.json"))
        try ReportWriter(report, timeZone: timeZone).write(to: folder)
    }

    func checkTargets(_ names: [String]) throws {
        for name in names where MasteringTarget.named(name) == nil {
            throw ProduceError(
                folder: project,
                problems: [
                    .init(
                        severity: .error, place: "--targets",
                        message:
                            "\"\(name)\" is not a target; use \(MasteringTarget.names.joined(separator: ", ")) or a loudness such as -14LUFS"
                    )
                ])
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Runs `body` on every element in parallel (as many at once as the machine has cores) and
/// returns the results in order.
func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], _ body: @escaping @Sendable (T) async throws -> R
) async throws -> [R] {
    try await withThrowingTaskGroup(of: (Int, R).self) { group in
        for (i, item) in items.enumerated() {
            group.addTask { (i, try await body(item)) }
        }
        var results = [R?](repeating: nil, count: items.count)
        for try await (i, r) in group { results[i] = r }
        return results.map { $0! }
    }
}
