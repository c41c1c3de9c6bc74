import Foundation
import ProducerTestSupport
import Testing

@testable import ProducerAudio

/// Fuzz-like: thousands of damaged headers and truncations never crash; each opens and reads
/// fully or throws an AudioFileError. Uses the in-memory reader, so it is fast.
///
/// The mutations are drawn from a seeded generator: the seed is printed, and
/// `PRODUCER_TEST_SEED=N swift test --filter MutationTests` replays a failing run.
@Suite struct MutationTests {
    /// What reading a file gave: its format, frame count and samples (as bit patterns, so that a
    /// NaN read from damaged float samples equals itself), or nil when it was refused.
    struct Reading: Equatable {
        var format: AudioFormat
        var frameCount: Int64
        var samples: [UInt32]
    }

    static func read(_ bytes: [UInt8]) -> Reading? {
        do {
            let reader = try AudioFileReader(bytes: bytes, name: "mutant")
            var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 64)
            var samples: [UInt32] = []
            var total: Int64 = 0
            while case let n = try reader.read(into: &block), n > 0 {
                total += Int64(n)
                samples += Support.interleaved(block).map(\.bitPattern)
            }
            #expect(total == reader.frameCount, "reads as many frames as it says it has")
            return Reading(format: reader.format, frameCount: reader.frameCount, samples: samples)
        } catch is AudioFileError {
            return nil
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    /// A file written by Producer, with where its samples start, found by walking its chunks
    /// here (not by the reader under test).
    struct Seed {
        var bytes: [UInt8]
        var dataStart: Int
        var blockAlign: Int
        var reading: Reading
    }

    static func seeds() throws -> [Seed] {
        let dir = try TempDir()
        var out: [Seed] = []
        let formats: [AudioFormat] = [
            .init(sampleRate: 48000, channelCount: 2, encoding: .integer(bits: 16)),
            .init(sampleRate: 48000, channelCount: 3, encoding: .integer(bits: 24), container: .rf64),
            .init(sampleRate: 44100, channelCount: 1, encoding: .float(bits: 32)),
            .init(sampleRate: 44100, channelCount: 2, encoding: .integer(bits: 16), container: .aiff),
            .init(sampleRate: 44100, channelCount: 1, encoding: .float(bits: 64), container: .aifc),
        ]
        for (i, f) in formats.enumerated() {
            let p = dir.file("s\(i)")
            try AudioFile.write(
                Support.signal(channels: f.channelCount, frames: 33), to: p, format: f,
                metadata: i == 0
                    ? AudioMetadata(broadcast: BroadcastExtension(description: "x"), iXML: "<a/>") : AudioMetadata())
            let bytes = try Support.bytes(p)
            let reading = try #require(read(bytes), "the unmodified seed \(i) reads")
            let bytesPerSample: Int
            switch f.encoding {
            case .integer(let bits), .float(let bits): bytesPerSample = bits / 8
            }
            let dataStart = try #require(samplesStart(bytes), "seed \(i) has a data chunk")
            #expect(dataStart + 33 * f.channelCount * bytesPerSample <= bytes.count)
            out.append(
                Seed(bytes: bytes, dataStart: dataStart, blockAlign: f.channelCount * bytesPerSample, reading: reading))
        }
        return out
    }

    /// The offset of the first sample byte: after the `data` chunk's header (RIFF, RF64, BW64),
    /// or after the `SSND` chunk's header, offset and block size (AIFF, AIFF-C).
    static func samplesStart(_ b: [UInt8]) -> Int? {
        guard b.count >= 12 else { return nil }
        let aiff = b[0..<4].elementsEqual("FORM".utf8)
        var at = 12
        while at + 8 <= b.count {
            let id = String(decoding: b[at..<at + 4], as: UTF8.self)
            let s = b[at + 4..<at + 8].map(UInt32.init)
            let size = Int(
                aiff ? s[0] << 24 | s[1] << 16 | s[2] << 8 | s[3] : s[3] << 24 | s[2] << 16 | s[1] << 8 | s[0])
            if !aiff && id == "data" { return at + 8 }
            if aiff && id == "SSND" {
                guard at + 16 <= b.count else { return nil }
                let o = b[at + 8..<at + 12].map(Int.init)
                return at + 16 + (o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3])
            }
            at += 8 + size + (size & 1)
        }
        return nil
    }

