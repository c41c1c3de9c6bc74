#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls the file policy needs, with errno as a sentence.
package enum SystemCalls {
    package static var errno: Int32 {
        #if canImport(Glibc)
        return Glibc.errno
        #elseif canImport(Musl)
        return Musl.errno
        #else
        return Darwin.errno
        #endif
    }

    /// `errno` in words ("No such file or directory").
    package static func text(_ code: Int32) -> String {
        guard let t = strerror(code) else { return "system error \(code)" }
        return String(cString: t)
    }

    /// `stat` of a path (following symbolic links), or nil with errno set.
    static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    static func kind(_ info: stat) -> mode_t { info.st_mode & mode_t(S_IFMT) }

    /// Reads up to `count` bytes; retries on EINTR. Negative on error.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, buffer, count)
            #elseif canImport(Musl)
            let n = Musl.read(fd, buffer, count)
            #else
            let n = Darwin.read(fd, buffer, count)
            #endif
            if n < 0 && errno == EINTR { continue }
            return n
        }
    }

    /// Writes all of `bytes`; nil on success, errno on failure.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var p = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
            let n = Glibc.write(fd, p, left)
            #elseif canImport(Musl)
            let n = Musl.write(fd, p, left)
            #else
            let n = Darwin.write(fd, p, left)
            #endif
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
}
