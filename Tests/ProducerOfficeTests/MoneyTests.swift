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
}
