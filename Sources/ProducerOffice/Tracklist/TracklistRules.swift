import Foundation

/// What `producer tracklist` is asked for: how many songs, how long at most, vinyl sides, and
/// which flow rules may be bent.
public struct TracklistRules: Sendable, Hashable, Codable {
    /// How many songs the album has.
    public var count: Int
    /// The longest the album may run, in seconds.
    public var maximumLength: Double?
    /// Cut for vinyl: sides of at most ``sideLength`` each (two sides, four for a double album).
    public var vinyl: Bool
    /// The longest side, in seconds (22 minutes).
    public var sideLength: Double
    /// Allow two slow songs in a row.
    public var allowSlowInARow: Bool
    /// Allow two songs in the same key at nearly the same tempo in a row.
    public var allowSoundAlikes: Bool
    /// A song under this tempo, in bpm, counts as slow (90).
    public var slowBelow: Double
    /// Tempos within this fraction of each other sound alike (0.05 = 5 %).
    public var soundAlikeTempoRatio: Double

    public init(
        count: Int, maximumLength: Double? = nil, vinyl: Bool = false, sideLength: Double = 22 * 60,
        allowSlowInARow: Bool = false, allowSoundAlikes: Bool = false, slowBelow: Double = 90,
        soundAlikeTempoRatio: Double = 0.05
    ) {
        self.count = count
        self.maximumLength = maximumLength
        self.vinyl = vinyl
        self.sideLength = sideLength
        self.allowSlowInARow = allowSlowInARow
        self.allowSoundAlikes = allowSoundAlikes
        self.slowBelow = slowBelow
        self.soundAlikeTempoRatio = soundAlikeTempoRatio
    }

    /// The most songs an album is chosen with.
    public static let maximumCount = 40
    /// The most sides a vinyl release is cut on (a double album).
    public static let maximumSides = 4
}
