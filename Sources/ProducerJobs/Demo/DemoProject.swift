import Foundation
import ProducerFiles
import ProducerOffice
import ProducerStore

/// A project folder as a musician would fill it by hand, synthesised for `producer produce`'s
/// demo and benchmark: the album's project database, and per song its `song.yaml`, the band's
/// stems, three flawed takes of the lead vocal with its intended part, an overhead pair wired
/// wrong, and a reference track. ``Written`` says where every flaw was planted.
///
/// Everything is seeded by the song number: the same folder on every run.
public struct DemoProject: Sendable {
    /// How many of the album's songs (1…5), and how long each is, seconds.
    public var songs: Int
    public var seconds: Double
    /// The sample rate of every file.
    public var sampleRate: Double
    /// Takes of the lead vocal per song (the first three carry one kind of flaw each).
    public var leadTakes: Int

    public init(songs: Int = 1, seconds: Double = 20, sampleRate: Double = 48_000, leadTakes: Int = 3) {
        self.songs = songs
        self.seconds = seconds
        self.sampleRate = sampleRate
        self.leadTakes = leadTakes
    }

    /// The parts played as one take each (`takes/SONG/PART/PART.wav`), in order.
    public static let stemParts = ["kick", "snare", "hats", "bass", "guitar", "pad", "backing-vocal"]
    /// The part sung in several takes (`takes/SONG/lead-vocal/take-N.wav`, `parts/SONG/lead-vocal.mid`).
    public static let leadPart = "lead-vocal"

    /// A flaw planted on purpose in a take of the lead vocal.
    public struct Flaw: Sendable, Codable, Equatable {
        /// Detuned notes, a late phrase, or a phrase driven into clipping.
        public enum Kind: String, Sendable, Codable {
            case detuned, late, clipped
        }
        /// The song's id and the take (path, and index from 0 among the song's takes).
        public var song: String
        public var take: String
        public var takeIndex: Int
        public var kind: Kind
        /// Where, as intended (the reference part's times): start and end, seconds, and bar:beat of the start.
        public var start: Double
        public var end: Double
        public var bar: String
        /// The phrase (index from 0 among the song's phrases, one a bar).
        public var phrase: Int
        /// The intended note (MIDI) of a detuned note; nil for a flaw over a whole phrase.
        public var note: Int?
        /// Cents off (+ sharp, − flat); 0 unless detuned.
        public var cents: Double
        /// Milliseconds late; 0 unless late.
        public var lateMs: Double
        /// Whether the phrase is flawed in every take (a retake to book).
        public var retake: Bool
        /// In plain words.
        public var what: String
    }

    /// One phrase of the lead vocal as intended.
    public struct Phrase: Sendable, Codable, Equatable {
        /// Start and end, seconds (first note's start, last note's end), and bar:beat of the start.
        public var start: Double
        public var end: Double
        public var bar: String
    }

    /// One song's files and what was planted in them.
    public struct Song: Sendable, Codable, Equatable {
        /// The song's id (its folder name and its id in the project database), title, key and tempo.
        public var id: String
        public var title: String
        public var key: String
        public var tempo: Double
        /// Semitones the stems' A minor loop is moved by for this song's key.
        public var transposition: Int
        /// `takes/SONG/song.yaml`.
        public var songFile: String
        /// The one-take parts, in the order of ``DemoProject/stemParts``.
        public var stems: [String]
        /// The lead vocal's takes, and its intended part (MIDI).
        public var leadTakes: [String]
        public var leadReference: String
        /// `mics/SONG/overheads/oh-left.wav` and `oh-right.wav`; the right one is inverted and
        /// ``overheadDelay`` samples late.
        public var overheads: [String]
        public var overheadDelay: Double
        /// `refs/SONG.wav`.
        public var reference: String
        /// The lead's phrases, one a bar.
        public var phrases: [Phrase]
        /// Every flaw planted, take by take.
        public var flaws: [Flaw]
        /// The phrase flawed in every take (index into ``phrases``).
        public var retakePhrase: Int
    }

    /// What ``write(to:now:)`` made.
    public struct Written: Sendable {
        /// The project folder and its database.
        public var folder: String
        public var database: String
        /// The album part: its schedule and calendar export.
        public var album: DemoAlbum.Made
        /// The songs, in order.
        public var songs: [Song]
        /// Every flaw planted, song by song.
        public var flaws: [Flaw] { songs.flatMap(\.flaws) }
    }

    /// Writes the project into `folder`: the album's project database (scheduled from the Monday
    /// after `now`), then the songs, in parallel on the machine's cores.
    ///
    /// The folder is made anew: an earlier demo project in it is replaced. A folder that holds
    /// anything else is refused.
    /// - Throws: ``FileError`` naming the folder when it holds something else or a song is too
    ///   short for its planted flaws; the error of a file that cannot be written.
    public func write(to folder: String, now: Date) async throws -> Written {
        guard (1...5).contains(songs), leadTakes >= 1, sampleRate >= 8_000 else {
            throw FileError(
                .writeFailed, path: folder,
                "the demo project has 1 to 5 songs, at least one lead take and a sample rate of at least 8000 Hz")
        }
        try checkFolder(folder)
        let plans = try DemoAlbum.make(start: now).songs.prefix(songs).enumerated().map { i, song in
            try SongPlan(song: song, number: i + 1, seconds: seconds, sampleRate: sampleRate, folder: folder)
        }
        guard plans.count == songs else {
            throw FileError(.writeFailed, path: folder, "the demo album has only \(plans.count) songs")
        }
        let album = try await DemoAlbum.writeProject(in: folder, now: now)
        let takes = leadTakes
        var written: [Song] = []
        try await withThrowingTaskGroup(of: Song.self) { group in
            let lanes = max(1, ProcessInfo.processInfo.activeProcessorCount)
            var next = 0
            func add() {
                let plan = plans[next]
                group.addTask { try plan.write(leadTakes: takes) }
                next += 1
            }
            while next < min(lanes, plans.count) { add() }
            while let song = try await group.next() {
                written.append(song)
                if next < plans.count { add() }
            }
        }
        written.sort { $0.id.localizedStandardCompare($1.id) == .orderedAscending }
        return Written(
            folder: folder, database: (folder as NSString).appendingPathComponent(ProjectDatabase.fileName),
            album: album, songs: written)
    }

    /// Refuses a folder that exists and holds something other than an earlier demo project.
    private func checkFolder(_ folder: String) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw FileError(.writeFailed, path: folder, "this is a file; the demo project is a folder")
        }
        let contents = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
        let isEarlierDemo = contents.contains(ProjectDatabase.fileName) && contents.contains("takes")
        if !contents.isEmpty && !isEarlierDemo {
            throw FileError(
                .exists, path: folder,
                "the folder is not empty and holds no earlier demo project; give an empty or new folder")
        }
    }
}
