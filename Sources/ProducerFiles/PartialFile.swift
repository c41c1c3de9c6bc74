#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written: a hidden temporary file beside its target (".NAME.partial-XXXXXX"),
/// renamed over the target by ``commit()`` when complete, so the target never holds half a
/// file. Until then it is listed with ``Interrupts``: if the process is interrupted (SIGINT,
/// SIGTERM) the temporary file is removed. One that is never committed is removed when it goes
/// away.
public final class PartialFile {
    /// The final path.
    public let path: String
    /// The temporary file's path.
    public let temporaryPath: String
    /// The open descriptor of the temporary file (write only).
    public private(set) var descriptor: Int32
    private var finished = false

    /// Creates the temporary file beside `path`, readable by all (`0o644`) or, for a file that
    /// holds a secret such as a database password, by its owner only (`permissions: 0o600`).
    /// - Throws: ``FileError`` `.writeFailed`.
    public init(path: String, permissions: UInt32 = 0o644) throws(FileError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((dir + "." + name + ".partial-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            let e = SystemCalls.errno
            throw FileError(
                .writeFailed, path: path, "cannot create a temporary file beside it: \(SystemCalls.text(e))")
        }
        descriptor = fd
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = fchmod(fd, mode_t(permissions))
        Interrupts.register(temporaryPath)
    }

    deinit { discard() }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        if let e = SystemCalls.writeAll(descriptor, bytes) {
            throw FileError(.writeFailed, path: path, "cannot write: \(SystemCalls.text(e))")
        }
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        let e = bytes.withUnsafeBytes { SystemCalls.writeAll(descriptor, $0) }
        if let e { throw FileError(.writeFailed, path: path, "cannot write: \(SystemCalls.text(e))") }
    }

    /// Closes the temporary file and renames it over ``path``.
    /// - Throws: ``FileError`` `.writeFailed`; the temporary file is removed.
    public func commit() throws(FileError) {
        guard !finished else { return }
        finished = true
        let closed = close(descriptor) == 0
        let closeError = SystemCalls.errno
        if !closed {
            unlink(temporaryPath)
            Interrupts.unregister(temporaryPath)
            throw FileError(.writeFailed, path: path, "cannot finish writing: \(SystemCalls.text(closeError))")
        }
        if rename(temporaryPath, path) != 0 {
            let e = SystemCalls.errno
            unlink(temporaryPath)
            Interrupts.unregister(temporaryPath)
            throw FileError(
                .writeFailed, path: path, "cannot move the finished file into place: \(SystemCalls.text(e))")
        }
        Interrupts.unregister(temporaryPath)
    }

    /// Closes and removes the temporary file; the target is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
        Interrupts.unregister(temporaryPath)
    }

    /// Writes `bytes` to `path` through a temporary file.
    public static func write(_ bytes: [UInt8], to path: String, permissions: UInt32 = 0o644) throws(FileError) {
        let file = try PartialFile(path: path, permissions: permissions)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes `text` as UTF-8 to `path` through a temporary file.
    public static func write(text: String, to path: String, permissions: UInt32 = 0o644) throws(FileError) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }
}
