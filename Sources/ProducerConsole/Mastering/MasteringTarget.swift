import Foundation
import Yams

/// What a master is made for: its loudness, true-peak ceiling, delivery format and how the
/// platform's player will then normalise it. The named targets live in `platforms.yaml`
/// (embedded in the program, sources named there); `-14LUFS`-style names make custom targets.
public struct MasteringTarget: Sendable, Codable, Equatable {
    /// What a platform's loudness normalisation does on playback.
    public enum Playback: String, Sendable, Codable {
        /// Plays the master as it is.
        case none
        /// Turns louder masters down to the reference loudness, never up.
        case down
        /// Turns louder masters down and quieter ones up, only as far as leaves ``MasteringTarget/headroom``.
        case up
        /// Turns every master to the reference loudness.
        case both
    }

    /// The target's name (`spotify`, `cd`, `-14LUFS`…).
    public var name: String
    /// Integrated loudness the master is made to, LUFS.
    public var loudness: Double
    /// True-peak ceiling, dBTP.
    public var ceiling: Double
    /// Sample rate to deliver, Hz; `nil` keeps the mix's rate (44.1 kHz at least).
    public var sampleRate: Double?
    /// Bits per delivered sample (integer PCM, TPDF-dithered).
    public var bits: Int
    /// What the platform's player does.
    public var playback: Playback
    /// The loudness the player normalises to, LUFS.
    public var reference: Double
    /// With ``Playback/up``: the true-peak headroom kept when turning up, dB.
    public var headroom: Double
    /// Below this frequency (Hz) the side signal is removed; 0 for none.
    public var monoBelow: Double
    /// A high-pass on the master (Hz); 0 for none.
    public var highPass: Double
    /// Where the figures come from.
    public var source: String

    /// The named targets, in the order of `platforms.yaml`.
    public static let all: [MasteringTarget] = parsePlatforms(
        String(decoding: PackageResources.platforms_yaml, as: UTF8.self))

    /// The names `--target` accepts (besides custom `-14LUFS`-style ones).
    public static var names: [String] { all.map(\.name) }

    /// The target called `name` (case-insensitive), or a custom one for `-NLUFS` (e.g. `-14LUFS`,
    /// `-9.5 LUFS`: −1 dBTP, 24-bit at the mix's rate, no normalisation); `nil` for anything else.
    public static func named(_ name: String) -> MasteringTarget? {
        let key = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let found = all.first(where: { $0.name == key }) { return found }
        guard key.hasSuffix("lufs") else { return nil }
        let number = key.dropLast(4).trimmingCharacters(in: .whitespaces)
        guard let value = Double(number), value.isFinite, value >= -40, value <= -3 else { return nil }
        return MasteringTarget(
            name: name, loudness: value, ceiling: -1, sampleRate: nil, bits: 24, playback: .none, reference: value,
            headroom: 0, monoBelow: 0, highPass: 0, source: "custom target")
    }

    /// The sample rate a mix at `mixRate` is delivered at.
    public func deliveryRate(mixRate: Double) -> Double { sampleRate ?? max(44_100, mixRate) }

    /// The gain (dB) this target's player applies to a master of `integrated` LUFS and `truePeak` dBTP.
    public func playbackGain(integrated: Double, truePeak: Double) -> Double {
        let toReference = reference - integrated
        switch playback {
        case .none: return 0
        case .down: return min(0, toReference)
        case .both: return toReference
        case .up: return toReference <= 0 ? toReference : max(0, min(toReference, -headroom - truePeak))
        }
    }

    private struct File: Decodable {
        struct Entry: Decodable {
            var loudness: Double
            var ceiling: Double
            var rate: String
            var bits: Int
            var playback: Playback
            var reference: Double?
            var headroom: Double?
            var monoBelow: Double?
            var highPass: Double?
            var source: String
        }
        var targets: [String: Entry]
    }

    /// Parses the platform file (the embedded one is checked by the tests). Order follows the file.
    static func parsePlatforms(_ text: String) -> [MasteringTarget] {
        guard let file = try? YAMLDecoder().decode(File.self, from: text) else {
            preconditionFailure("platforms.yaml does not parse")
        }
        let order = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            return line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "")
        }
        return order.compactMap { name in
            guard let e = file.targets[name] else { return nil }
            return MasteringTarget(
                name: name, loudness: e.loudness, ceiling: e.ceiling,
                sampleRate: e.rate == "mix" ? nil : Double(e.rate),
                bits: e.bits, playback: e.playback, reference: e.reference ?? e.loudness, headroom: e.headroom ?? 0,
                monoBelow: e.monoBelow ?? 0, highPass: e.highPass ?? 0, source: e.source)
        }
    }
}
