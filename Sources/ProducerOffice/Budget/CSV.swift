import Foundation

/// A table written as RFC 4180 comma-separated values: a header row, then one record per row,
/// every line ending in CRLF.
///
/// A field is quoted when it holds a comma, a double quote, a carriage return or a line feed, and
/// a quote inside it is doubled (`say "hi"` → `"say ""hi"""`). Anything else is written as it is
/// (UTF-8, no byte order mark), so spreadsheet programs and Python's `csv` read the table back
/// exactly, empty fields included.
public struct CSV: Hashable, Sendable {
    /// The column names, written as the first record.
    public var header: [String]
    /// The records, each with as many fields as the header (shorter rows are padded with empty
    /// fields when written).
    public var rows: [[String]]

    /// A table with `header` and `rows`.
    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Adds a record.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The whole table as RFC 4180 text.
    public var text: String {
        var text = CSV.record(header)
        for row in rows {
            let padded = row.count < header.count ? row + Array(repeating: "", count: header.count - row.count) : row
            text += CSV.record(padded)
        }
        return text
    }

    /// The table as UTF-8 bytes, ready to write to a file.
    public var data: Data { Data(text.utf8) }

    /// One record: the fields joined by commas, ending in CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
