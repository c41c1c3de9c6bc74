import Foundation
import ProducerConsole
import ProducerEars
import ProducerOffice

/// `producer demo`: writes files with known faults, a sung part with two takes, a mix session
/// and an album project into a folder, and runs Producer's checks, listening, comping, mixing
/// and scheduling on them.
public struct DemoJob: Sendable, Codable, Equatable {
    /// The folder to write into.
    public var folder: String
    /// Whether the files of an earlier demo in the folder may be replaced (`--force`).
    public var replacesExisting: Bool

    public init(folder: String = "producer-demo", replacesExisting: Bool = false) {
        self.folder = folder
        self.replacesExisting = replacesExisting
    }

    /// Makes the demo and reports what Producer found. The album's first day is the Monday after `now`.
    /// - Throws: an error naming the folder when it holds an earlier demo (without
    ///   `replacesExisting`) or something that is not the demo's, or when a file cannot be written.
    public func run(now: Date = Date()) async throws -> DemoReport {
        let demo = Demo(directory: folder, replacesExisting: replacesExisting)
        try demo.checkFolder()
        let items = try demo.writeFiles()
        let analyzer = Analyzer()
        var files: [DemoReport.File] = []
        for item in items {
            files.append(.init(file: item.file, fault: item.fault, analysis: try analyzer.analyze(path: item.file)))
        }
        // The sung part: listen to a take against its reference, then rank both takes and comp them.
        let sung = try demo.writeSungPart()
        let settings = ListenSettings(referencePath: sung.reference, key: sung.key, part: .vocal)
        let listen = try ListenJob(takePath: sung.takes[0], settings: settings).run()
        let ranking = try TakesJob(
            takePaths: sung.takes, settings: settings, compPath: sung.comp, replacesExisting: replacesExisting
        ).run()
        // The console: a session file that mixes the comp with a backing track, rendered.
        let mix = try demo.writeMixSession(comp: sung.comp)
        let mixAnalysis = try analyzer.analyze(path: mix.mix)
        // The mix assistant: a band's stems mixed by the rules, every decision commented.
        let stems = try demo.writeStems()
        let automix = try AutomixJob(
            stems: stems, output: (folder as NSString).appendingPathComponent("15-automix.yaml"),
            render: (folder as NSString).appendingPathComponent("15-automix-mix.wav"),
            replacesExisting: replacesExisting
        ).run()
        // Mastering: the assistant's mix for Spotify (its tone toward the clean mix) and for CD.
        let masters = (folder as NSString).appendingPathComponent("17-masters")
        try FileManager.default.createDirectory(atPath: masters, withIntermediateDirectories: true)
        let mastered = try ["spotify", "cd"].map { target in
            try MasterJob(
                inputs: [automix.mix?.render.output ?? ""], output: masters + "/\(target).wav", target: target,
                reference: target == "spotify" ? items.first?.file : nil, replacesExisting: replacesExisting
            ).run()
        }
        // The microphones: an overhead pair, one late and inverted, aligned to the other.
        let overheads = try demo.writeOverheads()
        let align = try AlignJob(
            reference: overheads.left, mics: [overheads.right],
            outputDirectory: (folder as NSString).appendingPathComponent("16-overheads/aligned"),
            replacesExisting: replacesExisting
        ).run()
        // The office: an album project with a band and two studios, scheduled.
        let album = try await DemoAlbum.writeProject(in: (folder as NSString).appendingPathComponent("album"), now: now)
        return DemoReport(
            folder: folder, files: files,
            sungPart: .init(
                reference: sung.reference, takes: sung.takes, comp: sung.comp, key: sung.key, plantedFlaws: sung.flaws,
                listen: listen, ranking: ranking),
            mix: .init(session: mix.session, yaml: mix.yaml, output: mix.mix, analysis: mixAnalysis),
            automix: automix, masters: mastered, align: align,
            album: .init(
                project: album.folder, calendar: album.calendar, timeZone: album.timeZone, schedule: album.schedule))
    }
}
