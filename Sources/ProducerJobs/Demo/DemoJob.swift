import Foundation
import ProducerFiles

/// `producer demo`: makes a small project on its own — a song's stems, three lead-vocal takes
/// with flaws planted on purpose (detuned, late, clipped, and one phrase wrong in all three), an
/// overhead pair wired wrong, a reference, the album's plan — produces it from takes to masters
/// (``ProduceJob``), arranges the song's chord chart in two styles and sings the comp over one,
/// and says what it planted and what Producer found.
public struct DemoJob: Sendable, Codable, Equatable {
    /// The folder to write into; the project is `FOLDER/night-trains/`.
    public var folder: String
    /// Whether an earlier demo in the folder may be replaced (`--force`).
    public var replacesExisting: Bool
    /// Seconds of music in the demo's song.
    public var seconds: Double

    public init(folder: String = "producer-demo", replacesExisting: Bool = false, seconds: Double = 16) {
        self.folder = folder
        self.replacesExisting = replacesExisting
        self.seconds = seconds
    }

    /// The demo's project folder, in ``folder``.
    public static let projectName = "night-trains"

    /// Makes the project and produces it. The album's first day is the Monday after `now`.
    /// - Throws: an error naming the folder when it is a file or holds an earlier demo (without
    ///   `replacesExisting`), or the error of a file that cannot be written.
    public func run(now: Date = Date(), progress: ProduceProgress.Handler? = nil) async throws -> DemoReport {
        let project = (folder as NSString).appendingPathComponent(Self.projectName)
        try checkFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let written = try await DemoProject(songs: 1, seconds: seconds).write(to: project, now: now)
        let produced = try await ProduceJob(project: project, force: true).run(now: now, progress: progress)
        let music = try DemoArrangements.make(song: written.songs[0], seconds: seconds, project: project)
        let mix = (project as NSString).appendingPathComponent("out/\(written.songs[0].id)/mix.wav")
        let office = try await DemoOffice.run(folder: project, song: written.songs[0].id, mix: mix, now: now)
        return DemoReport(written: written, produced: produced, music: music, office: office)
    }

    /// Refuses, before anything is written, a file where the folder goes, and an earlier demo
    /// unless it may be replaced. Other files in the folder are never touched.
    /// - Throws: ``FileError`` naming the folder and what to do.
    public func checkFolder() throws {
        let project = (folder as NSString).appendingPathComponent(Self.projectName)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw FileError(
                .writeFailed, path: folder, "this is a file; the demo writes a folder (give --output a folder)")
        }
        if FileManager.default.fileExists(atPath: project) && !replacesExisting {
            throw FileError(
                .exists, path: folder,
                "the folder holds an earlier demo (\(Self.projectName)/); add --force to replace it, or give --output another folder"
            )
        }
    }
}
