import Foundation
import Testing
@testable import ProducerAudio

/// Broken and foreign files give the right error code and a message naming the file.
@Suite struct BadFileTests {
    /// A valid 16-bit stereo WAV made by Producer, as bytes: RIFF(12) JUNK(36) fmt(24) data(8+400).
    static func validWAV(frames: Int = 100) throws -> [UInt8] {
        let dir = try TempDir()
        try AudioFile.write(
            Support.signal(channels: 2, frames: frames), to: dir.file("v.wav"),
            format: AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16)))
        return try Support.bytes(dir.file("v.wav"))
    }

    static func validAIFF() throws -> [UInt8] {
        let dir = try TempDir()
        try AudioFile.write(
            Support.signal(channels: 2, frames: 100), to: dir.file("v.aiff"),
            format: AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16), container: .aiff))
        return try Support.bytes(dir.file("v.aiff"))
    }

    static let fmtOffset = 48  // 'fmt ' chunk header in Producer's WAV layout
    static let dataOffset = 72  // 'data' chunk header

    static func le16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) { b[i] = UInt8(v & 0xFF); b[i + 1] = UInt8(v >> 8) }
    static func le32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) {
        for k in 0..<4 { b[i + k] = UInt8((v >> (8 * k)) & 0xFF) }
    }

    /// Writes `bytes` to a file and opens it, returning the error.
    func open(_ bytes: [UInt8], name: String = "bad.wav") throws -> AudioFileError? {
        let dir = try TempDir()
        let path = dir.file(name)
        try Support.writeBytes(bytes, to: path)
        let error = #expect(throws: AudioFileError.self) { try AudioFile.read(path: path) }
        if let error {
            #expect(error.path == path)
            #expect(error.description.hasPrefix(path + ": "), "the message names the file")
        }
        return error
    }

    @Test func layoutAssumption() throws {
        let b = try Self.validWAV()
        #expect(b.fourCC(Self.fmtOffset) == "fmt ")
        #expect(b.fourCC(Self.dataOffset) == "data")
    }

    @Test func missingFileAndDirectory() throws {
        let dir = try TempDir()
        let missing = #expect(throws: AudioFileError.self) { try AudioFileReader(path: dir.file("nope.wav")) }
        #expect(missing?.code == .notFound)
        #expect(missing?.description == dir.file("nope.wav") + ": the file does not exist")
        let directory = #expect(throws: AudioFileError.self) { try AudioFileReader(path: dir.path) }
        #expect(directory?.code == .unreadable)
        #expect(directory?.message == "this is a folder, not an audio file")
    }

    @Test func emptyTextAndForeignFiles() throws {
        #expect(try open([])?.code == .notAudio)
        #expect(try open([])?.message == "the file is empty")
        let text = try open(Array("Hello, this is a README, not audio.\nSecond line.\n".utf8))
        #expect(text?.code == .notAudio)
        #expect(text?.message.contains("text file") == true)
        #expect(
            try open(Array("fLaC".utf8) + [0, 0, 0, 34] + [UInt8](repeating: 0, count: 40))?.message.contains("FLAC")
                == true)
        #expect(
            try open([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])?.message.contains("MP3")
                == true)
        #expect(try open(Array("RIFF".utf8))?.code == .truncated)
        #expect(try open(Array(try Self.validWAV()[0..<16]))?.code == .truncated)
    }

    @Test func dataChunkPastTheEnd() throws {
        var b = try Self.validWAV()
        Self.le32(&b, Self.dataOffset + 4, 1_048_576)
        let error = try open(b)
        #expect(error?.code == .truncated)
        #expect(error?.byteOffset == Int64(Self.dataOffset))
        #expect(error?.message == "the 'data' chunk says 1048576 bytes but only 400 remain in the file")
        // Cutting the file short gives the same kind of error.
        let cut = try open(Array(try Self.validWAV()[0..<300]))
        #expect(cut?.code == .truncated)
        #expect(cut?.message.contains("'data' chunk says 400 bytes but only 220 remain") == true)
    }

    @Test func otherChunkPastTheEnd() throws {
        var b = try Self.validWAV()
        Self.le32(&b, Self.fmtOffset + 4, 0x7FFF_0000)
        let error = try open(b)
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("'fmt ' chunk says") == true)
    }

    @Test func zeroChannels() throws {
        var b = try Self.validWAV()
        Self.le16(&b, Self.fmtOffset + 10, 0)
        let error = try open(b)
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("0 channels") == true)
    }

    @Test(arguments: [UInt32(0), 999, 768_001, 0xFFFF_FFFF])
    func absurdSampleRates(_ rate: UInt32) throws {
        var b = try Self.validWAV()
        Self.le32(&b, Self.fmtOffset + 12, rate)
        let error = try open(b)
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("1000…768000 Hz") == true)
        #expect(error?.message.contains("\(rate)") == true)
    }

    @Test(arguments: [UInt16(0), 33, 48, 0xFFFF])
    func absurdBitDepths(_ bits: UInt16) throws {
        var b = try Self.validWAV()
        Self.le16(&b, Self.fmtOffset + 22, bits)
        let error = try open(b)
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("bit depth \(bits)") == true)
    }

    @Test func inconsistentBlockAlign() throws {
        var b = try Self.validWAV()
        Self.le16(&b, Self.fmtOffset + 20, 3)
        let error = try open(b)
        #expect(error?.code == .malformed)
        #expect(error?.message == "the block align 3 is inconsistent with 2 channels × 2 bytes per sample")
    }

    @Test(arguments: [
        (UInt16(0x0055), "MP3-in-WAV (format tag 0x0055) is not supported; convert to PCM WAV"),
        (0x0002, "Microsoft ADPCM (format tag 0x0002)"), (0x0011, "IMA ADPCM (format tag 0x0011)"),
        (0x0006, "A-law"), (0x0007, "µ-law"), (0x1234, "format tag 0x1234"),
    ])
    func unsupportedCodecs(_ tag: UInt16, _ text: String) throws {
        var b = try Self.validWAV()
        Self.le16(&b, Self.fmtOffset + 8, tag)
        let error = try open(b)
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains(text) == true)
    }

    @Test func missingFmtOrData() throws {
        var noFmt = try Self.validWAV()
        noFmt.replaceSubrange(Self.fmtOffset..<Self.fmtOffset + 4, with: Array("xxxx".utf8))
        #expect(try open(noFmt)?.message.contains("no 'fmt ' chunk") == true)
        var noData = try Self.validWAV()
        noData.replaceSubrange(Self.dataOffset..<Self.dataOffset + 4, with: Array("xxxx".utf8))
        let e = try open(noData)
        #expect(e?.code == .malformed)
        #expect(e?.message.contains("no 'data' chunk") == true)
    }

    @Test func unknownChunksWithOddSizesAreSkipped() throws {
        let b = try Self.validWAV(frames: 5)
        // Insert an odd-sized unknown chunk (plus pad byte) before 'data'.
        var c = Array(b[0..<Self.dataOffset])
        c += Array("abcd".utf8) + [3, 0, 0, 0, 1, 2, 3, 0]
        c += b[Self.dataOffset...]
        Self.le32(&c, 4, UInt32(c.count - 8))
        let dir = try TempDir()
        try Support.writeBytes(c, to: dir.file("odd.wav"))
        let read = try AudioFile.read(path: dir.file("odd.wav"))
        #expect(read.buffer.frameCount == 5)
        #expect(read.buffer[0, 0] == -1)
    }

    @Test func aiffProblems() throws {
        var b = try Self.validAIFF()
        // FORM(12) COMM(8+18) SSND at 38.
        #expect(b.fourCC(12) == "COMM" && b.fourCC(38) == "SSND")
        b[20] = 0; b[21] = 0  // channels 0
        #expect(try open(b, name: "bad.aiff")?.message.contains("0 channels") == true)
        var frames = try Self.validAIFF()
        frames[22] = 0x10  // numSampleFrames huge
        let e = try open(frames, name: "bad.aiff")
        #expect(e?.code == .truncated)
        #expect(e?.message.contains("'SSND' chunk holds only 400 bytes") == true)
        var aifc = try Self.validAIFF()
        aifc.replaceSubrange(8..<12, with: Array("AIFC".utf8))
        // A 'COMM' of 18 bytes is too short for AIFF-C.
        #expect(try open(aifc, name: "bad.aifc")?.code == .malformed)
    }

    @Test func unsupportedAIFCCompression() throws {
        // Producer's AIFF-C header, with the compression type changed to 'ima4'.
        let dir = try TempDir()
        try AudioFile.write(
            Support.signal(channels: 1, frames: 10), to: dir.file("v.aifc"),
            format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16), container: .aifc))
        var b = try Support.bytes(dir.file("v.aifc"))
        let at = 12 + 12 + 8 + 18  // FORM, FVER, COMM header, COMM fields
        #expect(b.fourCC(at) == "NONE")
        b.replaceSubrange(at..<at + 4, with: Array("ima4".utf8))
        let e = try open(b, name: "bad.aifc")
        #expect(e?.code == .unsupported)
        #expect(e?.message.contains("'ima4'") == true)
    }

    @Test func readerNamesTruncationWhenFileShrinksAfterOpening() throws {
        let dir = try TempDir()
        let path = dir.file("shrink.wav")
        try Support.writeBytes(try Self.validWAV(frames: 1000), to: path)
        let reader = try AudioFileReader(path: path)
        try Support.writeBytes(Array(try Self.validWAV(frames: 1000)[0..<1000]), to: path)
        var block = AudioBuffer(channelCount: 2, frameCapacity: 4096)
        let e = #expect(throws: AudioFileError.self) { try reader.read(into: &block) }
        #expect(e?.code == .truncated)
        #expect(e?.message.contains("of the 1000 frames") == true)
    }
}
