import Crypto
import Foundation
import ProducerFiles

/// What the last `produce` run did, kept in `.producer/state.json`: per stage, a fingerprint of
/// its inputs (their contents) and settings, the files it wrote and its result, so a second run
/// redoes only the stages whose fingerprint changed or whose outputs are gone.
final class ProduceState: @unchecked Sendable {
    /// One stage's record.
    struct Entry: Codable {
        var fingerprint: String
        /// Each output and its size when written (a missing or resized output redoes the stage).
        var outputs: [String: Int64]
        /// The stage's result, as JSON.
        var result: Data
    }

    /// A file's content hash, remembered by its size, modification time and inode so an unchanged
    /// file is not read again.
    struct FileHash: Codable {
        var size: Int64
        var modified: Double
        var inode: UInt64
        var sha256: String
    }

    private struct Stored: Codable {
        var version = ProduceState.version
        var entries: [String: Entry] = [:]
        var files: [String: FileHash] = [:]
    }

    /// Bumped when a stage's meaning changes, so an older state is not trusted.
    static let version = 1
    /// The largest state file read, bytes.
    static let maximumBytes = 256 << 20

    let path: String
    private let lock = NSLock()
    private var stored = Stored()
    private var used = Set<String>()

    /// Reads the state at `path`; a missing, damaged or older state is an empty one (everything is redone).
    init(path: String) {
        self.path = path
        if let data = try? InputFile.bytes(path, kind: "produce state", limit: Self.maximumBytes),
            let decoded = try? JSONDecoder().decode(Stored.self, from: Data(data)), decoded.version == Self.version
        {
            stored = decoded
        }
    }

    /// The SHA-256 of a file's contents (read in 1 MiB blocks), remembered by its size, time and inode.
    func hash(ofFile file: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let known = lock.withLock { stored.files[file] }
        if let known, known.size == size, known.modified == modified, known.inode == inode {
            return known.sha256
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw FileError(.unreadable, path: file, "cannot be opened to read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hasher.update(data: block)
        }
        let digest = Hex.lowercase(hasher.finalize())
        lock.withLock {
            stored.files[file] = FileHash(size: size, modified: modified, inode: inode, sha256: digest)
        }
        return digest
    }

    /// The fingerprint of a stage: its name, its settings (any Encodable) and its input files' contents.
    func fingerprint(stage: String, settings: some Encodable, inputs: [String]) throws -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(Self.version)|\(stage)|".utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hasher.update(data: try encoder.encode(settings))
        for input in inputs {
            hasher.update(data: Data("|\(input)=\(try hash(ofFile: input))".utf8))
        }
        return Hex.lowercase(hasher.finalize())
    }

    /// The result the stage `key` left last time, if its fingerprint is the same and its outputs
    /// are there as written.
    func reuse<T: Decodable>(_ key: String, fingerprint: String, as type: T.Type) -> T? {
        guard let entry = lock.withLock({ stored.entries[key] }), entry.fingerprint == fingerprint else { return nil }
        for (file, size) in entry.outputs {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                (attributes[.size] as? NSNumber)?.int64Value == size
            else { return nil }
        }
        guard let value = try? JSONDecoder().decode(T.self, from: entry.result) else { return nil }
        lock.withLock { _ = used.insert(key) }
        return value
    }

    /// Records what the stage `key` did.
    func record(_ key: String, fingerprint: String, outputs: [String], result: some Encodable) throws {
        var sizes: [String: Int64] = [:]
        for file in outputs {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            sizes[file] = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        }
        let data = try JSONEncoder().encode(result)
        lock.withLock {
            stored.entries[key] = Entry(fingerprint: fingerprint, outputs: sizes, result: data)
            used.insert(key)
        }
    }

    /// Writes the state (through a temporary file renamed when complete).
    func save() throws {
        let data = try lock.withLock { () throws -> Data in
            try JSONEncoder().encode(stored)
        }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try PartialFile.write([UInt8](data), to: path)
    }
}
