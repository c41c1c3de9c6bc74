#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening and reading the files a command is given, refusing anything that is not a regular
/// file: a folder, a pipe (which would block forever), a device or a socket.
public enum InputFile {
    /// Opens `path` for reading, without blocking on a pipe, and checks it is a regular file.
    /// - Returns: the open descriptor (blocking reads) and the file's size in bytes.
    /// - Throws: ``FileError`` `.notFound`, `.folder`, `.notRegular` or `.unreadable`.
    public static func open(_ path: String, kind: String = "file") throws(FileError) -> (descriptor: Int32, size: Int64)
    {
        let fd = path.withCString { systemOpen($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        if fd < 0 {
            let e = SystemCalls.errno
            if e == ENOENT || e == ENOTDIR { throw FileError(.notFound, path: path, "the \(kind) does not exist") }
            throw FileError(.unreadable, path: path, "the \(kind) cannot be opened: \(SystemCalls.text(e))")
        }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let e = SystemCalls.errno
            close(fd)
            throw FileError(.unreadable, path: path, "the \(kind) cannot be inspected: \(SystemCalls.text(e))")
        }
        switch SystemCalls.kind(info) {
        case mode_t(S_IFREG): break
        case mode_t(S_IFDIR):
            close(fd)
            throw FileError(.folder, path: path, "this is a folder, not a \(kind)")
        case mode_t(S_IFIFO):
            close(fd)
            throw FileError(
                .notRegular, path: path, "this is a pipe (FIFO), not a regular file; give the \(kind) itself")
        case mode_t(S_IFCHR), mode_t(S_IFBLK):
            close(fd)
            throw FileError(.notRegular, path: path, "this is a device, not a regular file; give the \(kind) itself")
        default:
            close(fd)
            throw FileError(.notRegular, path: path, "this is a socket, not a regular file; give the \(kind) itself")
        }
        // A regular file: reads do not block anyway, but clear the flag for the readers after us.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, Int64(info.st_size))
    }

    /// Checks that `path` is a regular file that can be opened, without reading it.
    public static func check(_ path: String, kind: String = "file") throws(FileError) {
        let (fd, _) = try open(path, kind: kind)
        close(fd)
    }

    /// All bytes of the regular file at `path`.
    /// - Parameter limit: the largest size accepted, in bytes; a larger file is an error naming it.
    /// - Throws: ``FileError``.
    public static func bytes(_ path: String, kind: String = "file", limit: Int) throws(FileError) -> [UInt8] {
        let (fd, size) = try open(path, kind: kind)
        defer { close(fd) }
        if size > Int64(limit) {
            throw FileError(.tooLarge, path: path, tooLargeReason(size: Int(size), what: kind, limit: limit))
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(size))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { SystemCalls.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                throw FileError(
                    .unreadable, path: path, "the \(kind) cannot be read: \(SystemCalls.text(SystemCalls.errno))")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit {
                throw FileError(.tooLarge, path: path, tooLargeReason(size: out.count, what: kind, limit: limit))
            }
        }
        return out
    }

    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD).
    public static func text(_ path: String, kind: String = "file", limit: Int) throws(FileError) -> String {
        String(decoding: try bytes(path, kind: kind, limit: limit), as: UTF8.self)
    }

    private static func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, flags)
        #elseif canImport(Musl)
        return Musl.open(path, flags)
        #else
        return Darwin.open(path, flags)
        #endif
    }
}
