import Yams

/// The mix assistant's rules and targets: one readable data file (`mix-rules.yaml`, embedded in
/// the program), with its sources named in it. ``standard`` is that file.
public struct MixRules: Sendable, Decodable {
    /// The loudness (LUFS, integrated) the lead sits at on its own; every role's level is relative to it.
    public var anchor: Double
    /// The summed mix's highest true peak, dBTP, before any master processing.
    public var ceiling: Double
    /// The furthest a spread part is panned unless hard pans are asked for.
    public var maximumPan: Double
    public var unmasking: Unmasking
    public var reverb: [String: Double]
    public var delay: Delay
    /// The rule for each role.
    public var roles: [StemRole: Role]

    /// How stems that mask the lead are cut.
    public struct Unmasking: Sendable, Decodable {
        /// The lead's band for masking, Hz.
        public var low: Double
        public var high: Double
        /// A stem closer than this to the lead in a band (dB) masks it there.
        public var margin: Double
        public var maximumCut: Double
        public var q: Double
        public var bandsPerStem: Int
    }

    /// The delay return's settings.
    public struct Delay: Sendable, Decodable {
        public var sync: String
        public var feedback: Double
        public var lowCut: Double
        public var highCut: Double
    }

    /// One role's rule.
    public struct Role: Sendable, Decodable {
        /// Words in a file name that say this role.
        public var names: [String]
        /// LU relative to the anchor.
        public var level: Double
        /// High-pass corner, Hz.
        public var highpass: Double
        /// "centre" or "spread".
        public var pan: String
        /// How far from the centre a spread part goes.
        public var spread: Double?
        /// A stereo stem's width.
        public var width: Double?
        public var compressor: Compression?
        /// Send levels, dB (nil: no send).
        public var reverb: Double?
        public var delay: Double?
        /// Why the role sits where it does, for the session's comments.
        public var why: String
        /// The classifier's prototype.
        public var sound: StemSound
    }

    /// Compression for a role.
    public struct Compression: Sendable, Decodable {
        public var ratio: Double
        public var attack: Double
        public var release: Double
        /// Gain reduction aimed at on the stem's loudest 50 ms, dB.
        public var reduction: Double
        public var detection: String
    }

    enum CodingKeys: String, CodingKey {
        case anchor, ceiling, maximumPan, unmasking, reverb, delay, roles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        anchor = try c.decode(Double.self, forKey: .anchor)
        ceiling = try c.decode(Double.self, forKey: .ceiling)
        maximumPan = try c.decode(Double.self, forKey: .maximumPan)
        unmasking = try c.decode(Unmasking.self, forKey: .unmasking)
        reverb = try c.decode([String: Double].self, forKey: .reverb)
        delay = try c.decode(Delay.self, forKey: .delay)
        let named = try c.decode([String: Role].self, forKey: .roles)
        var roles: [StemRole: Role] = [:]
        for (name, rule) in named {
            guard let role = StemRole(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .roles, in: c, debugDescription: "mix-rules.yaml: no role is called \"\(name)\"")
            }
            roles[role] = rule
        }
        self.roles = roles
    }

    /// The rule for `role` (every role has one in the standard rules).
    public func rule(_ role: StemRole) -> Role { roles[role]! }

    /// The rules as written in `mix-rules.yaml`.
    public static let standard: MixRules = {
        let text = String(decoding: PackageResources.mix_rules_yaml, as: UTF8.self)
        do {
            let rules = try YAMLDecoder().decode(MixRules.self, from: text)
            precondition(Set(rules.roles.keys) == Set(StemRole.allCases), "mix-rules.yaml must give every role")
            return rules
        } catch {
            preconditionFailure("mix-rules.yaml, embedded in the program, cannot be read: \(error)")
        }
    }()

    /// The rules file as text, for people to read (`producer automix --rules`).
    public static var text: String { String(decoding: PackageResources.mix_rules_yaml, as: UTF8.self) }
}

/// What a stem sounds like, as the role classifier measures it (see `mix-rules.yaml`).
public struct StemSound: Sendable, Codable, Equatable {
    /// dB of the power below 150 Hz against the whole.
    public var low: Double
    /// dB of the power above 5 kHz against the whole.
    public var high: Double
    /// dB between the loud (95th percentile) and the typical (median) 50 ms level.
    public var spiky: Double
    /// Onsets a second while the stem plays.
    public var onsets: Double
    /// 0 (noise) … 1 (pure tones).
    public var tonal: Double
    /// dB of side against mid (−40 for mono).
    public var width: Double

    public init(low: Double, high: Double, spiky: Double, onsets: Double, tonal: Double, width: Double) {
        self.low = low
        self.high = high
        self.spiky = spiky
        self.onsets = onsets
        self.tonal = tonal
        self.width = width
    }
}
