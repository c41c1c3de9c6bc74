import Foundation
import ProducerEars
import ProducerFiles

/// A project folder as a musician fills it by hand, read: each song's takes, multi-mic groups,
/// intended parts, settings and reference.
///
/// ```
/// PROJECT/
///   project.sqlite               the project database (or .producer-database → PostgreSQL)
///   takes/SONG/song.yaml         optional: title, key, tempo, downbeat, targets, reference, parts
///   takes/SONG/PART/*.wav        takes of one part; one file is a stem used as it is
///   mics/SONG/GROUP/*.wav        a multi-mic group; the first by name is the mic the others align to
///   parts/SONG/PART.mid          the intended part its takes are judged against
///   refs/*.wav                   reference tracks (song.yaml's reference, else refs/SONG.wav)
/// ```
///
/// Paths in a layout are relative to ``folder``; ``path(_:)`` makes them usable.
public struct ProjectLayout: Sendable {
    /// The project folder.
    public var folder: String
    /// Each song (a folder in `takes/` or `mics/`), in name order.
    public var songs: [SongFolder]
    /// Every reference track in `refs/`.
    public var references: [String]
    /// Files in the layout's folders that are not what the layout expects (Producer ignores them).
    public var ignored: [String]
    /// Intended parts (`parts/SONG/PART.mid`) whose song or part has no takes.
    public var orphanParts: [String]

    /// One song's folders.
    public struct SongFolder: Sendable {
        /// The song's folder name: its identifier in the project.
        public var id: String
        /// `takes/SONG/song.yaml` if there is one, and what it says.
        public var settingsFile: String?
        public var settings: SongSettings
        /// Each part (`takes/SONG/PART/`), in name order.
        public var parts: [PartFolder]
        /// Each multi-mic group (`mics/SONG/GROUP/`), in name order.
        public var micGroups: [MicGroupFolder]
        /// The reference track: song.yaml's, else `refs/SONG.*` if there is one.
        public var reference: String?
    }

    /// One part's takes.
    public struct PartFolder: Sendable {
        /// The folder's name, such as `lead-vocal`.
        public var name: String
        /// The audio files in it, in name order.
        public var takes: [String]
        /// `parts/SONG/PART.mid` if it exists.
        public var intended: String?
        /// What the listener hears it as: song.yaml's `part`, else from the name's words.
        public var kind: Part
        /// Its role in the mix, if song.yaml gives one.
        public var role: String?
    }

    /// One multi-mic group.
    public struct MicGroupFolder: Sendable {
        public var name: String
        /// The mics, in name order; the first is the one the others are aligned to.
        public var files: [String]
    }

    /// The folders of the layout, as `producer project init` makes them.
    public static let folders = ["takes", "mics", "parts", "refs"]
    /// File name extensions read as audio.
    public static let audioExtensions: Set<String> = ["wav", "wave", "aif", "aiff", "aifc", "rf64", "bw64"]
    /// The most songs, parts per song and files per folder a project may have (never trust a count).
    public static let maximumEntries = 1000

    /// The folder joined with a path of the layout.
    public func path(_ relative: String) -> String {
        folder == "." || folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
    }

