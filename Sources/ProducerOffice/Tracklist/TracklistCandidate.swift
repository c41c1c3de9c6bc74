import Foundation
import ProducerMusic

/// A song as the tracklist sees it: its length, tempo, key, energy and rating, with where each
/// came from.
public struct TracklistCandidate: Sendable, Hashable, Codable {
    public var songID: String
    public var title: String
    /// Seconds, if known.
    public var length: Double?
    /// Beats per minute, if known.
    public var tempo: Double?
    /// The key, if known.
    public var key: Key?
    /// 1 (a whisper) to 10 (flat out).
    public var energy: Double?
    /// The combined rating, 1–10 (see ``rating(of:)``).
    public var rating: Double
    /// Where values came from when not from the project ("tempo 124 from out/song1/mix.wav"),
    /// and what is missing.
    public var notes: [String]

    public init(
        songID: String, title: String, length: Double? = nil, tempo: Double? = nil, key: Key? = nil,
        energy: Double? = nil, rating: Double, notes: [String] = []
    ) {
        self.songID = songID
        self.title = title
        self.length = length
        self.tempo = tempo
        self.key = key
        self.energy = energy
        self.rating = rating
        self.notes = notes
    }

    /// The candidate as the project describes the song. The key is read as `listen --key` reads
    /// it; energy, when not given, is estimated from the tempo (60 bpm ≈ 1, 180 bpm ≈ 9).
    public init(song: Song) {
        var notes: [String] = []
        let key = song.key.flatMap { try? Key(parsing: $0) }
        var energy = song.energy.map(Double.init)
        if energy == nil, let tempo = song.tempo {
            energy = Self.energy(fromTempo: tempo)
            notes.append("energy estimated from the tempo")
        }
        let rating = Self.rating(of: song.ratings)
        if rating == nil { notes.append("not rated: counted as 5") }
        self.init(
            songID: song.id, title: song.title, length: song.lengthSeconds, tempo: song.tempo, key: key, energy: energy,
            rating: rating ?? 5, notes: notes)
    }

    /// The artist's and the producer's ratings count 40 % each and the market score 20 %, over
    /// those given; nil when none is.
    public static func rating(of ratings: Song.Ratings) -> Double? {
        // Weights in fifths, summed as integers, so 8, 6 and 10 give exactly 7.6.
        let weighted = [(ratings.artist, 2), (ratings.producer, 2), (ratings.market, 1)]
            .compactMap { value, weight in value.map { ($0, weight) } }
        let weights = weighted.reduce(0) { $0 + $1.1 }
        guard weights > 0 else { return nil }
        return Double(weighted.reduce(0) { $0 + $1.0 * $1.1 }) / Double(weights)
    }

    /// A rough energy from the tempo alone, 1–10.
    public static func energy(fromTempo tempo: Double) -> Double {
        min(10, max(1, ((tempo - 50) / 15).rounded()))
    }

    /// Slow: under ``TracklistRules/slowBelow`` bpm; without a tempo, energy 3 or less.
    func isSlow(_ rules: TracklistRules) -> Bool {
        if let tempo { return tempo < rules.slowBelow }
        if let energy { return energy <= 3 }
        return false
    }

    /// Two songs that would sound alike back to back: the same key and tempos within
    /// ``TracklistRules/soundAlikeTempoRatio`` of each other (or of double or half).
    func soundsAlike(_ other: TracklistCandidate, _ rules: TracklistRules) -> Bool {
        guard let key, let otherKey = other.key, key == otherKey, let tempo, let otherTempo = other.tempo else {
            return false
        }
        return [1.0, 2.0, 0.5].contains { abs(tempo / (otherTempo * $0) - 1) <= rules.soundAlikeTempoRatio }
    }
}
