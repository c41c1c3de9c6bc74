#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the file layer uses.
enum POSIX {
    /// The current `errno` as a sentence, e.g. "No such file or directory".
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static var errno: Int32 {
        #if canImport(Glibc)
        return Glibc.errno
        #elseif canImport(Musl)
        return Musl.errno
        #else
        return Darwin.errno
        #endif
    }

    /// Writes all of `bytes` at the file's current position. Returns `errno` on failure, nil on success.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var p = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                let e = errno
                if e == EINTR { continue }
                return e
            }
            if n == 0 { return EIO }
            p += n
            left -= n
        }
        return nil
    }

    /// Writes all of `bytes` at `offset` without moving the file position. Returns `errno` on failure.
    static func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            guard var p = raw.baseAddress else { return nil }
            var left = raw.count
            var at = offset
            while left > 0 {
                let n = pwrite(fd, p, left, off_t(at))
                if n < 0 {
                    let e = errno
                    if e == EINTR { continue }
                    return e
                }
                if n == 0 { return EIO }
                p += n
                left -= n
                at += Int64(n)
            }
            return nil
        }
    }
}
