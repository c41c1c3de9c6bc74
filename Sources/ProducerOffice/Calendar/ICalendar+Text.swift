import Foundation

// The text layer of RFC 5545: TEXT escaping (§3.3.11) and line folding (§3.1).

extension ICalendar {
    /// The longest a written line may be, in octets of UTF-8, not counting its CRLF.
    public static let maximumLineOctets = 75

    /// `text` as an iCalendar TEXT value: backslash, semicolon and comma get a backslash, line
    /// breaks (CRLF, LF or CR) become `\n`, and other control characters (which TEXT may not
    /// hold) are dropped. Tabs are kept.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r":
                result += "\\n"
                if pending == "\n" { pending = scalars.next() }
            case "\n": result += "\\n"
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text an iCalendar TEXT value stands for: the reverse of ``escaped(_:)``. `\n` and `\N`
    /// become a line feed; an unknown escape keeps the character after the backslash.
    public static func unescaped(_ value: String) -> String {
        var result = ""
        var escaping = false
        for scalar in value.unicodeScalars {
            if escaping {
                result.unicodeScalars.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if escaping { result += "\\" }
        return result
    }

    /// `line` folded for writing: pieces of at most ``maximumLineOctets`` octets joined by CRLF
    /// and a space, never splitting a UTF-8 sequence. The result has no trailing CRLF.
    ///
    /// - Complexity: O(*n*) in the length of `line`.
    public static func folded(_ line: String) -> String {
        guard line.utf8.count > maximumLineOctets else { return line }
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > maximumLineOctets {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += width
        }
        return result
    }

    /// The logical lines of `text`: line breaks may be CRLF, LF or CR, and a line that begins
    /// with a space or a tab continues the one before it (the space or tab is removed).
    /// Empty lines are dropped.
    public static func unfolded(_ text: String) -> [String] {
        unfoldedLines(text).map(\.text)
    }

    /// ``unfolded(_:)`` with the number (from 1) of the physical line each logical line starts on.
    ///
    /// - Complexity: O(*n*) in the length of `text`, however many lines are folded into one.
    static func unfoldedLines(_ text: String) -> [(number: Int, text: String)] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [(number: Int, text: String)] = []
            // The logical line being built, as UTF-8: a continuation appends to it in place.
            var pending: [UInt8] = []
            var pendingNumber = 0
            var hasPending = false
            func finishPending() {
                guard hasPending else { return }
                lines.append((pendingNumber, String(decoding: pending, as: UTF8.self)))
                pending.removeAll(keepingCapacity: true)
                hasPending = false
            }
            var number = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let start = index
                // Find the end of this physical line: CRLF, LF or CR.
                while index < count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") {
                    index += 1
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if index < count {
                    index +=
                        bytes[index] == UInt8(ascii: "\r") && index + 1 < count
                            && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
                }
                number += 1
                guard let first = line.first else { continue }
                if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t"), hasPending {
                    pending.append(contentsOf: line.dropFirst())
                } else if !String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace) {
                    finishPending()
                    pending.append(contentsOf: line)
                    pendingNumber = number
                    hasPending = true
                }
            }
            finishPending()
            return lines
        }
    }
}
