import Foundation

/// The album's songs in order, as ``TracklistPlanner`` chose them, with the flow and the reason
/// for each place.
public struct TracklistPlan: Sendable, Hashable, Codable {
    public var tracks: [Track]
    /// The album's length in seconds, when every chosen song's length is known.
    public var length: Double?
    /// The vinyl sides, in order (empty when not cut for vinyl).
    public var sides: [Side]
    /// The candidates not chosen, with why.
    public var leftOut: [LeftOut]
    /// What the choice could not do or assumed, in words.
    public var notes: [String]

    /// One song in its place.
    public struct Track: Sendable, Hashable, Codable {
        /// 1 for the opener.
        public var number: Int
        public var songID: String
        public var title: String
        public var length: Double?
        public var tempo: Double?
        /// The key as musicians write it (`E minor`).
        public var key: String?
        public var energy: Double?
        public var rating: Double
        /// The vinyl side, `A`, `B`…, if cut for vinyl.
        public var side: String?
        /// Why it is here, one sentence each.
        public var why: [String]
    }

    /// A vinyl side.
    public struct Side: Sendable, Hashable, Codable {
        /// `A`, `B`, `C`, `D`.
        public var name: String
        /// The track numbers on it.
        public var tracks: ClosedRange<Int>
        /// Its length in seconds.
        public var length: Double
    }

    /// A candidate left off the album.
    public struct LeftOut: Sendable, Hashable, Codable {
        public var songID: String
        public var title: String
        public var rating: Double
        public var why: String
    }

    /// The order as the project keeps it.
    public func tracklist(madeAt: Date) -> Tracklist {
        Tracklist(
            songIDs: tracks.map(\.songID), sides: sides.map { $0.tracks.count }, madeAt: madeAt)
    }
}
