import Foundation
import ProducerFiles
import Yams

extension UnionScaleRates {
    /// The largest rates file read, in bytes (64 KB; one is under 1 KB).
    public static let maximumFileBytes = 64 << 10

    /// Reads the rates file at `path` (as ``yaml`` writes it) for a project counting in `currency`.
    /// - Throws: ``UnionScaleRatesError`` naming the line, column and key of the first problem; a
    ///   folder, a pipe, a file too large or text that is not UTF-8 is refused before reading.
    public init(contentsOf path: String, currency: String) throws(UnionScaleRatesError) {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "rates file", limit: Self.maximumFileBytes)
        } catch {
            throw UnionScaleRatesError(file: path, line: error.line, column: error.column, error.reason)
        }
        try self.init(yaml: text, path: path, currency: currency)
    }

    /// Reads rates from YAML text; `path` names it in errors. Every key must be there, none other;
    /// amounts are read as `producer` reads any amount (`430`, `430.00`, `430 EUR`), percentages
    /// with at most two decimals.
    public init(yaml: String, path: String, currency: String) throws(UnionScaleRatesError) {
        guard yaml.utf8.count <= Self.maximumFileBytes else {
            throw UnionScaleRatesError(
                file: path,
                InputFile.tooLargeReason(size: yaml.utf8.count, what: "rates file", limit: Self.maximumFileBytes))
        }
        let reader = RatesReader(path: path, currency: currency)
        let composed: Node?
        do {
            composed = try YAMLSyntax.compose(yaml)
        } catch {
            throw UnionScaleRatesError(file: path, line: error.line, column: error.column, error.message)
        }
        guard let root = composed else {
            throw UnionScaleRatesError(
                file: path, "the file is empty; write the rates as `producer budget scale --export` does")
        }
        let top = try reader.mapping(root, "", ["agreement", "currency", "musicians", "singers"])
        if let node = top["currency"] {
            let code = try reader.text(node, "currency")
            guard code == currency else {
                throw reader.error(node, "currency", "the rates are in \(code), but the project counts in \(currency)")
            }
        }
        let agreement = try reader.text(try reader.required(top, root, "", "agreement"), "agreement")
        let mNode = try reader.required(top, root, "", "musicians")
        let m = try reader.mapping(
            mNode, "musicians",
            [
                "sessionMinutes", "finishedMusicMinutesPerSession", "perSession", "overtimePerHalfHour", "leader",
                "contractor", "contractorFromPlayers", "pension", "healthAndWelfarePerSession",
            ])
        func need(
            _ m: [String: Node], _ node: Node, _ parent: String, _ key: String
        ) throws(UnionScaleRatesError) -> Node {
            try reader.required(m, node, parent, key)
        }
        let musicians = Musicians(
            sessionMinutes: try reader.integer(
                try need(m, mNode, "musicians", "sessionMinutes"), "musicians.sessionMinutes", 1...1_440),
            finishedMusicMinutesPerSession: try reader.integer(
                try need(m, mNode, "musicians", "finishedMusicMinutesPerSession"),
                "musicians.finishedMusicMinutesPerSession", 1...600),
            perSession: try reader.money(try need(m, mNode, "musicians", "perSession"), "musicians.perSession"),
            overtimePerHalfHour: try reader.money(
                try need(m, mNode, "musicians", "overtimePerHalfHour"), "musicians.overtimePerHalfHour"),
            leaderBasisPoints: try reader.percent(try need(m, mNode, "musicians", "leader"), "musicians.leader"),
            contractorBasisPoints: try reader.percent(
                try need(m, mNode, "musicians", "contractor"), "musicians.contractor"),
            contractorFromPlayers: try reader.integer(
                try need(m, mNode, "musicians", "contractorFromPlayers"), "musicians.contractorFromPlayers", 1...10_000),
            pensionBasisPoints: try reader.percent(try need(m, mNode, "musicians", "pension"), "musicians.pension"),
            healthAndWelfarePerSession: try reader.money(
                try need(m, mNode, "musicians", "healthAndWelfarePerSession"), "musicians.healthAndWelfarePerSession"))
        let sNode = try reader.required(top, root, "", "singers")
        let s = try reader.mapping(sNode, "singers", ["perSide", "perHour", "minimumHours", "contributions"])
        let singers = Singers(
            perSide: try reader.money(try need(s, sNode, "singers", "perSide"), "singers.perSide"),
            perHour: try reader.money(try need(s, sNode, "singers", "perHour"), "singers.perHour"),
            minimumHours: try reader.integer(
                try need(s, sNode, "singers", "minimumHours"), "singers.minimumHours", 0...24),
            contributionsBasisPoints: try reader.percent(
                try need(s, sNode, "singers", "contributions"), "singers.contributions"))
        self.init(agreement: agreement, musicians: musicians, singers: singers)
    }

    /// The rates as a YAML file that ``init(yaml:path:currency:)`` reads back, with a comment on
    /// each key.
    public var yaml: String {
        func amount(_ money: Money) -> String { BudgetReport.decimal(money) }
        func percent(_ basisPoints: Int) -> String {
            let text = UnionScaleRates.percent(basisPoints)
            return String(text.dropLast(2))
        }
        let m = musicians, s = singers
        let quoted = Self.doubleQuoted(agreement)
        return """
            # Union scale for `producer budget`: edit, then `producer budget scale --import FILE`.
            # Amounts are in the project's currency; percentages may have two decimals.
            agreement: \(quoted)
            currency: \(m.perSession.currency)
            musicians:
              sessionMinutes: \(m.sessionMinutes)  # one session's length
              finishedMusicMinutesPerSession: \(m.finishedMusicMinutesPerSession)  # most finished music one session covers
              perSession: \(amount(m.perSession))  # one player, one session
              overtimePerHalfHour: \(amount(m.overtimePerHalfHour))  # one player, each half hour (or part) past the sessions
              leader: \(percent(m.leaderBasisPoints))  # the leader's pay, percent of scale (200 = double)
              contractor: \(percent(m.contractorBasisPoints))  # the contractor's pay, percent of scale
              contractorFromPlayers: \(m.contractorFromPlayers)  # a contractor is required from this many players
              pension: \(percent(m.pensionBasisPoints))  # percent of the wages
              healthAndWelfarePerSession: \(amount(m.healthAndWelfarePerSession))  # per player per session
            singers:
              perSide: \(amount(s.perSide))  # one singer, one side (one song)
              perHour: \(amount(s.perHour))  # one singer, one hour, for singers with an hourly rate
              minimumHours: \(s.minimumHours)  # hours paid at least
              contributions: \(percent(s.contributionsBasisPoints))  # percent of the singers' wages

            """
    }
}

