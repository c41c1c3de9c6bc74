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

    /// All bytes of the file at `path`, or a sentence saying why not. A folder, a pipe (FIFO), a
    /// device or a socket is refused before anything is read (a FIFO nobody writes to would block
    /// forever), and so is a file larger than ``readLimit``.
    static func read(_ path: String) throws(Problem) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let e = errorNumber
            if e == ENOENT || e == ENOTDIR { throw Problem(reason: "does not exist") }
            throw Problem(reason: "cannot be opened: \(text(e))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Problem(reason: "cannot be inspected: \(text(errorNumber))") }
        switch info.st_mode & mode_t(S_IFMT) {
        case mode_t(S_IFREG): break
        case mode_t(S_IFDIR): throw Problem(reason: "is a folder, not a MIDI file")
        case mode_t(S_IFIFO): throw Problem(reason: "is a pipe (FIFO), not a regular file; give the MIDI file itself")
        case mode_t(S_IFCHR), mode_t(S_IFBLK): throw Problem(reason: "is a device, not a regular file; give the MIDI file itself")
        default: throw Problem(reason: "is not a regular file (a socket?); give the MIDI file itself")
        }
        if info.st_size > readLimit { throw Problem(reason: "is \(info.st_size) bytes long, larger than \(readLimit >> 20) MB, far too large for a MIDI file") }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.st_size))
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
