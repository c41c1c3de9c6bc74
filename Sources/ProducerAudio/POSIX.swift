#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProducerFiles

/// Thin wrappers over the POSIX calls the file layer uses.
enum POSIX {
    /// The current `errno` as a sentence, e.g. "No such file or directory".
    static func errorText(_ code: Int32) -> String { SystemCalls.text(code) }

    static var errno: Int32 { SystemCalls.errno }

    /// Writes all of `bytes` at the file's current position. Returns `errno` on failure, nil on success.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? { SystemCalls.writeAll(fd, bytes) }

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
