import Foundation

/// An amount of money in integer minor units (cents, pence…) of one currency.
///
/// Money is never a floating-point number: `Money(minorUnits: 12_550, currency: "EUR")` is €125.50.
public struct Money: Hashable, Sendable, Codable {
    /// The amount in the currency's minor unit (cents for EUR and USD).
    public var minorUnits: Int64
    /// The ISO 4217 code, such as `EUR`, `USD` or `GBP`.
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: String) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Parses an amount written by a person, such as `450`, `450.00` or `62.5`, in `currency`.
    /// Returns nil for anything that is not a plain non-negative decimal with at most two decimals.
    public init?(parsing text: String, currency: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), whole >= 0 else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), let value = Int64(fraction), value >= 0 else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        self.init(minorUnits: product + cents, currency: currency)
    }

    /// The amount as people write it: `€1,250.50`, `$80.00`, `125.00 CHF`.
    public var formatted: String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let cents = magnitude % 100
        let number = grouped + "." + (cents < 10 ? "0" : "") + String(cents)
        let sign = negative ? "-" : ""
        switch currency {
        case "EUR": return sign + "€" + number
        case "USD": return sign + "$" + number
        case "GBP": return sign + "£" + number
        default: return sign + number + " " + currency
        }
    }
}

extension Money: CustomStringConvertible {
    public var description: String { formatted }
}
