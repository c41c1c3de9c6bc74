import ProducerDSP
public import ProducerMusic

/// What the listener knows about the intended performance.
public struct ListenOptions: Sendable {
    /// The key, if known (otherwise it is estimated from the take).
    public var key: Key?
    /// The intended part, if given: notes are aligned to it and judged against it.
    public var reference: [ReferenceNote]?
    /// Bar positions of the reference (from its MIDI tempo map and meter).
    public var referenceGrid: BeatGrid?
    /// The tempo, BPM, if known. Where its beats fall is ``downbeat``, or found in the take.
    public var tempo: Double?
    /// Where the song's first downbeat is, if known (a count-in or a lead-in before it).
    public var downbeat: Downbeat?
    /// The note values timing is judged against when there is no reference; nil: found from the
    /// notes themselves.
    public var subdivision: Subdivision?
    /// The pitch of A4, Hz: the tuning notes and cents are heard against.
    public var a4: Double = 440
    /// The clicks of a click track (seconds), each found at the click track's own sample rate:
    /// they are the beats. See ``clicks(in:sampleRate:)``.
    public var clicks: [Double]?
    /// The kind of part.
    public var part: Part = .other
    /// Beats per bar.
    public var beatsPerBar: Int = 4
    /// Include the pitch track in the report.
    public var includesFrames: Bool = false

    public init(key: Key? = nil, reference: [ReferenceNote]? = nil, tempo: Double? = nil, part: Part = .other) {
        self.key = key
        self.reference = reference
        self.tempo = tempo
        self.part = part
    }

    /// The clicks (seconds) heard in a click track's mono `samples` at its own `sampleRate`.
    public static func clicks(in samples: [Float], sampleRate: Double) -> [Double] {
        OnsetDetector().onsets(samples, sampleRate: sampleRate)
    }
}
