import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

@Suite struct CSVTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("") == "")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field("cr\r") == "\"cr\r\"")
        // A CRLF inside a field is one grapheme in Swift; it must still be quoted
        #expect(CSV.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSV.field("Café — €1,00") == "\"Café — €1,00\"")
        var table = CSV(header: ["a", "b"])
        table.append(["1"])
        #expect(table.text == "a,b\r\n1,\r\n")
    }

    @Test func pythonsCSVReadsATrickyTableBackExactly() throws {
        guard Python.canImport("csv", "json") else {
            Issue.record("python3 is needed (skipped)")
            return
        }
        let table = CSV(
            header: ["song", "category", "note", "amount"],
            rows: [
                ["Slow Signal", "strings, brass", "the \"big\" take", "3120.00"],
                ["", "", "", ""],
                ["Nórdica — Øst", "mixing", "line one\nline two\r\nline three\rend", "0.05"],
                ["\"", ",", "\r\n", " spaced "],
                ["日本語", "émoji 🎻", "trailing,", "-12.50"],
            ])
        let folder = try temporaryDirectory()
        let path = folder + "/table.csv"
        try table.data.write(to: URL(fileURLWithPath: path))
        let read = try Python.json(
            """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """, arguments: [path], as: [[String]].self)
        #expect(read == [table.header] + table.rows)
        // Every record ends in CRLF
        #expect(table.text.hasSuffix("-12.50\r\n"))
        #expect(table.text.hasPrefix("song,category,note,amount\r\n"))
    }
}
