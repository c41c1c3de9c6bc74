import Foundation
import SQLKit
import SQLiteKit

/// One row read back, its columns decoded with the rules of ``ColumnCoding``; a value that does
/// not read names its table and column.
///
/// A row read from SQLite through ``DatabaseConnection/rows(_:table:)`` is read as SQLite gave
/// it (text, integer, real, null), without the general decoder of SQLKit rows: the song page
/// reads some 50 comments of 14 columns each time it is shown.
struct StoredRow {
    private enum Source {
        case sql(any SQLRow)
        case sqlite(SQLiteRow)
    }

    private let source: Source
    let table: String

    init(row: any SQLRow, table: String) {
        source = .sql(row)
        self.table = table
    }

    init(sqlite row: SQLiteRow, table: String) {
        source = .sqlite(row)
        self.table = table
    }

    func text(_ column: String) throws -> String {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: String.self)
        case .sqlite(let row):
            if case .text(let text) = row.column(column) { return text }
            throw mismatch(column, row, expected: "text")
        }
    }

    func optionalText(_ column: String) throws -> String? {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: String?.self)
        case .sqlite(let row):
            switch row.column(column) {
            case .text(let text): return text
            case .null: return nil
            default: throw mismatch(column, row, expected: "text or nothing")
            }
        }
    }

    func int(_ column: String) throws -> Int {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: Int.self)
        case .sqlite(let row):
            if case .integer(let value) = row.column(column) { return Int(value) }
            throw mismatch(column, row, expected: "a whole number")
        }
    }

    func int64(_ column: String) throws -> Int64 { Int64(try int(column)) }

    func optionalInt64(_ column: String) throws -> Int64? {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: Int?.self).map(Int64.init)
        case .sqlite(let row):
            switch row.column(column) {
            case .integer(let value): return Int64(value)
            case .null: return nil
            default: throw mismatch(column, row, expected: "a whole number or nothing")
            }
        }
    }

    func double(_ column: String) throws -> Double {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: Double.self)
        case .sqlite(let row):
            switch row.column(column) {
            case .float(let value): return value
            case .integer(let value): return Double(value)
            default: throw mismatch(column, row, expected: "a number")
            }
        }
    }

    func optionalDouble(_ column: String) throws -> Double? {
        switch source {
        case .sql(let row): return try row.decode(column: column, as: Double?.self)
        case .sqlite(let row):
            switch row.column(column) {
            case .float(let value): return value
            case .integer(let value): return Double(value)
            case .null: return nil
            default: throw mismatch(column, row, expected: "a number or nothing")
            }
        }
    }

    func date(_ column: String) throws -> Date { try ColumnCoding.date(text(column), column: "\(table).\(column)") }

    func optionalDate(_ column: String) throws -> Date? {
        try ColumnCoding.date(optionalText(column), column: "\(table).\(column)")
    }

    func value<T: RawRepresentable<String>>(_ column: String, as type: T.Type) throws -> T {
        try ColumnCoding.value(text(column), as: type, column: "\(table).\(column)")
    }

    private func mismatch(_ column: String, _ row: SQLiteRow, expected: String) -> StoredValueError {
        let found = row.column(column).map { "\($0)" } ?? "no such column"
        return StoredValueError(column: "\(table).\(column)", value: found, expected: expected)
    }
}
