import Foundation
import Testing
@testable import ProducerAudio

@Suite struct MetadataTests {
    static let bext = BroadcastExtension(
        description: "Take 12, room mic — hall", originator: "Producer", originatorReference: "PRD-0001-XYZ",
        originationDate: "2026-11-25", originationTime: "13:45:07", timeReference: 172_800_000_123,
        version: 2, umid: (0..<64).map { UInt8($0 * 3 & 0xFF) },
        loudnessValue: -2300, loudnessRange: 712, maxTruePeakLevel: -100, maxMomentaryLoudness: nil,
        maxShortTermLoudness: -1850, codingHistory: "A=PCM,F=48000,W=24,M=stereo,T=producer\r\n")
    static let ixml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><BWFXML><PROJECT>Ünïcode</PROJECT></BWFXML>"

    @Test(arguments: [AudioContainer.wav, .rf64, .bw64])
    func bextAndIXMLRoundTrip(_ container: AudioContainer) throws {
        let dir = try TempDir()
        let path = dir.file("m.wav")
        let metadata = AudioMetadata(broadcast: Self.bext, iXML: Self.ixml)
        let format = AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 24), container: container)
        try AudioFile.write(Support.signal(channels: 2, frames: 100), to: path, format: format, metadata: metadata)
        let read = try AudioFile.read(path: path)
        #expect(read.metadata == metadata)
        #expect(read.buffer.frameCount == 100)
        // And through a second write: read → write → read keeps everything.
        try AudioFile.write(read.buffer, to: dir.file("m2.wav"), format: read.format, metadata: read.metadata)
        #expect(try AudioFile.read(path: dir.file("m2.wav")).metadata == metadata)
    }

    @Test func versionOneBextHasNoLoudness() throws {
        let v1 = BroadcastExtension(description: "old", version: 1)
        let body = v1.chunkBody
        #expect(body.count == 602)
        #expect(body[412..<422].allSatisfy { $0 == 0 }, "reserved bytes stay zero before version 2")
        let back = BroadcastExtension(chunk: body)
        #expect(back == v1)
        // Loudness forces version 2.
        let withLoudness = BroadcastExtension(version: 1, loudnessValue: -1600)
        #expect(BroadcastExtension(chunk: withLoudness.chunkBody).version == 2)
        #expect(BroadcastExtension(chunk: withLoudness.chunkBody).loudnessValue == -1600)
    }

    @Test func longTextIsCutAtCharacterBoundaries() {
        let b = BroadcastExtension(originator: String(repeating: "é", count: 40))
        let back = BroadcastExtension(chunk: b.chunkBody)
        #expect(back.originator == String(repeating: "é", count: 16))
    }

    @Test func shortBextChunkDoesNotCrash() {
        let b = BroadcastExtension(chunk: Array("hello".utf8))
        #expect(b.description == "hello")
        #expect(b.umid.count == 64)
    }

    @Test(.enabled(if: Support.hasFFmpeg, "ffprobe is not on PATH; skipping the ffprobe bext check"))
    func ffprobeSeesBext() throws {
        let dir = try TempDir()
        let path = dir.file("b.wav")
        try AudioFile.write(
            Support.signal(channels: 1, frames: 480), to: path,
            format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16)),
            metadata: AudioMetadata(
                broadcast: BroadcastExtension(
                    description: "Producer bext test", originator: "ProducerTests", timeReference: 123_456_789)))
        let out = try Support.run("ffprobe", ["-v", "error", "-show_format", path])
        #expect(out.status == 0)
        // ffmpeg maps bext Description to "comment" and Originator to "encoded_by".
        #expect(out.text.contains("TAG:comment=Producer bext test"))
        #expect(out.text.contains("TAG:encoded_by=ProducerTests"))
        #expect(out.text.contains("TAG:time_reference=123456789"))
    }

    @Test func aiffIgnoresMetadata() throws {
        let dir = try TempDir()
        try AudioFile.write(
            Support.signal(channels: 1, frames: 10), to: dir.file("a.aiff"),
            format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16), container: .aiff),
            metadata: AudioMetadata(iXML: "<x/>"))
        #expect(try AudioFile.read(path: dir.file("a.aiff")).metadata == AudioMetadata())
    }
}
