import Foundation
import Testing
@testable import ProducerAudio

/// One format Producer writes, for parameterized tests.
struct WriteCase: Sendable, CustomStringConvertible {
    var name: String
    var format: AudioFormat
    var ext: String
    var description: String { name }

    static let all: [WriteCase] = [
        WriteCase(
            name: "wav-u8", format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 8)), ext: "wav"),
        WriteCase(
            name: "wav-s16", format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16)), ext: "wav"
        ),
        WriteCase(
            name: "wav-s24", format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 24)), ext: "wav"
        ),
        WriteCase(
            name: "wav-s32", format: .init(sampleRate: 44100, channelCount: 1, encoding: .integer(bits: 32)), ext: "wav"
        ),
        WriteCase(
            name: "wav-f32", format: .init(sampleRate: 48000, channelCount: 2, encoding: .float(bits: 32)), ext: "wav"),
        WriteCase(
            name: "wav-f64", format: .init(sampleRate: 96000, channelCount: 1, encoding: .float(bits: 64)), ext: "wav"),
        WriteCase(
            name: "wav-s24-6ch",
            format: .init(sampleRate: 48000, channelCount: 6, encoding: .integer(bits: 24), channelMask: 0x3F),
            ext: "wav"),
        WriteCase(
            name: "wav-s16-mask",
            format: .init(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16), channelMask: 0x4),
            ext: "wav"),
        WriteCase(
            name: "rf64-s24",
            format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 24), container: .rf64),
            ext: "wav"),
        WriteCase(
            name: "rf64-f32",
            format: .init(sampleRate: 48000, channelCount: 3, encoding: .float(bits: 32), container: .rf64), ext: "wav"),
        WriteCase(
            name: "bw64-s16",
            format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16), container: .bw64),
            ext: "wav"),
        WriteCase(
            name: "aiff-s8",
            format: .init(sampleRate: 22050, channelCount: 1, encoding: .integer(bits: 8), container: .aiff),
            ext: "aiff"),
        WriteCase(
            name: "aiff-s16",
            format: .init(sampleRate: 44100, channelCount: 2, encoding: .integer(bits: 16), container: .aiff),
            ext: "aiff"),
        WriteCase(
            name: "aiff-s24",
            format: .init(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 24), container: .aiff),
            ext: "aiff"),
        WriteCase(
            name: "aiff-s32",
            format: .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 32), container: .aiff),
            ext: "aiff"),
        WriteCase(
            name: "aifc-s16",
            format: .init(sampleRate: 44100, channelCount: 2, encoding: .integer(bits: 16), container: .aifc),
            ext: "aifc"),
        WriteCase(
            name: "aifc-s24",
            format: .init(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 24), container: .aifc),
            ext: "aifc"),
        WriteCase(
            name: "aifc-fl32",
            format: .init(sampleRate: 48000, channelCount: 2, encoding: .float(bits: 32), container: .aifc), ext: "aifc"
        ),
        WriteCase(
            name: "aifc-fl64",
            format: .init(sampleRate: 11025, channelCount: 1, encoding: .float(bits: 64), container: .aifc), ext: "aifc"
        ),
    ]

    var isFloat: Bool { if case .float = format.encoding { return true } else { return false } }
    var bits: Int { format.encoding.bitsPerSample }

    /// The test signal for this case (odd length so pad bytes are exercised).
    var signal: AudioBuffer {
        Support.signal(channels: format.channelCount, frames: 4801, bits: isFloat ? nil : bits, rate: format.sampleRate)
    }

    /// What reading back must give for `x` written without dither.
    func expected(_ x: Float) -> Float {
        if isFloat { return x }
        let scale = Double(sign: .plus, exponent: bits - 1, significand: 1)
        let q = SampleConversion.quantize(Double(x) * scale, -scale, scale - 1)
        return Float(q) * Float(1 / scale)
    }
}

@Suite struct RoundTripTests {
    @Test(arguments: WriteCase.all)
    func roundTripIsExact(_ c: WriteCase) throws {
        let dir = try TempDir()
        let path = dir.file("x.\(c.ext)")
        let signal = c.signal
        try AudioFile.write(signal, to: path, format: c.format, dither: false)
        let (buffer, format, _) = try AudioFile.read(path: path)
        #expect(format.sampleRate == c.format.sampleRate)
        #expect(format.channelCount == c.format.channelCount)
        #expect(format.encoding == c.format.encoding)
        #expect(format.container == c.format.container)
        if let mask = c.format.channelMask { #expect(format.channelMask == mask) }
        #expect(buffer.frameCount == signal.frameCount)
        var mismatches = 0
        for ch in 0..<signal.channelCount {
            for f in 0..<signal.frameCount where buffer[ch, f] != c.expected(signal[ch, f]) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // -1.0 and the largest positive code survive exactly.
        #expect(buffer[0, 0] == -1.0)
        if !c.isFloat {
            #expect(Double(buffer[0, 1]) == Double(Float(Double((1 << (c.bits - 1)) - 1) / Double(1 << (c.bits - 1)))))
        }
        #expect(dir.contents() == ["x.\(c.ext)"], "no temporary file left behind")
    }

    @Test func wavBecomesRF64PastTheThreshold() throws {
        let dir = try TempDir()
        let path = dir.file("big.wav")
        let format = AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 24))
        let writer = try AudioFileWriter(path: path, format: format, dither: false)
        writer.rf64Threshold = 1000
        let signal = Support.signal(channels: 2, frames: 1001, bits: 24)
        try writer.write(signal)
        try writer.finish()
        let bytes = try Support.bytes(path)
        #expect(Array(bytes[0..<4]) == Array("RF64".utf8))
        #expect(Array(bytes[12..<16]) == Array("ds64".utf8))
        let reader = try AudioFileReader(path: path)
        #expect(reader.format.container == .rf64)
        #expect(reader.frameCount == 1001)
        var b = AudioBuffer(channelCount: 2, frameCapacity: 2000)
        _ = try reader.read(into: &b)
        #expect(b.channel(1) == signal.channel(1).map { WriteCase(name: "", format: format, ext: "").expected($0) })
    }

