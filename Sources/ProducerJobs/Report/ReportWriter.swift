import Foundation
import ProducerAudio
import Mustache
import ProducerFiles

/// Writes the report of a produce run: `index.html` (the album: songs, retakes, the plan and its
/// schedule, stage times), one page per song (``ProduceReport/SongReport/page``) and `report.css`,
/// from a ``ProduceReport`` alone, so every figure on a page is the model's number (as the JSON
/// gives it), rounded for reading.
///
/// The pages need no network and no JavaScript to be seen: every plot is an inline SVG with a
/// `data-plot` kind and a `<title>`; audio plays through `<audio>` elements pointing at the
/// project's files by relative paths; a few lines of script only widen a plot when clicked.
/// Audio links go from ``ProduceReport/reportFolder`` to the files the model names (relative to
/// ``ProduceReport/project``, or absolute), so the pages play wherever the project is opened.
/// The page templates are Mustache (`Report/*.mustache`), shared with the studio server.
///
/// ```swift
/// let written = try ReportWriter(report).write(to: "PROJECT/report")
/// ```
public struct ReportWriter: Sendable {
    public var report: ProduceReport
    /// The zone the schedule's days and hours are shown in.
    public var timeZone: TimeZone

    public init(_ report: ProduceReport, timeZone: TimeZone = .current) {
        self.report = report
        self.timeZone = timeZone
    }

    /// One file of the report: its name in the report's folder and its text.
    public struct Page: Sendable {
        public var name: String
        public var text: String
    }

    /// Every file of the report, rendered: `index.html`, each song's page and `report.css`.
    public func pages() throws -> [Page] {
        let library = try Self.library()
        func render(_ context: [String: Any], _ template: String) throws -> String {
            guard let text = library.render(context, withTemplate: template) else {
                throw ReportError("the report's \(template) page template is missing")
            }
            return text
        }
        var pages = [Page(name: "index.html", text: try render(indexContext(), "index"))]
        for song in report.songs {
            pages.append(Page(name: song.page, text: try render(songContext(song), "song")))
        }
        pages.append(Page(name: "report.css", text: String(decoding: PackageResources.report_css, as: UTF8.self)))
        return pages
    }

    /// Writes every page into `folder` (made if missing), each through a temporary file renamed
    /// when complete; returns the paths written, the index first.
    /// - Throws: a ``FileError`` naming the file when the folder cannot be made or a page written.
    @discardableResult
    public func write(to folder: String) throws -> [String] {
        let pages = try pages()
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(
                .writeFailed, path: folder,
                "the report's folder cannot be made (a file is in the way, or no permission to write there)")
        }
        var written: [String] = []
        for page in pages {
            let path = (folder as NSString).appendingPathComponent(page.name)
            try PartialFile.write(text: page.text, to: path)
            written.append(path)
        }
        return written
    }

    /// The templates, parsed once.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, bytes) in [
            ("layout", PackageResources.layout_mustache), ("index", PackageResources.index_mustache),
            ("song", PackageResources.song_mustache),
        ] {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                throw ReportError("the report's \(name) page template does not parse: \(error)")
            }
        }
        return library
    }

    /// The path of a project file (relative to the project, or absolute) as the pages link to it.
    func link(_ file: String) -> String {
        let target = file.hasPrefix("/") ? file : (report.project as NSString).appendingPathComponent(file)
        let from = absolute(report.reportFolder).split(separator: "/")
        let to = absolute(target).split(separator: "/")
        var common = 0
        while common < min(from.count, to.count) && from[common] == to[common] { common += 1 }
        let path = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return path.joined(separator: "/").addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? file
    }

    private func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (p as NSString).standardizingPath
    }

    private static let pathCharacters: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#;")
        return set
    }()

    /// The date of the run, as people read it.
    var generatedText: String {
        DateFormatter.reportFormat("EEEE d MMMM yyyy, HH:mm", timeZone: timeZone).string(from: report.generated)
    }

    /// The stage rows: name, seconds, bar width (% of the longest) and whether it ran.
    func stageRows(_ stages: [ProduceReport.StageTime]) -> [[String: Any]] {
        let longest = max(stages.map(\.seconds).max() ?? 0, 0.001)
        return stages.map {
            [
                "stage": $0.stage, "seconds": fixed($0.seconds, $0.seconds < 10 ? 2 : 1),
                "width": num(100 * $0.seconds / longest),
                "redone": $0.redone ? "done this run" : "unchanged: kept from the last run",
            ]
        }
    }
}

/// A problem writing the report that is not a file's (a broken page template).
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}

extension DateFormatter {
    /// A formatter with a fixed English pattern in `timeZone`.
    static func reportFormat(_ pattern: String, timeZone: TimeZone) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = timeZone
        f.dateFormat = pattern
        return f
    }
}
