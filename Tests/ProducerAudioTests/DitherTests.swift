import Foundation
import Testing
@testable import ProducerAudio

@Suite struct DitherTests {
    /// A -100 dBFS 1 kHz sine, one second at 48 kHz.
    static func quietSine() -> AudioBuffer {
        let amplitude = pow(10, -100.0 / 20)
        let n = 48000
        return AudioBuffer(channels: [(0..<n).map { Float(amplitude * sin(2 * .pi * 1000 * Double($0) / 48000)) }])
    }

    static func write16(_ signal: AudioBuffer, dither: Bool, in dir: TempDir, name: String) throws -> AudioBuffer {
        let path = dir.file(name)
        try AudioFile.write(
            signal, to: path, format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: .integer(bits: 16)),
            dither: dither)
        return try AudioFile.read(path: path).buffer
    }

    @Test func tpdfDitherHasTheExpectedNoise() throws {
        let dir = try TempDir()
        let input = Self.quietSine()
        let output = try Self.write16(input, dither: true, in: dir, name: "d.wav")
        // Error in LSB: TPDF dither (variance 1/6) plus rounding (1/12) gives variance 1/4, RMS 0.5 LSB.
        var sum = 0.0, sumSquares = 0.0
        for f in 0..<input.frameCount {
            let e = (Double(output[0, f]) - Double(input[0, f])) * 32768
            sum += e
            sumSquares += e * e
            #expect(abs(e) <= 1.5, "TPDF dither plus rounding stays within ±1.5 LSB")
        }
        let n = Double(input.frameCount)
        let rms = (sumSquares / n).squareRoot()
        #expect(abs(rms - 0.5) < 0.02, "error RMS \(rms) LSB, expected 0.5")
        #expect(abs(sum / n) < 0.01, "the dither has no DC offset")
        #expect(output.channel(0).contains { $0 != 0 }, "the quiet sine survives as dithered codes")
    }

    @Test func tpdfGeneratorStatistics() {
        var d = TPDFDither()
        var sum = 0.0, sumSquares = 0.0, lo = 0.0, hi = 0.0
        let n = 1_000_000
        for _ in 0..<n {
            let v = d.next()
            sum += v; sumSquares += v * v
            lo = min(lo, v); hi = max(hi, v)
        }
        #expect(abs(sum / Double(n)) < 0.002)
        #expect(abs(sumSquares / Double(n) - 1.0 / 6) < 0.002, "variance LSB²/6")
        #expect(lo >= -1 && hi < 1)
    }

    @Test func withoutDitherRoundingIsExact() throws {
        let dir = try TempDir()
        let input = Self.quietSine()
        let output = try Self.write16(input, dither: false, in: dir, name: "n.wav")
        // 0.33 LSB peak rounds to zero everywhere.
        #expect(output.channel(0).allSatisfy { $0 == 0 })
        // A louder signal: each sample is exactly the nearest code.
        let loud = Support.signal(channels: 1, frames: 48000)
        let back = try Self.write16(loud, dither: false, in: dir, name: "l.wav")
        for f in 0..<loud.frameCount {
            let expected = min(max((Double(loud[0, f]) * 32768).rounded(), -32768), 32767) / 32768
            #expect(Double(back[0, f]) == expected)
        }
    }

    @Test func ditherIsReproducibleAndNeverAppliedToFloatOr32Bit() throws {
        let dir = try TempDir()
        let input = Self.quietSine()
        _ = try Self.write16(input, dither: true, in: dir, name: "a.wav")
        _ = try Self.write16(input, dither: true, in: dir, name: "b.wav")
        #expect(try Support.bytes(dir.file("a.wav")) == Support.bytes(dir.file("b.wav")))
        for encoding in [SampleEncoding.float(bits: 32), .integer(bits: 32)] {
            let path = dir.file("f.wav")
            try AudioFile.write(
                input, to: path, format: AudioFormat(sampleRate: 48000, channelCount: 1, encoding: encoding),
                dither: true)
            let back = try AudioFile.read(path: path).buffer
            for f in stride(from: 0, to: input.frameCount, by: 7) {
                let exact: Float =
                    encoding == .float(bits: 32)
                    ? input[0, f]
                    : Float(SampleConversion.quantize(Double(input[0, f]) * 0x1p31, -0x1p31, 0x1p31 - 1)) * 0x1p-31
                #expect(back[0, f] == exact)
            }
        }
    }

    @Test func clampsAndHandlesNaN() throws {
        let dir = try TempDir()
        let input = AudioBuffer(channels: [[2.0, -3.0, .infinity, -.infinity, .nan, 1.0]])
        let back = try Self.write16(input, dither: false, in: dir, name: "c.wav")
        let top: Float = 32767.0 / 32768
        let expected: [Float] = [top, -1, top, -1, 0, top]
        #expect(back.channel(0) == expected)
    }
}
