#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``ByteSource`` over a regular file, read with `pread`.
final class FileByteSource: ByteSource {
    let path: String
    let size: Int64
    private let fd: Int32

    /// Opens `path` for reading.
    /// - Throws: ``AudioFileError`` `.notFound` if it does not exist, `.unreadable` if it
    ///   cannot be opened or is not a regular file (a directory, a device...).
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = POSIX.errno
            if e == ENOENT || e == ENOTDIR {
                throw AudioFileError(.notFound, path: path, "the file does not exist")
            }
            throw AudioFileError(.unreadable, path: path, "cannot open the file: \(POSIX.errorText(e))")
        }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let e = POSIX.errno
            close(fd)
            throw AudioFileError(.unreadable, path: path, "cannot inspect the file: \(POSIX.errorText(e))")
        }
        let kind = info.st_mode & mode_t(S_IFMT)
        if kind == mode_t(S_IFDIR) {
            close(fd)
            throw AudioFileError(.unreadable, path: path, "this is a directory, not an audio file")
        }
        if kind != mode_t(S_IFREG) {
            close(fd)
            throw AudioFileError(.unreadable, path: path, "this is not a regular file (a device, pipe or socket)")
        }
        self.fd = fd
        self.size = Int64(info.st_size)
    }

    deinit { close(fd) }

    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, offset >= 0 else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, buffer.count - done, off_t(offset + Int64(done)))
            if n < 0 {
                let e = POSIX.errno
                if e == EINTR { continue }
                throw AudioFileError(
                    .unreadable, path: path, byteOffset: offset + Int64(done),
                    "reading failed: \(POSIX.errorText(e))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}
