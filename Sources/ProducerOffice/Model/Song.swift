import Foundation

/// A song on the record, with its writers and where it stands.
public struct Song: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var title: String
    /// Songwriters and their shares of the composition.
    public var writers: [Writer]
    /// The key as musicians write it (`"E minor"`, `"B♭ major"`), if known. Plan import reads it
    /// with ProducerMusic's `Key(parsing:)`, as `listen --key` does, and keeps that key's own
    /// spelling; ProducerOffice itself does not read keys.
    public var key: String?
    /// Beats per minute, if known.
    public var tempo: Double?
    /// Length in seconds, if known.
    public var lengthSeconds: Double?
    public var status: Status
    /// Parts still to record (`"drums"`, `"lead vocal"`, `"strings"`…).
    public var parts: [String]
    /// How the song is rated as a candidate for the album.
    public var ratings: Ratings
    /// How much drive the song has, 1 (a whisper) to 10 (flat out), if said.
    public var energy: Int?
    /// The recording's International Standard Recording Code (`DE-A12-27-00001`), once assigned.
    public var isrc: String?
    /// The composition's International Standard Musical Work Code (`T-034.524.680-1`), if known.
    public var iswc: String?

    public init(
        id: String = Identifier.make(), title: String, writers: [Writer] = [], key: String? = nil,
        tempo: Double? = nil, lengthSeconds: Double? = nil, status: Status = .demo, parts: [String] = [],
        ratings: Ratings = Ratings(), energy: Int? = nil, isrc: String? = nil, iswc: String? = nil
    ) {
        self.id = id
        self.title = title
        self.writers = writers
        self.key = key
        self.tempo = tempo
        self.lengthSeconds = lengthSeconds
        self.status = status
        self.parts = parts
        self.ratings = ratings
        self.energy = energy
        self.isrc = isrc
        self.iswc = iswc
    }

    /// Ratings of a candidate song, each 1 (weak) to 10 (a single), where given.
    public struct Ratings: Hashable, Sendable, Codable {
        /// The artist's own.
        public var artist: Int?
        /// The producer's.
        public var producer: Int?
        /// The market score, once the market part gives one.
        public var market: Int?
        public init(artist: Int? = nil, producer: Int? = nil, market: Int? = nil) {
            self.artist = artist
            self.producer = producer
            self.market = market
        }
    }

    /// A songwriter and their share, in basis points (10 000 = 100 %).
    public struct Writer: Hashable, Sendable, Codable {
        public var name: String
        public var shareBasisPoints: Int
        public init(name: String, shareBasisPoints: Int) {
            self.name = name
            self.shareBasisPoints = shareBasisPoints
        }
    }

    /// Where a song stands, in the order a record is made.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case demo, arranged, tracking, overdubs, vocals, editing, mixing, mixed, mastered

        public static func < (a: Status, b: Status) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }
}

/// Makes identifiers for new records: short, random, URL-safe.
public enum Identifier {
    public static func make() -> String {
        String(UUID().uuidString.lowercased().prefix(13))
    }
}
