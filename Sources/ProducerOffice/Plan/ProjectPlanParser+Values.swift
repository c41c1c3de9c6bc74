import Foundation
import ProducerMusic
import Yams

/// The typed values of a plan: mappings with their allowed keys, lists, text, numbers, flags,
/// money, keys, percentages and choices, each checked with its place for errors.
extension ProjectPlanParser {
    func mapping(_ node: Node, _ key: String, allowed: Set<String>) throws(ProjectPlanError) -> [String: Node] {
        guard case .mapping(let m) = node else {
            throw error(node, key.isEmpty ? nil : key, .wrongType, "must be a mapping (key: value pairs)")
        }
        var result: [String: Node] = [:]
        for (k, v) in m {
            guard let name = k.string else { throw error(k, key, .wrongType, "keys must be text") }
            let place = key.isEmpty ? name : key + "." + name
            guard allowed.contains(name) else {
                throw error(
                    k, place, .unknownKey, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            if case .alias = v { throw error(v, place, .syntax, "YAML aliases are not supported in plans") }
            // `key:` with nothing after it is the same as leaving the key out.
            if case .scalar(let s) = v, s.style == .plain, v.null != nil { continue }
            result[name] = v
        }
        return result
    }

    func sequence(_ node: Node, _ key: String) throws(ProjectPlanError) -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, key, .wrongType, "must be a list") }
        return Array(s)
    }

    /// A list that may be left out.
    func list(_ node: Node?, _ key: String) throws(ProjectPlanError) -> [Node] {
        guard let node else { return [] }
        return try sequence(node, key)
    }

    func text(_ node: Node, _ key: String) throws(ProjectPlanError) -> String {
        guard case .scalar(let s) = node else {
            throw error(node, key, .wrongType, "must be text, not a list or mapping")
        }
        return s.string
    }

    func optionalText(_ node: Node?, _ key: String) throws(ProjectPlanError) -> String? {
        guard let node else { return nil }
        let value = try text(node, key).trimmingCharacters(in: .whitespaces)
        if value.isEmpty { throw error(node, key, .badValue, "is empty") }
        return value
    }

    func required(_ m: [String: Node], _ node: Node, _ key: String, _ name: String) throws(ProjectPlanError) -> String {
        guard let value = try optionalText(m[name], key + "." + name) else {
            throw error(node, key + "." + name, .missingKey, "is missing")
        }
        return value
    }

    func texts(_ node: Node, _ key: String) throws(ProjectPlanError) -> [String] {
        var result: [String] = []
        for (i, item) in try sequence(node, key).enumerated() {
            guard let value = try optionalText(item, key + "[\(i)]") else { continue }
            result.append(value)
        }
        return result
    }

    func number(
        _ node: Node, _ key: String, in range: ClosedRange<Double>, unit: String
    ) throws(ProjectPlanError) -> Double {
        guard case .scalar = node, let v = node.float ?? node.int.map(Double.init), v.isFinite else {
            throw error(
                node, key, .wrongType, "must be a number (\(unit)), not \"\(node.string ?? "a list or mapping")\"")
        }
        guard range.contains(v) else {
            throw error(
                node, key, .badValue,
                "\(v.formatted()) is out of range (\(range.lowerBound.formatted()) to \(range.upperBound.formatted()) \(unit))"
            )
        }
        return v
    }

    func integer(_ node: Node, _ key: String, in range: ClosedRange<Int>) throws(ProjectPlanError) -> Int {
        guard case .scalar = node, let v = node.int else {
            throw error(node, key, .wrongType, "must be a whole number, not \"\(node.string ?? "a list or mapping")\"")
        }
        guard range.contains(v) else {
            throw error(node, key, .badValue, "\(v) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return v
    }

    func flag(_ node: Node, _ key: String) throws(ProjectPlanError) -> Bool {
        guard case .scalar = node, let b = node.bool else {
            throw error(node, key, .wrongType, "must be true or false")
        }
        return b
    }

    /// An amount in the project's currency, as a plain number (`650`, `62.5`, `62.50`) or with
    /// the currency's ISO 4217 code (`650 EUR`), read by ``Money/init(reading:currency:allowsNegative:)``.
    func money(_ node: Node, _ key: String) throws(ProjectPlanError) -> Money {
        guard case .scalar(let s) = node else {
            throw error(node, key, .wrongType, "must be an amount, not a list or mapping")
        }
        do throws(MoneyError) {
            return try Money(reading: s.string, currency: currency)
        } catch {
            throw self.error(node, key, .badValue, error.message)
        }
    }

    /// A song's key, read by ProducerMusic's ``Key/init(parsing:)`` (as `listen --key` reads it,
    /// with its words for a key it cannot read) and kept as that key writes itself (`E minor`, `B♭ major`).
    func musicalKey(_ node: Node, _ key: String) throws(ProjectPlanError) -> String {
        let text = try self.text(node, key)
        do throws(MusicTextError) {
            return try Key(parsing: text).description
        } catch {
            throw self.error(node, key, .badValue, error.description)
        }
    }

    /// A share in percent with at most two decimals, as basis points (60 → 6 000).
    func percent(_ node: Node, _ key: String) throws(ProjectPlanError) -> Int {
        guard case .scalar(let s) = node, let hundredths = Money(parsing: s.string, currency: ""),
            hundredths.minorUnits <= 10_000
        else {
            throw error(
                node, key, .badValue,
                "\"\(node.string ?? "")\" is not a share; write a percentage from 0 to 100 such as 60 or 33.34")
        }
        return Int(hundredths.minorUnits)
    }

    static func percentText(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100)" : (Double(basisPoints) / 100).formatted()
    }

    /// One of an enumeration's raw values.
    func choice<T: RawRepresentable & CaseIterable>(
        _ node: Node, _ key: String, _ type: T.Type
    ) throws(ProjectPlanError) -> T
    where T.RawValue == String {
        let value = try text(node, key)
        guard let found = T(rawValue: value.lowercased()) else {
            throw error(
                node, key, .badValue, "\"\(value)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return found
    }
}
