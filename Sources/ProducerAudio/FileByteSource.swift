#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProducerFiles

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
        // Opened without blocking, so a pipe is refused instead of waiting forever for a writer.
        do {
            let (fd, size) = try InputFile.open(path, kind: "audio file")
            self.fd = fd
            self.size = size
        } catch {
            switch error.code {
            case .notFound: throw AudioFileError(.notFound, path: path, "the file does not exist")
            case .folder: throw AudioFileError(.unreadable, path: path, "this is a folder, not an audio file")
            default: throw AudioFileError(.unreadable, path: path, error.message)
            }
        }
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
