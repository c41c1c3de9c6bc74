import Crypto
import Foundation
import Hummingbird
import ProducerFiles

/// An upload being written to a temporary file (`.VERSION.partial` in the project's uploads
/// folder): counted against the size limit and hashed with SHA-256 as the bytes arrive, removed
/// unless ``keep(as:)`` renames it into place.
final class UploadFile {
    let temporaryPath: String
    let limit: Int64
    private let handle: FileHandle
    private var hasher = SHA256()
    private(set) var byteCount: Int64 = 0
    private var open = true

    /// Creates the temporary file for `versionID` in `folder` (made if missing).
    init(folder: String, versionID: String, limit: Int64) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        temporaryPath = folder + "/." + versionID + ".partial"
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else {
            throw ServerFailure(.internalServerError, "server-error", "The server could not store the upload.")
        }
        self.handle = handle
        self.limit = limit
    }

    /// Appends `bytes`; refuses with 413 (removing the file) once the limit is passed.
    func write(_ bytes: some Collection<UInt8>) throws {
        byteCount += Int64(bytes.count)
        guard byteCount <= limit else {
            remove()
            throw ServerFailure(
                .contentTooLarge, "too-large",
                "The file is larger than the \(Self.size(limit)) this server takes; nothing was kept.")
        }
        let data = Data(bytes)
        hasher.update(data: data)
        do {
            try handle.write(contentsOf: data)
        } catch {
            remove()
            throw ServerFailure(.internalServerError, "server-error", "The server could not store the upload.")
        }
    }

    /// Lowercase hex SHA-256 of everything written.
    func finishHash() -> String {
        Hex.lowercase(hasher.finalize())
    }

    /// Closes the file and renames it to `path`.
    func keep(as path: String) throws {
        close()
        do {
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            remove()
            throw ServerFailure(.internalServerError, "server-error", "The server could not store the upload.")
        }
    }

    func close() {
        if open { try? handle.close() }
        open = false
    }

    /// Closes and removes the temporary file.
    func remove() {
        close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// "2 GiB", "10 KiB", "500 bytes".
    static func size(_ bytes: Int64) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    deinit { close() }
}
