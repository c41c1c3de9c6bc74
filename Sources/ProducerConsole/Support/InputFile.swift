#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole input file — a mix session, a project plan, a calendar — without surprises:
/// a folder, a pipe (FIFO), a device or a socket is refused before anything is read (a FIFO
/// nobody writes to would block forever), and so is a file larger than the reader's limit.
///
/// Shared by the session reader here and ProducerKit's plan and calendar readers.
package enum InputFile {
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
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let e = errorNumber
            if e == ENOENT || e == ENOTDIR { throw Problem("the \(what) does not exist") }
            throw Problem("the \(what) cannot be opened: \(text(e))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Problem("the \(what) cannot be inspected: \(text(errorNumber))") }
        switch info.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFREG): break
        case mode_t(S_IFDIR): throw Problem("this is a folder, not a \(what)")
        case mode_t(S_IFIFO): throw Problem("this is a pipe (FIFO), not a regular file; give the \(what) itself")
        case mode_t(S_IFCHR), mode_t(S_IFBLK): throw Problem("this is a device, not a regular file; give the \(what) itself")
        case mode_t(S_IFSOCK): throw Problem("this is a socket, not a regular file; give the \(what) itself")
        default: throw Problem("this is not a regular file; give the \(what) itself")
        }
        let size = Int(info.st_size)
        if size > limit { throw tooLarge(size, what: what, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                // The file grew while it was read.
                if count > limit { throw tooLarge(count, what: what, limit: limit) }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, count / 2)))
            }
            let n = bytes.withUnsafeMutableBytes { raw in
                systemRead(fd, raw.baseAddress! + count, raw.count - count)
            }
            if n < 0 {
                let e = errorNumber
                if e == EINTR { continue }
                throw Problem("the \(what) cannot be read: \(text(e))")
            }
            if n == 0 { break }
            count += n
        }
        if count > limit { throw tooLarge(count, what: what, limit: limit) }
        bytes.removeSubrange(count...)
        return bytes
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
        let shown = offset < bytes.count ? " (byte \(offset) is 0x\(String(bytes[offset], radix: 16, uppercase: true)))" : ""
        throw Problem("the \(what) is not UTF-8 text\(shown); save it as UTF-8", line: line, column: column)
    }

    /// The limit in a message: `4 MB (4,194,304 bytes)`.
    package static func sizeText(_ bytes: Int) -> String {
        let megabytes = bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB (\(grouped(bytes)) bytes)" : "\(grouped(bytes)) bytes"
        return megabytes
    }

    private static func tooLarge(_ size: Int, what: String, limit: Int) -> Problem {
        Problem(tooLargeReason(size: size, what: what, limit: limit), isTooLarge: true)
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

    private static var errorNumber: Int32 {
        #if canImport(Glibc)
        return Glibc.errno
        #elseif canImport(Musl)
        return Musl.errno
        #else
        return Darwin.errno
        #endif
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #elseif canImport(Musl)
        return Musl.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    private static func text(_ code: Int32) -> String {
        guard let t = strerror(code) else { return "error \(code)" }
        return String(cString: t)
    }
}
