import Foundation
import Testing
@testable import ProducerAudio

/// Fuzz-like: thousands of damaged headers and truncations never crash; each opens and reads
/// fully or throws an AudioFileError. Uses the in-memory reader, so it is fast.
@Suite struct MutationTests {
    static func readAll(_ bytes: [UInt8]) -> Bool {
        do {
            let reader = try AudioFileReader(bytes: bytes, name: "mutant")
            var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 64)
            var total: Int64 = 0
            while case let n = try reader.read(into: &block), n > 0 { total += Int64(n) }
            #expect(total == reader.frameCount)
            return true
        } catch is AudioFileError {
            return false
        } catch {
            Issue.record("unexpected error type: \(error)")
            return false
        }
    }

    static func seeds() throws -> [[UInt8]] {
        let dir = try TempDir()
        var out: [[UInt8]] = []
        let formats: [AudioFormat] = [
            .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16)),
            .init(sampleRate: 48000, channelCount: 3, encoding: .integer(bits: 24), container: .rf64),
            .init(sampleRate: 44100, channelCount: 1, encoding: .float(bits: 32)),
            .init(sampleRate: 44100, channelCount: 2, encoding: .integer(bits: 16), container: .aiff),
            .init(sampleRate: 44100, channelCount: 1, encoding: .float(bits: 64), container: .aifc),
        ]
        for (i, f) in formats.enumerated() {
            let p = dir.file("s\(i)")
            try AudioFile.write(Support.signal(channels: f.channelCount, frames: 33), to: p, format: f,
                                metadata: i == 0 ? AudioMetadata(broadcast: BroadcastExtension(description: "x"), iXML: "<a/>") : AudioMetadata())
            out.append(try Support.bytes(p))
        }
        return out
    }

    @Test func truncationsAtEveryLength() throws {
        for seed in try Self.seeds() {
            #expect(Self.readAll(seed), "the unmodified seed reads")
            for length in 0..<seed.count { _ = Self.readAll(Array(seed[0..<length])) }
        }
    }

    @Test func mutatedHeaders() throws {
        var rng = SystemRandomNumberGenerator()
        var opened = 0, rejected = 0
        for seed in try Self.seeds() {
            let headerEnd = min(seed.count, 700)
            for _ in 0..<2000 {
                var m = seed
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<headerEnd, using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: m[i] = UInt8.random(in: 0...255, using: &rng)
                    case 1: m[i] = 0xFF
                    case 2: m[i] = 0
                    default: m[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                    }
                }
                if Bool.random(using: &rng) { m = Array(m[0..<Int.random(in: 0...m.count, using: &rng)]) }
                if Self.readAll(m) { opened += 1 } else { rejected += 1 }
            }
        }
        #expect(opened + rejected == 10_000)
        #expect(opened > 0 && rejected > 0)
    }
}
