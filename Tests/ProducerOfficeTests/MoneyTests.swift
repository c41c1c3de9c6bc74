import Foundation
import ProducerOffice
import Testing

@Suite struct MoneyTests {
    @Test func parsesAndFormats() {
        #expect(Money(parsing: "450", currency: "EUR")?.minorUnits == 45_000)
        #expect(Money(parsing: "62.5", currency: "EUR")?.minorUnits == 6_250)
        #expect(Money(parsing: "1250.05", currency: "USD")?.formatted == "$1,250.05")
        #expect(Money(parsing: "12.345", currency: "EUR") == nil)
        #expect(Money(parsing: "-3", currency: "EUR") == nil)
        #expect(Money(parsing: "abc", currency: "EUR") == nil)
        #expect(Money(minorUnits: 123_456_789, currency: "CHF").formatted == "1,234,567.89 CHF")
    }

    @Test func currencyCodesAreCheckedAgainstISO4217() throws {
        // Active codes pass; lower case, withdrawn codes and made-up ones do not, each saying why
        for code in ["EUR", "USD", "GBP", "CHF", "JPY", "XCG", "ZWG", "SLE"] { try Money.checkCurrency(code) }
        let lower = #expect(throws: MoneyError.self) { try Money.checkCurrency("eur") }
        #expect(lower?.code == .currencyCase)
        #expect(lower?.description == "\"eur\" is not an ISO 4217 currency code: write it in capitals, EUR")
        for code in ["XYZ", "EUX", "HRK", "VEF", "EURO", "", "XXX"] {
            let error = #expect(throws: MoneyError.self) { try Money.checkCurrency(code) }
            #expect(error?.code == .unknownCurrency, "\(code)")
            #expect(error?.description == "\"\(code)\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)")
        }
        #expect(
            Money.isoCurrencyCodes.count > 170
                && Money.isoCurrencyCodes.allSatisfy { $0.count == 3 && $0.uppercased() == $0 })
    }

    @Test func amountsAreReadWithOrWithoutTheProjectsCode() throws {
        #expect(try Money(reading: "250", currency: "EUR") == Money(minorUnits: 25_000, currency: "EUR"))
        #expect(try Money(reading: " 62.5 EUR ", currency: "EUR").minorUnits == 6_250)
        #expect(try Money(reading: "EUR 0.05", currency: "EUR").minorUnits == 5)
        #expect(try Money(reading: "-5", currency: "EUR", allowsNegative: true).minorUnits == -500)
        let cases: [(String, MoneyError.Code, String)] = [
            ("-5", .negative, "\"-5\" is negative; an amount here is 0 or more"),
            (
                "250 USD", .otherCurrency,
                "\"250 USD\" is in USD, but the project counts in EUR; amounts are not converted"
            ),
            ("250 XYZ", .unknownCurrency, "\"XYZ\" is not an ISO 4217 currency code (such as EUR, USD, GBP or CHF)"),
            ("250 eur", .currencyCase, "\"eur\" is not an ISO 4217 currency code: write it in capitals, EUR"),
            (
                "12.345", .notAnAmount,
                "\"12.345\" is not an amount; write a plain number such as 250 or 62.50 (optionally with the currency: 250 EUR)"
            ),
            ("1 000", .notAnAmount, "\"1 000\" is not an amount"),
            ("+5", .notAnAmount, "\"+5\" is not an amount"),
            ("EUR", .notAnAmount, "\"EUR\" is not an amount"),
        ]
        for (text, code, message) in cases {
            let error = #expect(throws: MoneyError.self) { try Money(reading: text, currency: "EUR") }
            #expect(error?.code == code, "\(text)")
            #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
        }
    }
}
