public import ProducerDSP
public import ProducerMusic

/// The mix assistant's decisions for a set of stems, each with its reason: what
/// `producer automix` writes as a session (``sessionYAML(only:)``) and reports.
public struct MixPlan: Sendable, Codable {
    /// Where the session is written; stems' paths are written relative to its folder.
    public var sessionPath: String
    public var sampleRate: Double
    public var tempo: Double
    /// Where the tempo came from ("given", "estimated from kick.wav", "none found: 120").
    public var tempoSource: String
    /// The lead's loudness the balance is built on, LUFS (the rules' anchor, lowered when the
    /// summed mix would peak over the ceiling).
    public var anchor: Double
    public var stems: [Stem]
    /// The masking measure against the lead, before and after the unmasking cuts (nil without a lead).
    public var masking: Masking?
    /// The summed mix as rendered without master processing.
    public var mix: Figures
    /// The reference and how the balance leaned toward it.
    public var reference: Reference?
    /// Decisions about the whole mix, in words.
    public var notes: [String]

    /// One stem's decisions.
    public struct Stem: Sendable, Codable {
        /// The track's name in the session.
        public var name: String
        /// The file as the command was given it (a MIDI file for a MIDI track).
        public var file: String
        /// For a stem played from a MIDI file: the track's name and the preview instrument.
        public var midiTrack: String? = nil
        public var instrument: Instrument? = nil
        public var channels: Int
        public var role: StemRole
        /// How the role was decided, and the word or measurement behind it.
        public var roleSource: RoleClassifier.Source
        public var roleReason: String
        /// LUFS the stem is set to, after its inserts, fader and pan.
        public var target: Double
        /// LUFS it measured at in the render the fader was set from.
        public var loudness: Double?
        /// Its loudness as it came in, LUFS.
        public var rawLoudness: Double?
        public var gain: Double
        public var pan: Double
        /// A stereo stem's width (nil: a mono stem, or unchanged).
        public var width: Double?
        public var highpass: Double
        public var cuts: [Cut]
        public var compressor: Compressor?
        /// Send levels, dB.
        public var reverbSend: Double?
        public var delaySend: Double?
        /// Its masking of the lead before and after its cuts (dB-weighted; nil for the lead).
        public var maskingBefore: Double?
        public var maskingAfter: Double?
        /// The comment for each decision, by the session key it explains.
        public var comments: [String: String]
    }

    /// A cut made to unmask the lead.
    public struct Cut: Sendable, Codable, Equatable {
        public var frequency: Double
        public var gain: Double
        public var q: Double
    }

    /// A compressor setting.
    public struct Compressor: Sendable, Codable, Equatable {
        public var threshold: Double
        public var ratio: Double
        public var attack: Double
        public var release: Double
        public var detection: String
    }

    /// The masking measure (see ``MixAssistant``): the sum over stems of the lead-weighted dB by
    /// which each comes within the margin of the lead in its band.
    public struct Masking: Sendable, Codable {
        public var lead: String
        public var before: Double
        public var after: Double
    }

    /// The summed mix's figures.
    public struct Figures: Sendable, Codable {
        public var loudness: Double?
        public var truePeak: Double?
        public var balance: StemMeasurement.Balance?
    }

    /// The reference's balance and the mix's against it.
    public struct Reference: Sendable, Codable {
        public var file: String
        public var balance: StemMeasurement.Balance?
        /// The mix's balance before the assistant leaned toward the reference.
        public var mixBefore: StemMeasurement.Balance?
        /// The mix's balance after.
        public var mixAfter: StemMeasurement.Balance?
        /// What changed, in words.
        public var leans: [String]
    }
}
