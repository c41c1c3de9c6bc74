import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerFiles
import ProducerMusic

/// `producer project check`: what is missing or inconsistent in a project folder, before
/// `produce` runs on it — a take at another sample rate, a part with no takes, an intended part
/// with none to judge, a file that does not read, a song.yaml with a mistake.
public struct ProjectCheck: Sendable, Codable {
    /// The project folder.
    public var folder: String
    /// Each song found, in short.
    public var songs: [SongLine]
    /// Every problem, errors first.
    public var problems: [Problem]
    /// Whether `produce` can run: no errors (warnings may remain).
    public var ready: Bool { !problems.contains { $0.severity == .error } }

    /// One song in short.
    public struct SongLine: Sendable, Codable, Equatable {
        public var id: String
        public var title: String?
        public var parts: Int
        public var takes: Int
        public var micGroups: Int
        public var sampleRate: Double?
        public var reference: String?
    }

    /// One problem: how bad, where, and what, in words.
    public struct Problem: Sendable, Codable, Equatable {
        public enum Severity: String, Sendable, Codable {
            case error, warning
        }
        public var severity: Severity
        /// The file or folder at fault, relative to the project (with `:line:column` for song.yaml).
        public var place: String
        public var message: String
    }

    /// Checks the layout of `folder`. `databaseSongs` are the project database's song ids and
    /// titles, when it has one, to say which songs have no folder and which folders no song.
    public static func run(folder: String, databaseSongs: [(id: String, title: String)]? = nil) -> ProjectCheck {
        var check = ProjectCheck(folder: folder, songs: [], problems: [])
        func add(_ severity: Problem.Severity, _ place: String, _ message: String) {
            check.problems.append(Problem(severity: severity, place: place, message: message))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            add(.error, folder, "is not a folder")
            return check
        }
        if !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("takes")) {
            add(
                .error, "takes/",
                "there is no takes/ folder: run `producer project init` here, or make takes/SONG/PART/")
        }
        let layout: ProjectLayout
        do {
            layout = try ProjectLayout.scan(folder)
        } catch {
            var place = error.file.hasPrefix(folder + "/") ? String(error.file.dropFirst(folder.count + 1)) : error.file
            if let line = error.line { place += ":\(line)" + (error.column.map { ":\($0)" } ?? "") }
            add(.error, place, (error.key.map { "\($0): " } ?? "") + error.message)
            return check
        }
        if layout.songs.isEmpty && check.problems.isEmpty {
            add(.warning, "takes/", "holds no songs yet: put each part's takes in takes/SONG/PART/")
        }
        for song in layout.songs {
            var rates: [(file: String, rate: Double)] = []
            var takes = 0
            /// The file's header, its rate counted among the song's unless it is the reference
            /// (which masters convert from any rate).
            func audio(_ file: String, sharesRate: Bool = true) -> AudioFileReader? {
                do {
                    let reader = try AudioFileReader(path: layout.path(file))
                    if sharesRate { rates.append((file, reader.format.sampleRate)) }
                    return reader
                } catch {
                    add(.error, file, "does not read as audio: \(Self.words(error))")
                    return nil
                }
            }
            if let targets = song.settings.targets {
                for target in targets where MasteringTarget.named(target) == nil {
                    add(
                        .error, song.settingsFile ?? "takes/\(song.id)",
                        "targets: \"\(target)\" is not a target; use \(MasteringTarget.names.joined(separator: ", ")) or a loudness such as -14LUFS"
                    )
                }
            }
            if song.parts.isEmpty && song.micGroups.isEmpty {
                add(
                    .warning, "takes/\(song.id)/",
                    "the song has no parts yet: put each part's takes in takes/\(song.id)/PART/")
            }
            for part in song.parts {
                if part.takes.isEmpty {
                    add(.error, "takes/\(song.id)/\(part.name)/", "a part with no takes (no audio files in its folder)")
                }
                var lengths: [(String, Double)] = []
                for take in part.takes {
                    takes += 1
                    if let reader = audio(take) {
                        lengths.append((take, Double(reader.frameCount) / reader.format.sampleRate))
                    }
                }
                if let shortest = lengths.min(by: { $0.1 < $1.1 }), let longest = lengths.max(by: { $0.1 < $1.1 }),
                    longest.1 - shortest.1 > 1
                {
                    add(
                        .warning, "takes/\(song.id)/\(part.name)/",
                        "its takes differ in length (\(shortest.0) lasts \(fixed(shortest.1)) s, \(longest.0) \(fixed(longest.1)) s): takes of a part should start together on the song's timeline"
                    )
                }
                if let intended = part.intended {
                    do {
                        _ = try MIDIFile(path: layout.path(intended))
                    } catch {
                        add(.error, intended, "does not read as a MIDI file: \(error.message)")
                    }
                }
            }
            for group in song.micGroups {
                if group.files.count < 2 {
                    add(
                        .warning, "mics/\(song.id)/\(group.name)/",
                        "a mic group needs at least two mics to align; with one it is used as a stem as it is")
                }
                for file in group.files { _ = audio(file) }
            }
            // One rate per song: the most common one; every other is named.
            let counts = Dictionary(grouping: rates, by: \.rate)
            let songRate = counts.max { a, b in
                a.value.count < b.value.count || (a.value.count == b.value.count && a.key < b.key)
            }?.key
            if let songRate {
                for (file, rate) in rates where rate != songRate {
                    add(
                        .error, file,
                        "is at \(Int(rate)) Hz where the song's other files are at \(Int(songRate)) Hz: convert it (producer convert) so the song shares one rate"
                    )
                }
            }
            if let reference = song.reference {
                if !FileManager.default.fileExists(atPath: layout.path(reference)) {
                    add(.error, song.settingsFile ?? reference, "reference: \(reference) does not exist")
                } else {
                    _ = audio(reference, sharesRate: false)
                }
            }
            check.songs.append(
                SongLine(
                    id: song.id, title: song.settings.title, parts: song.parts.count, takes: takes,
                    micGroups: song.micGroups.count, sampleRate: songRate, reference: song.reference))
        }
        for orphan in layout.orphanParts {
            add(.warning, orphan, "an intended part with no takes: its song or part has no folder in takes/")
        }
        for file in layout.ignored {
            add(.warning, file, "is not an audio file or song.yaml; produce leaves it alone")
        }
        if let databaseSongs {
            let ids = Set(layout.songs.map(\.id))
            for song in databaseSongs where !ids.contains(song.id) {
                add(.warning, "takes/\(song.id)/", "the plan's song \"\(song.title)\" (\(song.id)) has no takes yet")
            }
            let known = Set(databaseSongs.map(\.id))
            for song in layout.songs where !known.contains(song.id) {
                add(
                    .warning, "takes/\(song.id)/",
                    "no song in the plan has the id \(song.id); retakes it calls for cannot be booked until it has one")
            }
        }
        check.problems.sort { ($0.severity == .error ? 0 : 1) < ($1.severity == .error ? 0 : 1) }
        return check
    }

    /// An error's sentence without its file (the check names the file itself).
    static func words(_ error: any Error) -> String {
        if let error = error as? AudioFileError { return error.message }
        if let error = error as? FileError { return error.message }
        return String(describing: error)
    }
}
