import Testing
@testable import ProducerAudio

/// The integer encoders against their definition: scale, add dither, round to nearest with ties
/// away from zero, clamp, store little-endian — sample by sample, written out in the test.
@Suite struct EncodingTests {
    @Test func quantizeRoundsHalfAwayFromZeroAndClamps() {
        let lo = -8_388_608.0, hi = 8_388_607.0
        var values: [Double] = [
            0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            hi - 0.5, hi - 0.4, hi, hi + 0.5, lo + 0.5, lo + 0.6, lo, lo - 0.5, 1e300, -1e300,
            .infinity, -.infinity, .nan, 12345.5, -12345.5, 1e-300,
        ]
        var seed: UInt64 = 7
        for _ in 0..<100_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append((Double(seed >> 11) / Double(1 << 53) * 2 - 1) * 9_000_000)
            values.append(Double(Int64(seed >> 40) - (1 << 23)) + 0.5)  // exact ties
        }
        for x in values {
            let expected: Int32 = x.isNaN ? 0 : Int32(min(max(x.rounded(), lo), hi))
            #expect(SampleConversion.quantize(x, lo, hi) == expected, "x = \(x)")
        }
        #expect(SampleConversion.quantize(0x1p31, -0x1p31, 0x1p31 - 1) == Int32.max)
        #expect(SampleConversion.quantize(-0x1p31 - 7, -0x1p31, 0x1p31 - 1) == Int32.min)
    }

    @Test(arguments: [1, 2], [true, false])
    func twentyFourBitFramesMatchTheDefinition(channels: Int, dithered: Bool) {
        for frames in [1, 2, 3, 1000] {
            let stride = frames + 5, offset = 3
            var samples = [Float](repeating: 0, count: channels * stride)
            var seed: UInt64 = 99
            for i in samples.indices {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                samples[i] = Float(Double(seed >> 11) / Double(1 << 53) * 2.4 - 1.2)  // past full scale too
            }
            samples[offset] = .nan
            var dither = dithered ? (0..<channels).map { TPDFDither(channel: $0) } : []
            var reference = dither
            let blockAlign = 3 * channels
            var bytes = [UInt8](repeating: 0xAA, count: frames * blockAlign + 4)
            samples.withUnsafeBufferPointer { src in
                bytes.withUnsafeMutableBytes { dst in
                    SampleConversion.encode(
                        src, stride: stride, offset: offset, frames: frames, channels: channels,
                        layout: SampleLayout(kind: .int24, bigEndian: false),
                        dither: &dither, into: dst)
                }
            }
            var expected = [UInt8]()
            for f in 0..<frames {
                for c in 0..<channels {
                    var x = Double(samples[c * stride + offset + f]) * 8_388_608
                    if dithered { x += reference[c].next() }
                    let v = x.isNaN ? 0 : Int32(min(max(x.rounded(), -8_388_608), 8_388_607))
                    let u = UInt32(bitPattern: v)
                    expected += [UInt8(u & 0xFF), UInt8((u >> 8) & 0xFF), UInt8((u >> 16) & 0xFF)]
                }
            }
            #expect(Array(bytes[0..<(frames * blockAlign)]) == expected, "\(frames) frames")
            #expect(bytes[(frames * blockAlign)...].allSatisfy { $0 == 0xAA }, "nothing written past the end")
            if dithered {
                for c in 0..<channels { #expect(dither[c].next() == reference[c].next()) }
            }
        }
    }
}
