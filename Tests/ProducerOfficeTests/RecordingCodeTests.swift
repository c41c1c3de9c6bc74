import Foundation
import ProducerOffice
import Testing

/// ISRC (ISO 3901) and ISWC (ISO 15707) codes as people write them, with check digits worked by hand.
@Suite struct RecordingCodeTests {
    @Test(
        "the published ISWC T-034.524.680-1 passes: 1 + 0·1 + 3·2 + 4·3 + 5·4 + 2·5 + 4·6 + 6·7 + 8·8 + 0·9 = 179, (10 − 9) mod 10 = 1"
    )
    func publishedISWC() throws {
        #expect(try RecordingCode.iswc("T-034.524.680-1") == "T-034.524.680-1")
        #expect(try RecordingCode.iswc("T0345246801") == "T-034.524.680-1")
        #expect(try RecordingCode.iswc(" t-034524680-1 ") == "T-034.524.680-1")
    }

    @Test("T-123.456.789-4: 1 + 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 81 = 286, (10 − 6) mod 10 = 4")
    func secondISWC() throws {
        #expect(try RecordingCode.iswc("T1234567894") == "T-123.456.789-4")
        // 1 + 9·9 = 82 → (10 − 2) mod 10 = 8
        #expect(try RecordingCode.iswc("T-000.000.009-8") == "T-000.000.009-8")
        // 1 + 9·1 = 10 → (10 − 0) mod 10 = 0
        #expect(try RecordingCode.iswc("T-000.000.001-0") == "T-000.000.001-0")
    }

    @Test(
        "a malformed ISWC is refused, saying why",
        arguments: [
            ("T-034.524.680-2", "its check digit is 2, but the nine digits before it give 1"),
            ("034.524.680-1", "it must start with T"),
            ("T-034.524.68-1", "T followed by 10 digits"),
            ("T-034.524.6X0-1", "T followed by 10 digits"),
        ])
    func malformedISWC(code: String, reason: String) {
        let error = #expect(throws: RecordingCodeError.self) { try RecordingCode.iswc(code) }
        #expect(error?.kind == "ISWC")
        #expect(error?.description.contains("\"\(code)\" is not an ISWC") == true, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test("an ISRC is read with or without hyphens, in any case, and shown CC-XXX-YY-NNNNN")
    func validISRC() throws {
        #expect(try RecordingCode.isrc("DE-A12-27-00001") == "DE-A12-27-00001")
        #expect(try RecordingCode.isrc("usrc17607839") == "US-RC1-76-07839")
        #expect(try RecordingCode.isrc("GB-9Z9-99-12345") == "GB-9Z9-99-12345")
    }

    @Test(
        "a malformed ISRC is refused, naming the character at fault",
        arguments: [
            ("DE-A12-27-0001", "has 11 letters and digits, not 12"),
            ("DE-A12-27-000011", "has 13 letters and digits, not 12"),
            ("D1-A12-27-00001", "character 2 of 12 is \"1\": the country code is two capital letters"),
            ("DE-A_2-27-00001", "character 4 of 12 is \"_\": the registrant code"),
            ("DE-A12-2X-00001", "character 7 of 12 is \"X\": the year and number are digits"),
        ])
    func malformedISRC(code: String, reason: String) {
        let error = #expect(throws: RecordingCodeError.self) { try RecordingCode.isrc(code) }
        #expect(error?.kind == "ISRC")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }
}
