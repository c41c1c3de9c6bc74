import Foundation

/// The album's chosen songs in order, as `producer tracklist` last saved them.
public struct Tracklist: Hashable, Sendable, Codable {
    /// The songs in play order, by id.
    public var songIDs: [String]
    /// For a vinyl release, the number of tracks on each side (sums to `songIDs.count`); empty
    /// otherwise.
    public var sides: [Int]
    public var madeAt: Date

    public init(songIDs: [String], sides: [Int] = [], madeAt: Date) {
        self.songIDs = songIDs
        self.sides = sides
        self.madeAt = madeAt
    }
}
