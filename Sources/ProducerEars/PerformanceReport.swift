/// What `producer listen` reports about one take: the notes as performed and as intended, the
/// timing against the grid or the reference, a summary, and advice in a musician's words.
public struct PerformanceReport: Sendable, Codable, Equatable {
    /// The take's file or name.
    public var take: String
    /// Length of the take, seconds.
    public var duration: Double
    /// Tempo, BPM (given, from the click, from the reference, or estimated).
    public var tempo: Double?
    /// Where the tempo came from: "given", "click", "reference" or "estimated".
    public var tempoSource: String
    /// The key, e.g. "E minor" (given or estimated).
    public var key: String?
    /// Beat times, seconds.
    public var beats: [Double]
    /// Downbeat times (first beat of each bar), seconds.
    public var downbeats: [Double]
    /// Note onsets heard in the take, seconds.
    public var onsets: [Double]
    /// Every note, in order.
    public var notes: [JudgedNote]
    /// The figures that sum the take up.
    public var summary: Summary
    /// Timing trend per section (rushing or dragging).
    public var sections: [SectionTiming]
    /// The most important problems first, each with its time (and bar) and what to do.
    public var advice: [Finding]
    /// Things to know about how the take was heard.
    public var notesForListener: [String]
    /// The pitch track (only with `--frames`).
    public var frames: [Frame]?
    /// The note values timing was judged against without a reference ("eighths", "triplets"…).
    public var subdivision: String? = nil
    /// Whether ``subdivision`` was "given" or "detected" from the notes.
    public var subdivisionSource: String? = nil
    /// The song's first downbeat (bar 1, beat 1), seconds.
    public var firstDownbeat: Double? = nil
    /// Where ``firstDownbeat`` came from: "given", "found" (from the take, at a given tempo),
    /// "click", "reference" or "estimated".
    public var downbeatSource: String? = nil

    /// One note, as performed and as expected.
    public struct JudgedNote: Sendable, Codable, Equatable {
        /// Start and end, seconds.
        public var start: Double
        public var end: Double
        /// The performed pitch, fractional MIDI.
        public var midi: Double
        /// The performed note's name, spelled in the key (e.g. "F♯4").
        public var name: String
        /// How far the performed pitch is from the expected note, cents (+ sharp, − flat).
        public var cents: Double?
        /// The expected note's name (from the reference, or the nearest note of the key).
        public var expected: String?
        /// The expected note, MIDI number.
        public var expectedMidi: Int?
        /// The start against the grid or the reference, ms (+ late, − early).
        public var timingMs: Double?
        /// Bar and beat of the start, e.g. "17:3".
        public var bar: String?
        /// Pitch steadiness (cents around the slow trend), vibrato rate (Hz) and depth (cents).
        public var stabilityCents: Double
        public var vibratoRate: Double
        public var vibratoDepthCents: Double
        /// Level, dBFS RMS.
        public var levelDecibels: Double
    }

    /// The figures that sum a take up.
    public struct Summary: Sendable, Codable, Equatable {
        /// Share of judged notes within ±20 cents (0…1).
        public var pitchWithin20Cents: Double?
        /// Mean absolute pitch deviation, cents.
        public var meanAbsCents: Double?
        /// Share of judged starts within ±20 ms (0…1).
        public var timingWithin20Ms: Double?
        /// Mean absolute timing offset, ms.
        public var meanAbsTimingMs: Double?
        /// Mean signed timing offset, ms (+ behind the beat, − ahead of it).
        public var meanTimingMs: Double?
        /// Spread of note levels around their neighbourhood, dB (small is even).
        public var dynamicsSpreadDecibels: Double?
        /// Notes heard, notes judged against the reference, reference notes not heard.
        public var noteCount: Int
        public var matchedReferenceNotes: Int?
        public var missedReferenceNotes: Int?
    }

    /// The timing trend of one section.
    public struct SectionTiming: Sendable, Codable, Equatable {
        /// First and last bar of the section.
        public var firstBar: Int
        public var lastBar: Int
        /// Start time, seconds.
        public var start: Double
        /// Typical (median) signed offset, ms.
        public var meanTimingMs: Double
        /// "rushing", "dragging" or "steady".
        public var trend: String
    }

    /// One frame of the pitch track.
    public struct Frame: Sendable, Codable, Equatable {
        /// Time, seconds.
        public var time: Double
        /// Fundamental frequency, Hz; 0 when unvoiced.
        public var f0: Double
        /// Probability that the frame is voiced, 0…1.
        public var voicing: Double
    }
}

extension PerformanceReport.JudgedNote {
    enum CodingKeys: String, CodingKey {
        case start, end, midi, name, cents, expected, expectedMidi, timingMs, bar, stabilityCents, vibratoRate
        case vibratoDepthCents, levelDecibels
    }

    /// Absent values are written as `null`, so every note has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(midi, forKey: .midi)
        try c.encode(name, forKey: .name)
        try c.encode(cents, forKey: .cents)
        try c.encode(expected, forKey: .expected)
        try c.encode(expectedMidi, forKey: .expectedMidi)
        try c.encode(timingMs, forKey: .timingMs)
        try c.encode(bar, forKey: .bar)
        try c.encode(stabilityCents, forKey: .stabilityCents)
        try c.encode(vibratoRate, forKey: .vibratoRate)
        try c.encode(vibratoDepthCents, forKey: .vibratoDepthCents)
        try c.encode(levelDecibels, forKey: .levelDecibels)
    }
}

extension PerformanceReport.Summary {
    enum CodingKeys: String, CodingKey {
        case pitchWithin20Cents, meanAbsCents, timingWithin20Ms, meanAbsTimingMs, meanTimingMs
        case dynamicsSpreadDecibels, noteCount, matchedReferenceNotes, missedReferenceNotes
    }

    /// Absent values are written as `null`, so the summary always has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pitchWithin20Cents, forKey: .pitchWithin20Cents)
        try c.encode(meanAbsCents, forKey: .meanAbsCents)
        try c.encode(timingWithin20Ms, forKey: .timingWithin20Ms)
        try c.encode(meanAbsTimingMs, forKey: .meanAbsTimingMs)
        try c.encode(meanTimingMs, forKey: .meanTimingMs)
        try c.encode(dynamicsSpreadDecibels, forKey: .dynamicsSpreadDecibels)
        try c.encode(noteCount, forKey: .noteCount)
        try c.encode(matchedReferenceNotes, forKey: .matchedReferenceNotes)
        try c.encode(missedReferenceNotes, forKey: .missedReferenceNotes)
    }
}
