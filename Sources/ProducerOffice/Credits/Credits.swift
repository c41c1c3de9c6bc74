import Foundation

/// Who played, sang, engineered what, where and when: gathered from the sessions marked done
/// (`producer sessions done`) and their bookings, with the songs' writers and codes.
///
/// Each person on a done session is credited with their role there: the session's needs matched
/// to the person's roles (a drummer on a tracking session that needs one), else the artist as
/// main artist, else their first role. Where and when come from the session's booking.
public struct Credits: Codable, Sendable {
    public var project: String
    /// One line per person, role and session, by song then session start.
    public var credits: [Credit]
    /// The songs' writers and their shares.
    public var writers: [Writer]
    /// The songs, with their codes in display form (nil when missing or malformed).
    public var songs: [SongCodes]
    /// Malformed ISRCs and ISWCs, one sentence each: an export refuses them.
    public var problems: [String]

    /// One credit: a person's role on one session.
    public struct Credit: Codable, Sendable, Hashable {
        public var songID: String?
        public var song: String?
        public var personID: String
        public var person: String
        /// The role in the project's words: `drummer`, `mix engineer`, `artist`.
        public var role: String
        /// The DDEX contributor role: `MainArtist`, `Musician`, `RecordingEngineer`…
        public var ddexRole: String
        /// The instrument, for a musician: `Drums`, `Bass`…
        public var instrument: String?
        public var sessionID: String
        public var session: String
        public var kind: StudioSession.Kind
        public var studio: String?
        public var room: String?
        public var location: String?
        public var start: Date?
        public var end: Date?
    }

    /// A songwriter's share of a song.
    public struct Writer: Codable, Sendable, Hashable {
        public var songID: String
        public var song: String
        public var name: String
        public var shareBasisPoints: Int
    }

    /// A song's title and codes.
    public struct SongCodes: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var isrc: String?
        public var iswc: String?
    }

    /// Gathers the credits of `project`.
    public init(project: ProjectSnapshot) {
        self.project = project.settings.name
        var problems: [String] = []
        songs = project.songs.map { song in
            var codes = SongCodes(id: song.id, title: song.title)
            if let isrc = song.isrc {
                do { codes.isrc = try RecordingCode.isrc(isrc) } catch { problems.append("\(song.title): \(error)") }
            }
            if let iswc = song.iswc {
                do { codes.iswc = try RecordingCode.iswc(iswc) } catch { problems.append("\(song.title): \(error)") }
            }
            return codes
        }
        self.problems = problems
        writers = project.songs.flatMap { song in
            song.writers.map {
                Writer(songID: song.id, song: song.title, name: $0.name, shareBasisPoints: $0.shareBasisPoints)
            }
        }
        var credits: [Credit] = []
        for session in project.sessions where session.isDone {
            let booking = project.activeBooking(of: session.id)
            let place = booking.flatMap { project.room(id: $0.roomID) }
            var ids: [String] = []
            for id in session.people + (booking?.people ?? []) where !ids.contains(id) { ids.append(id) }
            let song = session.songID.flatMap { id in project.songs.first { $0.id == id } }
            for id in ids {
                guard let person = project.people.first(where: { $0.id == id }) else { continue }
                for role in Self.roles(of: person, on: session) {
                    let ddex = Self.ddexRole(role, kind: session.kind)
                    credits.append(
                        Credit(
                            songID: song?.id, song: song?.title, personID: person.id, person: person.name,
                            role: role.name, ddexRole: ddex.role, instrument: ddex.instrument, sessionID: session.id,
                            session: session.title, kind: session.kind, studio: place?.studio.name,
                            room: place?.room.name, location: place?.studio.location.nilIfEmpty, start: booking?.start,
                            end: booking?.end))
                }
            }
        }
        let songOrder = Dictionary(project.songs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.credits = credits.enumerated().sorted { a, b in
            let sa = a.element.songID.flatMap { songOrder[$0] } ?? Int.max
            let sb = b.element.songID.flatMap { songOrder[$0] } ?? Int.max
            if sa != sb { return sa < sb }
            let ta = a.element.start ?? .distantFuture, tb = b.element.start ?? .distantFuture
            if ta != tb { return ta < tb }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The person's roles on the session: the needs they fill, else the artist, else their first role.
    public static func roles(of person: Person, on session: StudioSession) -> [Role] {
        let filled = session.needs.map(\.role).filter { person.plays($0) }
        var unique: [Role] = []
        for role in filled where !unique.contains(role) { unique.append(role) }
        if !unique.isEmpty { return unique }
        if person.plays(.artist) { return [.artist] }
        return [person.roles.first ?? Role("contributor")]
    }

    /// The DDEX contributor role (and instrument, for a musician) for a role on a kind of session.
    public static func ddexRole(_ role: Role, kind: StudioSession.Kind) -> (role: String, instrument: String?) {
        switch role.name {
        case "artist": return ("MainArtist", nil)
        case "producer": return ("Producer", nil)
        case "engineer", "recording engineer":
            switch kind {
            case .mixing: return ("MixingEngineer", nil)
            case .mastering: return ("MasteringEngineer", nil)
            default: return ("RecordingEngineer", nil)
            }
        case "mix engineer", "mixing engineer": return ("MixingEngineer", nil)
        case "mastering engineer": return ("MasteringEngineer", nil)
        case "assistant engineer": return ("AssistantEngineer", nil)
        case "arranger": return ("Arranger", nil)
        case "backup singer", "backing singer", "backing vocalist", "background vocalist":
            return ("BackgroundVocalist", nil)
        case "singer", "vocalist", "lead singer": return ("Vocalist", nil)
        default: break
        }
        let instruments: [String: String] = [
            "drummer": "Drums", "bassist": "Bass", "guitarist": "Guitar", "keyboardist": "Keyboards",
            "pianist": "Piano", "organist": "Organ", "strings": "Strings", "violinist": "Violin", "violist": "Viola",
            "cellist": "Cello", "percussionist": "Percussion", "saxophonist": "Saxophone", "trumpeter": "Trumpet",
            "trombonist": "Trombone", "horns": "Horns", "harpist": "Harp", "flautist": "Flute", "flutist": "Flute",
        ]
        if let instrument = instruments[role.name] { return ("Musician", instrument) }
        return ("UserDefined", nil)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