    /// Reads the layout of `folder`.
    /// - Throws: ``ProjectLayoutError`` when a folder cannot be listed, holds more than
    ///   ``maximumEntries`` entries, or a `song.yaml` has a mistake (its line and column).
    public static func scan(_ folder: String) throws(ProjectLayoutError) -> ProjectLayout {
        var layout = ProjectLayout(folder: folder, songs: [], references: [], ignored: [], orphanParts: [])
        let references = try layout.list("refs", files: true)
        layout.references = references.filter(isAudio).map { "refs/" + $0 }
        layout.ignored += references.filter { !isAudio($0) }.map { "refs/" + $0 }
        let songIDs = Set(try layout.list("takes", files: false) + layout.list("mics", files: false))
        guard songIDs.count <= maximumEntries else {
            throw ProjectLayoutError(.unreadable, file: layout.path("takes"), "holds more than \(maximumEntries) songs")
        }
        for id in songIDs.sorted(by: nameOrder) {
            var song = SongFolder(id: id, settings: SongSettings(), parts: [], micGroups: [])
            let settingsFile = "takes/\(id)/song.yaml"
            if FileManager.default.fileExists(atPath: layout.path(settingsFile)) {
                song.settingsFile = settingsFile
                song.settings = try SongSettings.read(path: layout.path(settingsFile))
            }
            for name in try layout.list("takes/\(id)", files: false) {
                let all = try layout.list("takes/\(id)/\(name)", files: true)
                layout.ignored += all.filter { !isAudio($0) }.map { "takes/\(id)/\(name)/\($0)" }
                let intended = "parts/\(id)/\(name).mid"
                let given = song.settings.parts[name]
                song.parts.append(
                    PartFolder(
                        name: name, takes: all.filter(isAudio).map { "takes/\(id)/\(name)/\($0)" },
                        intended: FileManager.default.fileExists(atPath: layout.path(intended)) ? intended : nil,
                        kind: given?.part ?? Part(folderName: name), role: given?.role))
            }
            for file in try layout.list("takes/\(id)", files: true) where file != "song.yaml" {
                layout.ignored.append("takes/\(id)/\(file)")
            }
            for name in try layout.list("mics/\(id)", files: false) {
                let all = try layout.list("mics/\(id)/\(name)", files: true)
                layout.ignored += all.filter { !isAudio($0) }.map { "mics/\(id)/\(name)/\($0)" }
                song.micGroups.append(
                    MicGroupFolder(name: name, files: all.filter(isAudio).map { "mics/\(id)/\(name)/\($0)" }))
            }
            if let given = song.settings.reference {
                song.reference = given
            } else {
                song.reference = layout.references.first { ($0 as NSString).deletingPathExtension == "refs/\(id)" }
            }
            layout.songs.append(song)
        }
        // Intended parts with no takes to judge.
        for id in try layout.list("parts", files: false) {
            for file in try layout.list("parts/\(id)", files: true) {
                let part = (file as NSString).deletingPathExtension
                let song = layout.songs.first { $0.id == id }
                if (file as NSString).pathExtension.lowercased() != "mid" {
                    layout.ignored.append("parts/\(id)/\(file)")
                } else if song?.parts.contains(where: { $0.name == part }) != true {
                    layout.orphanParts.append("parts/\(id)/\(file)")
                }
            }
        }
        return layout
    }

    /// Makes the layout's folders that are missing in `folder`.
    /// - Returns: the folders made.
    /// - Throws: ``FileError`` when one cannot be made (a file in its way, permissions).
    @discardableResult
    public static func makeFolders(in folder: String) throws(FileError) -> [String] {
        var made: [String] = []
        for name in folders {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw FileError(.notRegular, path: path, "is a file where the project's \(name)/ folder goes")
                }
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FileError(.writeFailed, path: path, "cannot make the folder (check its permissions)")
            }
            made.append(name)
        }
        return made
    }

    /// The names in `relative` (folders or files, hidden ones left out), in name order; none when
    /// it does not exist.
    func list(_ relative: String, files: Bool) throws(ProjectLayoutError) -> [String] {
        let full = path(relative)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue else {
            return []
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: full)
        } catch {
            throw ProjectLayoutError(.unreadable, file: full, "cannot list the folder (check its permissions)")
        }
        guard names.count <= Self.maximumEntries else {
            throw ProjectLayoutError(.unreadable, file: full, "holds more than \(Self.maximumEntries) entries")
        }
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            var folder: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: (full as NSString).appendingPathComponent(name), isDirectory: &folder)
            return folder.boolValue != files
        }.sorted(by: Self.nameOrder)
    }

    static func isAudio(_ name: String) -> Bool {
        audioExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// "take-2" before "take-10".
    static func nameOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive]) == .orderedAscending
    }
}

extension Part {
    /// The kind of part a folder's name says: `lead-vocal` is a vocal, `kick` drums, `gtr-di` a guitar.
    public init(folderName: String) {
        let words = Set(
            folderName.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        func any(_ list: [String]) -> Bool { !words.isDisjoint(with: list) }
        if any(["vocal", "vocals", "vox", "voice", "singer", "lead", "bv", "bvs", "choir", "harmony"]) {
            self = .vocal
        } else if any(["bass", "sub"]) {
            self = .bass
        } else if any(["guitar", "guitars", "gtr", "gtrs", "acoustic"]) {
            self = .guitar
        } else if any(["keys", "piano", "organ", "synth", "rhodes", "wurli", "pad", "pads", "keyboard"]) {
            self = .keys
        } else if any([
            "drums", "drum", "kick", "snare", "hat", "hats", "hihat", "tom", "toms", "overhead", "overheads", "oh",
            "cymbal", "cymbals", "perc", "percussion", "room", "ride", "crash",
        ]) {
            self = .drums
        } else {
            self = .other
        }
    }
}
