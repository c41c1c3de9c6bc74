import Foundation
import ProducerFiles
import Testing

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "producer-files-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Outputs: never a folder, never an input, never replaced unasked")
struct OutputPolicyTests {
    @Test func aNewFileInAnExistingFolderPasses() throws {
        let dir = try temporaryFolder()
        try OutputPolicy(replacesExisting: false).check(dir + "/new.wav")
    }

    @Test func anExistingFileNeedsForce() throws {
        let dir = try temporaryFolder()
        let path = dir + "/mix.wav"
        try PartialFile.write(text: "old", to: path)
        #expect(throws: FileError(.exists, path: path, "the file exists; add --force to replace it")) {
            try OutputPolicy(replacesExisting: false).check(path)
        }
        try OutputPolicy(replacesExisting: true).check(path)
    }

    @Test func aFolderIsRefusedEvenWithForce() throws {
        let dir = try temporaryFolder()
        for path in [dir, dir + "/", "."] {
            let error = #expect(throws: FileError.self) { try OutputPolicy(replacesExisting: true).check(path) }
            #expect(error?.code == .folder, "\(path)")
        }
    }

    @Test func anInputIsRefusedByIdentityNotByName() throws {
        let dir = try temporaryFolder()
        let take = dir + "/take.wav"
        try PartialFile.write(text: "audio", to: take)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.wav", withDestinationPath: take)
        try FileManager.default.linkItem(atPath: take, toPath: dir + "/hard.wav")
        let policy = OutputPolicy(replacesExisting: true, inputs: [take])
        for spelling in [take, dir + "/./take.wav", dir + "/link.wav", dir + "/hard.wav"] {
            let error = #expect(throws: FileError.self) { try policy.check(spelling) }
            #expect(error?.code == .isInput, "\(spelling)")
        }
        // Another file with the same content is not an input.
        try PartialFile.write(text: "audio", to: dir + "/other.wav")
        try policy.check(dir + "/other.wav")
    }

    @Test func aMissingFolderOrAPipeIsNamed() throws {
        let dir = try temporaryFolder()
        let error = #expect(throws: FileError.self) {
            try OutputPolicy(replacesExisting: true).check(dir + "/nowhere/mix.wav")
        }
        #expect(
            error?.description
                == "\(dir)/nowhere/mix.wav: cannot write the output: the folder \(dir)/nowhere does not exist")
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipeError = #expect(throws: FileError.self) { try OutputPolicy(replacesExisting: true).check(fifo) }
        #expect(pipeError?.code == .notRegular)
    }

    @Test func twoOutputsToOneFileAreRefused() throws {
        let dir = try temporaryFolder()
        #expect(throws: FileError.self) {
            try OutputPolicy(replacesExisting: true).check([dir + "/a.wav", dir + "/a.wav"])
        }
    }
}

@Suite("Partial files: complete or absent")
struct PartialFileTests {
    @Test("readable by all by default, by its owner only when asked; no temporary file left")
    func permissions() throws {
        let dir = try temporaryFolder()
        try PartialFile.write(text: "public\n", to: dir + "/a.txt")
        try PartialFile.write(text: "postgres://u:secret@h/db\n", to: dir + "/b.txt", permissions: 0o600)
        let a = try FileManager.default.attributesOfItem(atPath: dir + "/a.txt")
        let b = try FileManager.default.attributesOfItem(atPath: dir + "/b.txt")
        #expect((a[.posixPermissions] as? Int) == 0o644)
        #expect((b[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8) == "postgres://u:secret@h/db\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.txt", "b.txt"])
    }

    @Test func theTargetChangesOnlyAtCommit() throws {
        let dir = try temporaryFolder()
        let path = dir + "/out.ics"
        try PartialFile.write(text: "old", to: path)
        let file = try PartialFile(path: path)
        try file.write(Array("new content".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(Interrupts.pending.contains(file.temporaryPath))
        #expect(URL(fileURLWithPath: file.temporaryPath).lastPathComponent.hasPrefix(".out.ics.partial-"))
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new content")
        #expect(!Interrupts.pending.contains(file.temporaryPath))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.ics"])
    }

    @Test func aDiscardedFileLeavesNothing() throws {
        let dir = try temporaryFolder()
        do {
            let file = try PartialFile(path: dir + "/gone.wav")
            try file.write([1, 2, 3])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func removePendingRemovesPartialFilesAndFolders() throws {
        let dir = try temporaryFolder()
        let file = try PartialFile(path: dir + "/x.wav")
        try file.write([1])
        let folder = dir + "/.album.partial"
        try FileManager.default.createDirectory(atPath: folder + "/deep", withIntermediateDirectories: true)
        Interrupts.register(folder: folder)
        // Only this test's files: other tests write partial files at the same time.
        let removed = Interrupts.removePending { $0.hasPrefix(dir) }
        #expect(Set(removed).isSuperset(of: [file.temporaryPath, folder]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}

@Suite("Inputs: regular files only")
struct InputFileTests {
    @Test func aPipeIsRefusedWithoutBlocking() throws {
        let dir = try temporaryFolder()
        let fifo = dir + "/pipe.wav"
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: FileError.self) { try InputFile.check(fifo, kind: "audio file") }
        #expect(error?.description == "\(fifo): this is a pipe (FIFO), not a regular file; give the audio file itself")
        #expect(throws: FileError.self) { _ = try InputFile.bytes("/dev/zero", limit: 1 << 20) }
    }

    @Test func aFolderAndAMissingFileAreNamed() throws {
        let dir = try temporaryFolder()
        #expect((#expect(throws: FileError.self) { try InputFile.check(dir) })?.code == .folder)
        #expect((#expect(throws: FileError.self) { try InputFile.check(dir + "/none") })?.code == .notFound)
    }

    @Test func theSizeLimitIsNamed() throws {
        let dir = try temporaryFolder()
        let path = dir + "/big.yaml"
        try PartialFile.write([UInt8](repeating: 65, count: 3 << 20), to: path)
        let error = #expect(throws: FileError.self) { _ = try InputFile.bytes(path, kind: "session", limit: 1 << 20) }
        #expect(
            error?.description
                == "\(path): the session is 3,145,728 bytes long; a session may be at most 1 MB (1,048,576 bytes)")
        #expect(try InputFile.bytes(path, limit: 4 << 20).count == 3 << 20)
    }
}
