#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole input files read as text for the parsers — a mix session, a project plan, a
/// calendar — with the line and column of the first byte that is not UTF-8, and problems as
/// sentences without the file name (the parsers add it with their own error type).
extension InputFile {
    /// Why a file could not be read: a sentence without the file name, and for text that is not
    /// UTF-8 the line and column (from 1) of the first bad byte.
    package struct Problem: Error, Sendable, Hashable {
        package var reason: String
        package var line: Int?
        package var column: Int?
        /// True when the file is larger than the reader's limit.
        package var isTooLarge = false

        package init(_ reason: String, line: Int? = nil, column: Int? = nil, isTooLarge: Bool = false) {
            self.reason = reason
            self.line = line
            self.column = column
            self.isTooLarge = isTooLarge
        }
    }

    /// The bytes of the regular file at `path`.
    ///
    /// - Parameters:
    ///   - what: What the file is, for messages: `session file`, `plan file`, `calendar`.
    ///   - limit: The most bytes the file may hold.
    /// - Throws: ``Problem`` when the file does not exist, is not a regular file, is larger than
    ///   `limit`, or cannot be read.
    package static func bytes(atPath path: String, what: String, limit: Int) throws(Problem) -> [UInt8] {
        do {
            return try bytes(path, kind: what, limit: limit)
        } catch {
            throw Problem(error.message, isTooLarge: error.code == .tooLarge)
        }
    }

    /// The text of the regular file at `path`, which must be UTF-8; see
    /// ``bytes(atPath:what:limit:)``.
    ///
    /// - Throws: ``Problem`` as ``bytes(atPath:what:limit:)`` does, and with the line and column
    ///   of the first bad byte when the file is not UTF-8 text.
    package static func text(atPath path: String, what: String, limit: Int) throws(Problem) -> String {
        try text(of: try bytes(atPath: path, what: what, limit: limit), what: what)
    }

    /// `bytes` as UTF-8 text (a leading byte-order mark is kept).
    ///
    /// - Throws: ``Problem`` with the line and column of the first bad byte.
    package static func text(of bytes: [UInt8], what: String) throws(Problem) -> String {
        var line = 1
        var column = 1
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                break decoding
            }
        }
        let shown =
            offset < bytes.count ? " (byte \(offset) is 0x\(String(bytes[offset], radix: 16, uppercase: true)))" : ""
        throw Problem("the \(what) is not UTF-8 text\(shown); save it as UTF-8", line: line, column: column)
    }

    /// The limit in a message: `4 MB (4,194,304 bytes)`.
    package static func sizeText(_ bytes: Int) -> String {
        let megabytes =
            bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB (\(grouped(bytes)) bytes)" : "\(grouped(bytes)) bytes"
        return megabytes
    }

    /// `the session file is 5,000,000 bytes long; a session file may be at most 4 MB (4,194,304 bytes)`.
    package static func tooLargeReason(size: Int, what: String, limit: Int) -> String {
        "the \(what) is \(grouped(size)) bytes long; a \(what) may be at most \(sizeText(limit))"
    }

    /// `4194304` → `4,194,304`.
    private static func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}
