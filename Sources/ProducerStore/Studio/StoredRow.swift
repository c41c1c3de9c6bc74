import Foundation
import SQLKit

/// One row read back, its columns decoded with the rules of ``ColumnCoding``; a value that does
/// not read names its table and column.
struct StoredRow {
    let row: any SQLRow
    let table: String

    func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }

    func optionalText(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }

    func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }

    func int64(_ column: String) throws -> Int64 { Int64(try row.decode(column: column, as: Int.self)) }

    func optionalInt64(_ column: String) throws -> Int64? {
        try row.decode(column: column, as: Int?.self).map(Int64.init)
    }

    func double(_ column: String) throws -> Double { try row.decode(column: column, as: Double.self) }

    func optionalDouble(_ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }

    func date(_ column: String) throws -> Date { try ColumnCoding.date(text(column), column: "\(table).\(column)") }

    func optionalDate(_ column: String) throws -> Date? {
        try ColumnCoding.date(optionalText(column), column: "\(table).\(column)")
    }

    func value<T: RawRepresentable<String>>(_ column: String, as type: T.Type) throws -> T {
        try ColumnCoding.value(text(column), as: type, column: "\(table).\(column)")
    }
}
