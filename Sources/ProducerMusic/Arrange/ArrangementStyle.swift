/// A style of arrangement: the grooves, bass lines, comping and textures a session band plays.
public enum ArrangementStyle: String, Sendable, Hashable, Codable, CaseIterable {
    case pop, rock, ballad, funk, soul, country, edm, hiphop, bossa, jazz
}

/// How the groove sits against the beat.
public enum Feel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Eighths as written.
    case straight
    /// Eighths shuffled 2:1 (the first of a pair takes two thirds of the beat).
    case swing
    /// The groove at half density: the backbeat on 3, hats in quarters.
    case halftime
    /// The groove at double density.
    case doubletime
}

/// How many instruments play and how busy their rhythms are.
public enum Density: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fewer instruments enter, simpler rhythms (every section one step quieter).
    case sparse
    /// As the style and the sections ask.
    case normal
    /// More instruments earlier, busier rhythms (every section one step livelier).
    case full
}
