/// One parameter as a session writes it: its name, what kind of value it takes, its unit, its
/// range and its default.
///
/// The declarations in ``ProcessorKind/parameters`` are the one place a processor's parameters
/// are listed: the session reader checks every key and value against them (a value outside the
/// range is an error, never clamped), automation accepts only parameters declared
/// ``automatable``, and the README's parameter reference is rendered from them
/// (``ProcessorKind/referenceMarkdown``).
public struct ParameterSpec: Sendable, Equatable {
    /// What a parameter's value is.
    public enum Value: Sendable, Equatable {
        /// A number in ``ParameterSpec/range`` (or ``ParameterSpec/off``).
        case number
        /// One of a few numbers (a filter's slope in dB/octave).
        case steps([Double])
        /// One of a few words.
        case choice([String])
        /// true or false (also 1 or 0).
        case flag
        /// A note value: "1/8", "1/4." (dotted), "1/8t" (triplet).
        case noteValue
        /// The name of another track.
        case track
        /// A list of at most `count` EQ bands, each with the parameters of ``ProcessorKind/bandParameters``.
        case bands(count: Int)
    }

    /// The name a session writes.
    public let name: String
    /// Other names the session reader accepts for it.
    public let aliases: [String]
    /// The kind of value.
    public let value: Value
    /// The unit ("dB", "ms", "Hz"…), or "" for none.
    public let unit: String
    /// The range of a number, ends included.
    public let range: ClosedRange<Double>
    /// For a frequency: the upper end is at most this fraction of the sample rate.
    public let rateLimit: Double?
    /// A number outside ``range`` that turns the parameter off (0 for an EQ's high-pass).
    public let off: Double?
    /// A word a number may be replaced by (a compressor's `makeup: auto`).
    public let word: String?
    /// The default as the reference writes it ("-18", "off", "tanh", "none").
    public let defaultText: String
    /// The default as a number, when it is one (what the processor starts from).
    public let defaultValue: Double?
    /// Whether automation may move it (`automation: { compressor.threshold: [...] }`).
    public let automatable: Bool
    /// What it does, in a few words.
    public let summary: String

    init(
        _ name: String, _ value: Value = .number, unit: String = "", range: ClosedRange<Double> = 0...0,
        rateLimit: Double? = nil, off: Double? = nil, word: String? = nil, default defaultText: String,
        defaultValue: Double? = nil, automatable: Bool? = nil, aliases: [String] = [], _ summary: String
    ) {
        self.name = name
        self.aliases = aliases
        self.value = value
        self.unit = unit
        self.range = range
        self.rateLimit = rateLimit
        self.off = off
        self.word = word
        self.defaultText = defaultText
        self.defaultValue = defaultValue ?? Double(defaultText)
        self.automatable = automatable ?? (value == .number)
        self.summary = summary
    }

    /// Whether `name` is this parameter's name or one of its aliases.
    public func answers(to name: String) -> Bool { name == self.name || aliases.contains(name) }

    /// The highest number allowed at `sampleRate`.
    public func upperBound(sampleRate: Double) -> Double {
        rateLimit.map { min(range.upperBound, $0 * sampleRate) } ?? range.upperBound
    }

    /// Whether `number` is allowed at `sampleRate`: in the range, or the value that turns it off.
    public func allows(_ number: Double, sampleRate: Double) -> Bool {
        if let off, number == off { return true }
        return number >= range.lowerBound && number <= upperBound(sampleRate: sampleRate)
    }

    /// The range in words: "-80 … 0 dBFS", "0 (off) or 10 … 0.49 × sample rate Hz".
    public var rangeText: String {
        switch value {
        case .number:
            let u = unit.isEmpty ? "" : " " + unit
            var text =
                rateLimit.map { "\(Self.format(range.lowerBound))\(u) … \(Self.format($0)) × sample rate" }
                ?? "\(Self.format(range.lowerBound)) … \(Self.format(range.upperBound))\(u)"
            if let off { text = "\(Self.format(off)) (off) or " + text }
            if let word { text += " or \(word)" }
            return text
        case .steps(let steps): return steps.map(Self.format).joined(separator: ", ") + (unit.isEmpty ? "" : " " + unit)
        case .choice(let words): return words.joined(separator: ", ")
        case .flag: return "true or false"
        case .noteValue: return "a note value: 1/8, 1/4. (dotted), 1/8t (triplet)"
        case .track: return "another track's name"
        case .bands(let count): return "up to \(count) bands"
        }
    }

    /// The range the way an error message gives it: "(-80 to 0 dBFS)".
    func rangeInMessage(sampleRate: Double) -> String {
        let upper = Self.format(upperBound(sampleRate: sampleRate))
        var text = "\(Self.format(range.lowerBound)) to \(upper)" + (unit.isEmpty ? "" : " " + unit)
        if let off { text = "\(Self.format(off)) for off, or " + text }
        return "(" + text + ")"
    }

    /// A number as a person writes it: "-200", "0.5", "1e-05".
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
