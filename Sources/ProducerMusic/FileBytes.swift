#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reading and atomic writing over POSIX calls (no Foundation).
enum FileBytes {
    /// Why a file could not be read, as a sentence without the file name.
    struct Problem: Error { var reason: String }

    /// The largest file read whole: far above any real MIDI file, far below memory trouble.
    static let readLimit = 64 << 20

    private static var errorNumber: Int32 {
        #if canImport(Glibc)
        return Glibc.errno
        #elseif canImport(Musl)
        return Musl.errno
        #else
        return Darwin.errno
        #endif
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
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

    /// All bytes of the file at `path`, or a sentence saying why not.
    static func read(_ path: String) throws(Problem) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw Problem(reason: "cannot be opened: \(text(errorNumber))") }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let e = errorNumber
                if e == EINTR { continue }
                throw Problem(reason: "cannot be read: \(text(e))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > readLimit { throw Problem(reason: "is larger than \(readLimit >> 20) MB, far too large for a MIDI file") }
        }
        return out
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so a
    /// reader never sees half a file. Returns a sentence on failure.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> String? {
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { return "cannot be created (\(temp)): \(text(errorNumber))" }
        let failure: String? = bytes.withUnsafeBytes { raw -> String? in
            guard var p = raw.baseAddress else { return nil }
            var left = raw.count
            while left > 0 {
                let n = write(fd, p, left)
                if n < 0 {
                    let e = errorNumber
                    if e == EINTR { continue }
                    return "cannot be written: \(text(e))"
                }
                p += n
                left -= n
            }
            return nil
        }
        if close(fd) != 0, failure == nil {
            unlink(temp)
            return "cannot be written: \(text(errorNumber))"
        }
        if let failure {
            unlink(temp)
            return failure
        }
        if rename(temp, path) != 0 {
            let e = errorNumber
            unlink(temp)
            return "cannot be put in place: \(text(e))"
        }
        return nil
    }
}