    @Test func smallWAVKeepsJunkChunk() throws {
        let dir = try TempDir()
        let path = dir.file("small.wav")
        let format = AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16))
        try AudioFile.write(Support.signal(channels: 1, frames: 10), to: path, format: format)
        let bytes = try Support.bytes(path)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8))
        #expect(Array(bytes[12..<16]) == Array("JUNK".utf8))
        #expect(bytes.le32(4) == UInt32(bytes.count - 8))
    }

    @Test func writerStreamsInBlocksLikeOneWrite() throws {
        let dir = try TempDir()
        let format = AudioFormat(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16))
        let signal = Support.signal(channels: 2, frames: 100_000)
        try AudioFile.write(signal, to: dir.file("one.wav"), format: format)
        let writer = try AudioFileWriter(path: dir.file("blocks.wav"), format: format)
        var start = 0
        while start < signal.frameCount {
            let n = min(777, signal.frameCount - start)
            var block = AudioBuffer(channelCount: 2, frameCapacity: 1000, frameCount: n)
            for c in 0..<2 { for f in 0..<n { block[c, f] = signal[c, start + f] } }
            try writer.write(block)
            start += n
        }
        try writer.finish()
        // Dither is deterministic: the same input gives the same bytes, however it is split.
        #expect(try Support.bytes(dir.file("one.wav")) == Support.bytes(dir.file("blocks.wav")))
    }

    @Test func unfinishedWriterRemovesItsTemporaryFile() throws {
        let dir = try TempDir()
        do {
            let writer = try AudioFileWriter(
                path: dir.file("never.wav"),
                format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16)))
            try writer.write(Support.signal(channels: 1, frames: 100))
            #expect(dir.contents().count == 1)
            #expect(dir.contents().first?.hasPrefix(".never.wav.partial-") == true)
        }
        #expect(dir.contents().isEmpty)
    }

    @Test func writerRejectsFormatsItCannotWrite() throws {
        let dir = try TempDir()
        let bad: [AudioFormat] = [
            .init(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 12)),
            .init(sampleRate: 48000, channelCount: 1, encoding: .float(bits: 16)),
            .init(sampleRate: 48000, channelCount: 1, encoding: .float(bits: 32), container: .aiff),
            .init(sampleRate: 48000, channelCount: 0, encoding: .integer(bits: 16)),
            .init(sampleRate: 10, channelCount: 1, encoding: .integer(bits: 16)),
            .init(sampleRate: 44100.5, channelCount: 1, encoding: .integer(bits: 16)),
        ]
        for format in bad {
            let error = #expect(throws: AudioFileError.self) {
                try AudioFileWriter(path: dir.file("x.wav"), format: format)
            }
            #expect(error?.code == .unsupported)
            #expect(error?.description.contains("x.wav") == true)
        }
        #expect(dir.contents().isEmpty)
        let missingDir = #expect(throws: AudioFileError.self) {
            try AudioFileWriter(
                path: dir.file("no/such/dir/x.wav"),
                format: .init(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16)))
        }
        #expect(missingDir?.code == .writeFailed)
    }

    @Test func nonIntegralAIFFRateRoundTrips() throws {
        let dir = try TempDir()
        let format = AudioFormat(sampleRate: 44100.5, channelCount: 1, encoding: .integer(bits: 16), container: .aiff)
        try AudioFile.write(Support.signal(channels: 1, frames: 8), to: dir.file("r.aiff"), format: format)
        #expect(try AudioFile.read(path: dir.file("r.aiff")).format.sampleRate == 44100.5)
    }

    @Test func extended80() {
        for rate in [8000.0, 11025, 22050, 44100, 48000, 88200, 96000, 192000, 768000, 44100.5, 1000] {
            #expect(Extended80.decode(Extended80.encode(rate), at: 0) == rate)
        }
        // 44100 Hz as Apple writes it.
        #expect(Extended80.encode(44100) == [0x40, 0x0E, 0xAC, 0x44, 0, 0, 0, 0, 0, 0])
    }
}