extension UnionScaleRates {
    /// `text` as a YAML double-quoted scalar that reads back exactly: backslashes and quotes
    /// escaped, and every control character, line or paragraph separator and byte order mark as
    /// `\u` and four hex digits (YAML would fold a raw line break into a space).
    static func doubleQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x5C: result += "\\\\"
            case 0x22: result += "\\\""
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Reads the rates file's nodes, checking keys and types, with places for errors.
private struct RatesReader {
    let path: String
    let currency: String

    func error(_ node: Node?, _ key: String?, _ message: String) -> UnionScaleRatesError {
        UnionScaleRatesError(file: path, line: node?.mark?.line, column: node?.mark?.column, key: key, message)
    }

    func mapping(_ node: Node, _ key: String, _ allowed: [String]) throws(UnionScaleRatesError) -> [String: Node] {
        guard case .mapping(let m) = node else {
            throw error(node, key.isEmpty ? nil : key, "must be a mapping (key: value pairs)")
        }
        var result: [String: Node] = [:]
        for (k, v) in m {
            guard let name = k.string else { throw error(k, key.isEmpty ? nil : key, "keys must be text") }
            let place = key.isEmpty ? name : key + "." + name
            guard allowed.contains(name) else {
                throw error(k, place, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            if case .scalar(let s) = v, s.style == .plain, v.null != nil { continue }
            result[name] = v
        }
        return result
    }

    func required(
        _ m: [String: Node], _ node: Node, _ parent: String, _ name: String
    ) throws(UnionScaleRatesError) -> Node {
        guard let value = m[name] else {
            throw error(node, parent.isEmpty ? name : parent + "." + name, "is missing")
        }
        return value
    }

    func text(_ node: Node, _ key: String) throws(UnionScaleRatesError) -> String {
        guard case .scalar(let s) = node else { throw error(node, key, "must be text, not a list or mapping") }
        let value = s.string.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw error(node, key, "is empty") }
        return value
    }

    func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws(UnionScaleRatesError) -> Int {
        guard case .scalar = node, let v = node.int else {
            throw error(node, key, "must be a whole number, not \"\(node.string ?? "a list or mapping")\"")
        }
        guard range.contains(v) else {
            throw error(node, key, "\(v) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return v
    }

    func money(_ node: Node, _ key: String) throws(UnionScaleRatesError) -> Money {
        guard case .scalar(let s) = node else { throw error(node, key, "must be an amount, not a list or mapping") }
        do throws(MoneyError) {
            return try Money(reading: s.string, currency: currency)
        } catch {
            throw self.error(node, key, error.message)
        }
    }

    /// A percentage with at most two decimals, 0 to 1 000, as basis points (13 → 1 300).
    func percent(_ node: Node, _ key: String) throws(UnionScaleRatesError) -> Int {
        guard case .scalar(let s) = node, let hundredths = Money(parsing: s.string, currency: ""),
            hundredths.minorUnits <= 100_000
        else {
            throw error(
                node, key,
                "\"\(node.string ?? "a list or mapping")\" is not a percentage; write one from 0 to 1000 with at most two decimals, such as 13 or 12.5"
            )
        }
        return Int(hundredths.minorUnits)
    }
}
