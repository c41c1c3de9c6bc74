import Foundation
import Testing

@testable import ProducerStore

@Suite("Stored times read by hand")
struct StoredDateTests {
    @Test("a stored time reads to the Date the ISO 8601 format style reads, to the microsecond")
    func sameAsTheFormatStyle() throws {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        // Whole milliseconds from 1900 to 2200, leap days and the ends of months included.
        var dates = (0..<2000).map { _ in
            Date(
                timeIntervalSince1970: Double(
                    Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)) / 1000)
        }
        dates += ["2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "1969-12-31T23:59:59.001Z"].map {
            try! style.parse($0)
        }
        for date in dates {
            let text = ColumnCoding.text(date)
            let parsed = try style.parse(text)
            let read = try #require(ColumnCoding.storedDate(text), "\(text)")
            #expect(abs(read.timeIntervalSince(parsed)) < 1e-6, "\(text)")
        }
    }

    @Test("a time of another shape, or a day the month does not have, is left to the format style")
    func otherShapes() throws {
        for text in [
            "2027-02-29T10:00:00.000Z", "2027-13-01T10:00:00.000Z", "2027-03-01T24:00:00.000Z",
            "2027-03-01T10:00:00Z", "2027-03-01 10:00:00.000Z", "2027-03-01T10:00:00.000+01:00",
            "２０２７-03-01T10:00:00.000Z",
        ] {
            #expect(ColumnCoding.storedDate(text) == nil, "\(text)")
        }
        // which reads them as it always did
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let lenient = try ColumnCoding.date("2027-02-29T10:00:00.000Z", column: "t")
        #expect(lenient == (try style.parse("2027-02-29T10:00:00.000Z")))
        #expect(try ColumnCoding.date("2027-03-01T10:00:00Z", column: "t").timeIntervalSince1970 == 1_803_895_200)
        #expect(throws: StoredValueError.self) { try ColumnCoding.date("1 March", column: "t") }
    }
}
