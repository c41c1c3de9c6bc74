import Foundation
import ProducerOffice

/// `producer deliverables receive`: the files that arrived for a task, each checked, and the
/// task marked delivered (all pass) or rejected (with every reason).
///
/// The files are not moved or copied: the task keeps their paths.
public struct DeliveryReceipt: Codable, Sendable {
    /// The task as recorded afterwards.
    public var task: ProjectTask
    /// `delivered` or `rejected`.
    public var status: ProjectTask.State
    public var checks: [DeliveryCheck]

    /// Audio file extensions taken from a folder of stems.
    public static let audioExtensions: Set<String> = ["wav", "wave", "bwf", "rf64", "bw64", "aif", "aiff", "aifc"]

    /// Checks `paths` (files, or one folder of stems) for the task `key` and records the verdict.
    /// - Throws: ``OfficeError`` for an unknown task, a missing file, an empty folder, or several
    ///   files for a task that is not stems; nothing is recorded then.
    public static func receive(
        _ paths: [String], task key: String, store: any ProjectStore, now: Date = Date()
    ) async throws -> DeliveryReceipt {
        let target = try await OfficeJobs.deliveryTarget(key, store: store)
        let files = try Self.files(paths, isStems: target.task.deliverable == .stems)
        var checks: [DeliveryCheck] = []
        for file in files {
            do {
                checks.append(try DeliveryCheck.check(file, rules: target.rules, parts: target.parts))
            } catch let error as DeliveryCheckError {
                throw OfficeError(error.message)
            }
        }
        let several = checks.count > 1
        let findings = checks.flatMap { check in
            check.findings.map { several ? "\((check.file as NSString).lastPathComponent): \($0.message)" : $0.message }
        }
        let absolute = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let task = try await OfficeJobs.recordDelivery(
            task: target.task.id, files: absolute, findings: findings, store: store, now: now)
        return DeliveryReceipt(task: task, status: task.state, checks: checks)
    }

    /// The files to check: the paths as given, or the audio files of one folder (sorted by name).
    static func files(_ paths: [String], isStems: Bool) throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw OfficeError("\(path): no such file")
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let audio = names.filter { audioExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                    .sorted()
                guard !audio.isEmpty else {
                    throw OfficeError("\(path): the folder holds no audio files (.wav, .aif, .rf64…)")
                }
                out += audio.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        guard !out.isEmpty else { throw OfficeError("name the file that arrived") }
        if out.count > 1 && !isStems {
            throw OfficeError(
                "\(out.count) files for a task that is one file; only stems arrive as several files or a folder")
        }
        return out
    }

    /// The receipt as people read it.
    public func text(timeZone: String) -> String {
        let calendar = Calendar.gregorian(timeZone: timeZone)
        var out: [String] = []
        for check in checks {
            let verdict = check.passed ? "passes" : "fails"
            var line = "\(check.file): \(verdict)"
            if let m = check.measurement {
                line +=
                    " (\(DeliveryRules.kHz(m.sampleRate)), \(m.bitDepth)-bit\(m.isFloat ? " float" : ""), \(m.channels) ch, \(DeliveryRules.time(m.duration)))"
            }
            out.append(line)
            for finding in check.findings { out.append("  - \(finding.message)") }
        }
        if status == .delivered {
            let when = task.completedAt.map { TaskList.dueText($0, calendar: calendar) } ?? ""
            let late = task.completedAt.map { TaskList.daysLate(due: task.due, end: $0, calendar: calendar) } ?? 0
            out.append(
                "Delivered: \(task.title) [\(task.id)], \(when)"
                    + (late > 0 ? ", \(late) day\(late == 1 ? "" : "s") late" : ", on time")
                    + ". The file stays where it is (not moved or copied); the task keeps its path.")
        } else {
            out.append(
                "Rejected: \(task.title) [\(task.id)] — \(task.findings.count) reason\(task.findings.count == 1 ? "" : "s"); the task stays open until a file passes."
            )
        }
        return out.joined(separator: "\n")
    }
}
