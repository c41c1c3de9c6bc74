public import ProducerMusic

/// A mix session: the sources, how they are processed and routed, and the master bus.
///
/// Read from a YAML file by ``Session/init(path:)``; every position is in frames of
/// ``sampleRate``. Paths are resolved against the session file's folder.
public struct Session: Sendable {
    /// Frames per second of the render (sources at another rate are an error).
    public var sampleRate: Double
    /// Tempo, BPM, for bar:beat positions and tempo-synced effects.
    public var tempo: Double
    /// Beats per bar for bar:beat positions.
    public var beatsPerBar: Int
    /// The session's clock: ``tempo`` in ``beatsPerBar``/4. Every bar:beat position and every
    /// note-value delay time is read through it.
    public var tempoMap: TempoMap { Self.tempoMap(tempo: tempo, beatsPerBar: beatsPerBar) }

    static func tempoMap(tempo: Double, beatsPerBar: Int) -> TempoMap {
        TempoMap(bpm: tempo, meter: TimeSignature(validating: beatsPerBar, 4) ?? .fourFour)
    }
    /// How mono tracks are panned (default −3 dB constant power; stereo tracks use balance).
    public var panLaw: PanLaw = .constantPower
    /// The tracks, in file order.
    public var tracks: [Track]
    /// The buses and effect returns, in file order.
    public var buses: [Bus]
    /// The master bus (its `output` is ignored).
    public var master: Bus
    /// The session file's path.
    public var path: String
    /// The mix's length from the top of the timeline, frames (`length:`), or nil to end when the
    /// sound ends: after the last track, once every reverb, delay and other tail has decayed
    /// below −90 dBFS.
    public var lengthFrames: Int64?
    /// Frames rendered after the last track (`tail:`), or nil for the automatic tail.
    public var tailFrames: Int64?

    /// The longest a session's timeline may run, seconds (24 hours): no position, and no render,
    /// goes past it.
    public static let maximumDurationSeconds: Double = 86_400
    /// The longest `tail:` a session may ask for, seconds.
    public static let maximumTailSeconds: Double = 600
    /// The longest automatic tail, seconds: a render after the last track stops here even if a
    /// long feedback delay still sounds.
    public static let maximumAutomaticTailSeconds: Double = 60
    /// The level below which a tail counts as ended, dBFS.
    public static let tailThresholdDecibels: Double = -90

    /// A source with its channel strip.
    public struct Track: Sendable {
        public var name: String
        /// The audio file, resolved (for a MIDI track, the MIDI file).
        public var file: String
        /// For a track that plays a MIDI file through a built-in instrument (`midi:`): which
        /// notes and which instrument; nil for an audio file.
        public var midi: MIDIPart? = nil
        /// Where the file's first used frame lands on the timeline, frames.
        public var startFrame: Int64
        /// Frames skipped at the start of the file, and how many are used (nil: to the end).
        public var trimStartFrame: Int64
        public var trimLengthFrames: Int64?
        public var strip: Strip
        public var mute: Bool
        public var solo: Bool
    }

    /// A bus or effect return.
    public struct Bus: Sendable {
        public var name: String
        public var strip: Strip
    }

    /// What every track and bus has: gain, pan, width, polarity, delay, inserts, sends, output,
    /// and automation.
    public struct Strip: Sendable {
        public var gainDecibels: Double = 0
        public var pan: Double = 0
        public var width: Double = 1
        public var inverted: Bool = false
        public var delayFrames: Double = 0
        public var inserts: [Insert] = []
        public var sends: [Send] = []
        /// The bus this strip feeds; nil for the master.
        public var output: String?
        public var automation: [AutomationLane] = []
        /// Where in the file the strip was defined (for errors found later).
        public var line: Int?
    }

    /// One insert: a processor kind and its parameters as written.
    public struct Insert: Sendable {
        /// A ``ProcessorKind``'s raw value: "eq", "filter", "compressor", "gate", "deesser",
        /// "saturation", "delay", "reverb", "width", "limiter".
        public var kind: String
        /// The parameters by their declared names (an alias as written is replaced by the name).
        public var parameters: [String: ParameterValue]
        /// Where it was written: for errors, and the key path.
        public var line: Int?
        public var column: Int?
        public var keyPath: String
    }

    /// A send to a bus.
    public struct Send: Sendable {
        public var bus: String
        public var levelDecibels: Double
        public var preFader: Bool
        public var line: Int?
        public var keyPath: String
    }

    /// Breakpoints for one parameter: "gain", "pan", or "INSERT.PARAMETER" of a parameter its
    /// declaration marks automatable (e.g. "compressor.threshold").
    public struct AutomationLane: Sendable {
        public var target: String
        /// (frame, value), in time order.
        public var points: [(frame: Int64, value: Double)]
        public var line: Int?
        public var keyPath: String
    }
}

/// A parameter value as written in the session: a number, text, a flag, a list or a mapping.
public indirect enum ParameterValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case flag(Bool)
    case list([ParameterValue])
    case map([String: ParameterValue])

    /// The number, if it is one.
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    /// The text, if it is text.
    public var text: String? { if case .text(let t) = self { return t } else { return nil } }
}
