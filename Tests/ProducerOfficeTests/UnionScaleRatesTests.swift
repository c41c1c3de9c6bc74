import Foundation
import ProducerOffice
import Testing

@Suite struct UnionScaleRatesTests {
    @Test func theExampleRatesReadBackFromTheirYAML() throws {
        var rates = UnionScaleRates.example(currency: "EUR")
        #expect(rates.isExample)
        rates.agreement = "Odd \"name\" \\ with\ta tab\r\nand lines\u{2028}"
        rates.musicians.pensionBasisPoints = 1_234
        let yaml = rates.yaml
        let read = try UnionScaleRates(yaml: yaml, path: "rates.yaml", currency: "EUR")
        #expect(read == rates)
        #expect(!read.isExample)
        #expect(yaml.contains("pension: 12.34  # percent of the wages"))
        #expect(yaml.contains("perSession: 430.00"))
    }

    @Test(
        "problems are named at their line, column and key",
        arguments: [
            (
                "perSession: 430.00", "perSession: 4x0",
                "rates.yaml:8:15: musicians.perSession: \"4x0\" is not an amount"
            ),
            (
                "pension: 13.00", "pension: 13.001",
                "rates.yaml:13:12: musicians.pension: \"13.001\" is not a percentage"
            ),
            (
                "sessionMinutes: 180", "sessionMinutes: 0",
                "rates.yaml:6:19: musicians.sessionMinutes: 0 is out of range (1 to 1440)"
            ),
            ("minimumHours: 2", "minimumHour: 2", "rates.yaml:18:3: singers.minimumHour: unknown key"),
            (
                "  contributions: 18.00  # percent of the singers' wages\n", "",
                "rates.yaml:16:3: singers.contributions: is missing"
            ),
            (
                "currency: EUR", "currency: USD",
                "rates.yaml:4:11: currency: the rates are in USD, but the project counts in EUR"
            ),
            (
                "perHour: 95.00", "perHour: [95]",
                "rates.yaml:17:12: singers.perHour: must be an amount, not a list or mapping"
            ),
            ("musicians:", "musicians: [", "rates.yaml:"),
        ])
    func problemsAreNamed(replacing: String, with: String, message: String) throws {
        let yaml = UnionScaleRates.example(currency: "EUR").yaml.replacingOccurrences(of: replacing, with: with)
        let error = #expect(throws: UnionScaleRatesError.self) {
            try UnionScaleRates(yaml: yaml, path: "rates.yaml", currency: "EUR")
        }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }

    @Test func anEmptyFileAndAFolderAreRefused() throws {
        #expect(throws: UnionScaleRatesError.self) { try UnionScaleRates(yaml: "", path: "r.yaml", currency: "EUR") }
        let error = #expect(throws: UnionScaleRatesError.self) {
            try UnionScaleRates(contentsOf: NSTemporaryDirectory(), currency: "EUR")
        }
        #expect(error?.description.hasPrefix(NSTemporaryDirectory()) == true)
    }
}