    static let magics = ["RIFF", "RF64", "BW64", "FORM"].map { Array($0.utf8) }

    @Test func truncationsAtEveryLength() throws {
        for (k, seed) in try Self.seeds().enumerated() {
            #expect(Self.read(seed.bytes) == seed.reading, "seed \(k) reads the same twice")
            for length in 0..<seed.bytes.count {
                let reading = Self.read(Array(seed.bytes[0..<length]))
                if length < seed.dataStart {
                    // Cut before the first sample: no file to read.
                    #expect(
                        reading == nil,
                        "seed \(k) cut to \(length) bytes, before its samples at \(seed.dataStart), is refused")
                } else if let reading {
                    // Cut among the samples: if it reads, it reads the whole frames that are there, as they were.
                    let frames = (length - seed.dataStart) / seed.blockAlign
                    #expect(reading.format == seed.reading.format, "seed \(k) cut to \(length)")
                    #expect(reading.frameCount <= Int64(frames), "seed \(k) cut to \(length): no frame past the end")
                    #expect(
                        reading.samples == Array(seed.reading.samples.prefix(reading.samples.count)),
                        "seed \(k) cut to \(length)")
                }
            }
        }
    }

    @Test func mutatedHeadersAndSamples() throws {
        let seedValue = SeededRandom.seed(for: "MutationTests.mutatedHeadersAndSamples", default: 20_261_206)
        var rng = SeededRandom(seed: seedValue)
        for (k, seed) in try Self.seeds().enumerated() {
            // The header, and the first samples (the seed with `bext` and `iXML` has them past 700 bytes).
            let headerEnd = min(seed.bytes.count, max(700, seed.dataStart + 64))
            var opened = 0, rejected = 0, samplesOnly = 0
            for trial in 0..<2000 {
                var m = seed.bytes
                var touched: [Int] = []
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<headerEnd, using: &rng)
                    touched.append(i)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: m[i] = UInt8.random(in: 0...255, using: &rng)
                    case 1: m[i] = 0xFF
                    case 2: m[i] = 0
                    default: m[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                    }
                }
                var truncated = false
                if Bool.random(using: &rng) {
                    m = Array(m[0..<Int.random(in: 0...m.count, using: &rng)])
                    truncated = true
                }
                let place = "seed \(k), mutant \(trial) (PRODUCER_TEST_SEED=\(seedValue))"
                let reading = Self.read(m)
                if reading != nil { opened += 1 } else { rejected += 1 }
                // The same bytes read the same way twice.
                #expect(Self.read(m) == reading, "\(place) reads the same twice")
                // A file that does not start with a magic the reader knows is refused.
                if !Self.magics.contains(Array(m.prefix(4))) {
                    #expect(reading == nil, "\(place): no RIFF, RF64, BW64 or FORM, yet it opened")
                }
                // Cut before its first sample: refused, or (AIFF, whose frame count was damaged to 0,
                // may leave out its SSND chunk) read as empty.
                if m.count < seed.dataStart {
                    #expect(
                        reading == nil || reading?.frameCount == 0,
                        "\(place): cut to \(m.count) bytes, before its samples, yet it opened with frames")
                }
                // Only sample bytes changed: it opens as the seed did, and only the frames touched differ.
                if !truncated, touched.allSatisfy({ $0 >= seed.dataStart }) {
                    samplesOnly += 1
                    let changed = Set(touched.map { ($0 - seed.dataStart) / seed.blockAlign })
                    guard let reading else {
                        Issue.record("\(place): only samples changed, yet it was refused")
                        continue
                    }
                    #expect(
                        reading.format == seed.reading.format && reading.frameCount == seed.reading.frameCount,
                        "\(place)")
                    let channels = seed.reading.format.channelCount
                    for frame in 0..<Int(seed.reading.frameCount) where !changed.contains(frame) {
                        let range = frame * channels..<(frame + 1) * channels
                        if reading.samples[range] != seed.reading.samples[range] {
                            Issue.record(
                                "\(place): frame \(frame) differs, though only frames \(changed.sorted()) were changed")
                            break
                        }
                    }
                }
            }
            // Each seed's mutants include some that open and some that are refused, and some
            // that touch only samples.
            #expect(opened > 0 && rejected > 0, "seed \(k): \(opened) opened, \(rejected) refused")
            #expect(samplesOnly > 0, "seed \(k): no mutant touched only samples")
        }
    }
}
