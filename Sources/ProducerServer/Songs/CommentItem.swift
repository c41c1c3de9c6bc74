/// One comment as the song page lists it, placed on the version shown.
struct CommentItem: Sendable {
    var id: String
    var projectID: String
    var author: String
    var body: String
    /// When it was written, in the project's time zone.
    var when: String
    var resolved: Bool
    var hasTask: Bool
    var isRoot: Bool
    /// How far a reply is indented (rem).
    var indent = 0
    /// "1:23.000–1:25.250", "whole version", or nil for a reply without a place.
    var range: String?
    /// Where the player seeks to (seconds, 3 decimals).
    var seek: String?
    var barBeat: String?
    /// "from mix 1" when the thread was carried over from an earlier version.
    var from: String?
    var movedByTime = false
    /// Where it ends on this version (seconds), for the waveform.
    var endSeconds: Double?
}
