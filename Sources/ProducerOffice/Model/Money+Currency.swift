import Foundation

extension Money {
    /// The active ISO 4217 alphabetic codes (list one, as amended to 2026): every code a project,
    /// a rate or a fee may be in. Withdrawn codes (HRK, SLL, VEF, ZWL, ANG…), the testing code XTS
    /// and XXX ("no currency") are not in it. The one list every reader of a currency checks.
    public static let isoCurrencyCodes: Set<String> = [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
        "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
        "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK",
        "DJF", "DKK", "DOP", "DZD",
        "EGP", "ERN", "ETB", "EUR",
        "FJD", "FKP",
        "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
        "HKD", "HNL", "HTG", "HUF",
        "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
        "JMD", "JOD", "JPY",
        "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
        "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
        "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN",
        "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
        "OMR",
        "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
        "QAR",
        "RON", "RSD", "RUB", "RWF",
        "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
        "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
        "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS",
        "VED", "VES", "VND", "VUV",
        "WST",
        "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XUA",
        "YER",
        "ZAR", "ZMW", "ZWG",
    ]

    /// Checks that `code` is an active ISO 4217 code, written as the standard writes it (`EUR`).
    ///
    /// - Throws: ``MoneyError`` saying what is wrong: lower case (`eur`), or no such code (`EUX`).
    public static func checkCurrency(_ code: String) throws(MoneyError) {
        if isoCurrencyCodes.contains(code) { return }
        if isoCurrencyCodes.contains(code.uppercased()) {
            throw MoneyError(
                code: .currencyCase, text: code,
                "\"\(code)\" is not an ISO 4217 currency code: write it in capitals, \(code.uppercased())")
        }
        throw MoneyError(
            code: .unknownCurrency, text: code,
            "\"\(code)\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)")
    }

    /// Reads an amount a person wrote for a project that counts in `currency`: `250`, `250.00`,
    /// `62.5`, or with the currency's code before or after it (`250 EUR`, `EUR 250`).
    ///
    /// The code, when given, must be an active ISO 4217 code and the project's own: amounts are
    /// never converted. A leading minus is read (and refused unless `allowsNegative`), so that
    /// the message can say so rather than call `-5` unreadable.
    ///
    /// - Throws: ``MoneyError`` naming the problem.
    public init(reading text: String, currency: String, allowsNegative: Bool = false) throws(MoneyError) {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var code: String?
        if words.count == 2 {
            let letters = { (word: String) in !word.isEmpty && word.allSatisfy { $0.isLetter } }
            if letters(words[1]) && !letters(words[0]) {
                code = words.removeLast()
            } else if letters(words[0]) && !letters(words[1]) {
                code = words.removeFirst()
            }
        }
        if let code {
            try Money.checkCurrency(code)
            guard code == currency else {
                throw MoneyError(
                    code: .otherCurrency, text: text,
                    "\"\(text)\" is in \(code), but the project counts in \(currency); amounts are not converted")
            }
        }
        guard words.count == 1 else {
            throw MoneyError(
                code: .notAnAmount, text: text,
                "\"\(text)\" is not an amount; write a plain number such as 250 or 62.50 (optionally with the currency: 250 \(currency))"
            )
        }
        var number = Substring(words[0])
        let negative = number.hasPrefix("-") || number.hasPrefix("−")
        if negative { number = number.dropFirst() }
        guard let magnitude = Money(parsing: String(number), currency: currency), !number.hasPrefix("+") else {
            throw MoneyError(
                code: .notAnAmount, text: text,
                "\"\(text)\" is not an amount; write a plain number such as 250 or 62.50 (optionally with the currency: 250 \(currency))"
            )
        }
        if negative && !allowsNegative {
            throw MoneyError(code: .negative, text: text, "\"\(text)\" is negative; an amount here is 0 or more")
        }
        self.init(minorUnits: negative ? -magnitude.minorUnits : magnitude.minorUnits, currency: currency)
    }
}
