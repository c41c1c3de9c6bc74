import Foundation
import Testing
@testable import ProducerAudio

@Suite struct StreamingTests {
    @Test func blockReadsMatchWholeFileAndSeekWorks() throws {
        let dir = try TempDir()
        let path = dir.file("s.wav")
        let format = AudioFormat(sampleRate: 48000, channelCount: 3, encoding: .integer(bits: 24))
        try AudioFile.write(Support.signal(channels: 3, frames: 50_000), to: path, format: format)
        let whole = try AudioFile.read(path: path).buffer
        let reader = try AudioFileReader(path: path)
        #expect(reader.frameCount == 50_000)
        var block = AudioBuffer(channelCount: 3, frameCapacity: 7919)  // more frames than the scratch holds
        var frame = 0
        while case let n = try reader.read(into: &block), n > 0 {
            #expect(block.frameCount == n)
            for c in 0..<3 {
                for f in 0..<n where block[c, f] != whole[c, frame + f] { Issue.record("frame \(frame + f)"); return }
            }
            frame += n
        }
        #expect(frame == 50_000)
        #expect(try reader.read(into: &block) == 0)
        try reader.seek(toFrame: 12_345)
        #expect(try reader.read(into: &block) == 7919)
        #expect(block[2, 0] == whole[2, 12_345])
        try reader.seek(toFrame: 49_990)
        #expect(try reader.read(into: &block) == 10)
        try reader.seek(toFrame: 1_000_000)
        #expect(try reader.read(into: &block) == 0)
    }

    @Test func sniffsContentNotExtension() throws {
        let dir = try TempDir()
        try AudioFile.write(
            Support.signal(channels: 1, frames: 10), to: dir.file("really-aiff.wav"),
            format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16), container: .aiff))
        #expect(try AudioFileReader(path: dir.file("really-aiff.wav")).format.container == .aiff)
    }

    @Test func emptyAudioIsFine() throws {
        let dir = try TempDir()
        for container in [AudioContainer.wav, .aiff] {
            let path = dir.file("e")
            try AudioFile.write(
                AudioBuffer(channelCount: 2, frameCapacity: 0), to: path,
                format: AudioFormat(
                    sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16), container: container))
            let r = try AudioFile.read(path: path)
            #expect(r.buffer.frameCount == 0)
        }
    }
}
