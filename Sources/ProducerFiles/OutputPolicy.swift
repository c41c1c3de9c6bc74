#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one rule every command that writes follows, checked before any work is done.
///
/// An output must not be a folder, nor a pipe or device, nor one of the command's own inputs
/// (compared by file identity — device and inode — not by name, so `./take.wav`, a symbolic
/// link to it and `take.wav` are one file). An output that exists is replaced only when the
/// person asked for it (`--force`). Its folder must exist. What passes is then written to a
/// temporary file beside it and renamed over it when complete (``PartialFile``).
public struct OutputPolicy: Sendable {
    /// Whether an existing file may be replaced (the commands' `--force`).
    public var replacesExisting: Bool
    /// The files the command reads; none of them may be written.
    public var inputs: [String]
    /// How the person asks to replace a file, for the message ("add --force to replace it").
    public var forceHint: String

    public init(replacesExisting: Bool, inputs: [String] = [], forceHint: String = "--force") {
        self.replacesExisting = replacesExisting
        self.inputs = inputs
        self.forceHint = forceHint
    }

    /// Checks that `path` may be written.
    /// - Parameter what: what is written, for the message ("the mix", "the calendar").
    /// - Throws: ``FileError`` `.folder`, `.notRegular`, `.isInput`, `.exists` or `.writeFailed`
    ///   (the folder it would go in does not exist).
    public func check(_ path: String, what: String = "the output") throws(FileError) {
        if path.isEmpty { throw FileError(.writeFailed, path: path, "\(what) needs a file name") }
        if path.hasSuffix("/") {
            throw FileError(.folder, path: path, "\(what) must be a file, not a folder")
        }
        let folder = OutputPolicy.folder(of: path)
        if let info = SystemCalls.status(folder) {
            if SystemCalls.kind(info) != mode_t(S_IFDIR) {
                throw FileError(.writeFailed, path: path, "cannot write \(what): \(folder) is not a folder")
            }
        } else {
            throw FileError(.writeFailed, path: path, "cannot write \(what): the folder \(folder) does not exist")
        }
        guard let target = SystemCalls.status(path) else {
            let e = SystemCalls.errno
            if e == ENOENT { return }
            throw FileError(.writeFailed, path: path, "cannot write \(what): \(SystemCalls.text(e))")
        }
        switch SystemCalls.kind(target) {
        case mode_t(S_IFREG): break
        case mode_t(S_IFDIR):
            throw FileError(
                .folder, path: path, "this is a folder; \(what) must be a file (give a file name inside it)")
        default:
            throw FileError(
                .notRegular, path: path,
                "this is not a regular file (a pipe, a device or a socket); \(what) must be a file")
        }
        for input in inputs {
            guard let info = SystemCalls.status(input) else { continue }
            if info.st_dev == target.st_dev && info.st_ino == target.st_ino {
                let same = input == path ? "" : " (the same file as \(input))"
                throw FileError(
                    .isInput, path: path, "this is one of the command's inputs\(same); \(what) must go to another file")
            }
        }
        if !replacesExisting {
            throw FileError(.exists, path: path, "the file exists; add \(forceHint) to replace it")
        }
    }

    /// Checks every path in `paths`, and that no two of them are the same file.
    public func check(_ paths: [String], what: String = "the output") throws(FileError) {
        var seen: [String] = []
        for path in paths {
            try check(path, what: what)
            if seen.contains(path) {
                throw FileError(.isInput, path: path, "two outputs of one command go to the same file")
            }
            seen.append(path)
        }
    }

    /// The folder a path's file is in ("." for a bare name).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
