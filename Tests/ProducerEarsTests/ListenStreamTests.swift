import Foundation
import ProducerTestSupport
import Testing

@testable import ProducerEars

/// `listen` works on a take while it is read: the report does not depend on how the take is cut
/// into blocks, and a long take keeps only the audio still needed.
@Suite("Listening while the take is read")
struct ListenStreamTests {
    /// The report of `samples` fed to a listening stream in blocks of `blockSize`, as JSON.
    static func report(_ samples: [Float], options: ListenOptions, blockSize: Int) throws -> Data {
        var stream = Listener.Stream(Listener(options: options), name: "take", sampleRate: 44_100)
        forEachBlock(of: samples, size: blockSize) { stream.consume($0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(stream.finish())
    }

    /// Noise bursts with a sharp attack every 0.3 s from 0.15 s on (a hi-hat or snare part), every
    /// fourth one louder.
    static func hits(seconds: Double) -> [Float] {
        var seed: UInt32 = 7
        return (0..<Int(seconds * 44_100)).map { i in
            seed = seed &* 1_664_525 &+ 1_013_904_223
            let j = i - 6_615
            guard j >= 0 else { return 0 }
            let t = Double(j % 13_230) / 44_100, loud = (j / 13_230) % 4 == 0
            return Float(Double(Int32(bitPattern: seed)) / Double(Int32.max) * exp(-t * 30) * (loud ? 0.8 : 0.3))
        }
    }

    @Test("A sung take gives the same report, to the last digit, whatever the block size")
    func sungTakeInBlocks() throws {
        let take = SungMaterial.sing(cents: [3: 30], late: [5: 0.04], vibrato: true)
        var options = ListenOptions(part: .vocal)
        options.includesFrames = true
        let whole = try Self.report(take, options: options, blockSize: take.count)
        let report = try JSONDecoder().decode(PerformanceReport.self, from: whole)
        #expect(report.notes.count == 16, "\(report.notes.count) notes")
        #expect(report.key == "A minor")
        for size in [997, 4_096, 65_536] {
            let cut = try Self.report(take, options: options, blockSize: size)
            #expect(cut == whole, "blocks of \(size) give another report")
        }
    }

    @Test("A drum take's hits, onsets and levels do not depend on the block size")
    func drumTakeInBlocks() throws {
        let take = Self.hits(seconds: 6)
        let options = ListenOptions(part: .drums)
        let whole = try Self.report(take, options: options, blockSize: take.count)
        let report = try JSONDecoder().decode(PerformanceReport.self, from: whole)
        #expect(report.notes.count == 20, "\(report.notes.count) hits")
        // Every fourth hit is 8.5 dB louder.
        let levels = report.notes.map(\.levelDecibels)
        for (i, level) in levels.enumerated() where i % 4 != 0 {
            let difference = levels[i - i % 4] - level
            #expect(abs(difference - 20 * log10(0.8 / 0.3)) < 0.5, "hit \(i): \(difference) dB quieter")
        }
        for size in [997, 4_096] {
            #expect(try Self.report(take, options: options, blockSize: size) == whole, "blocks of \(size)")
        }
    }

    @Test("A long take keeps only the last seconds of audio, not the take")
    func longTakeKeepsLittle() {
        let once = SungMaterial.sing()
        let take = Array([[Float]](repeating: once, count: 6).joined())  // about 80 s
        var stream = Listener.Stream(Listener(options: ListenOptions(part: .vocal)), name: "t", sampleRate: 44_100)
        var kept = 0
        forEachBlock(of: take, size: 16_384) { block in
            stream.consume(block)
            kept = max(kept, stream.retainedSamples)
        }
        let report = stream.finish()
        #expect(report.notes.count == 6 * 16, "\(report.notes.count) notes")
        let seconds = Double(kept) / 44_100
        #expect(seconds < 10, "kept \(seconds) s of an \(take.count / 44_100) s take")
    }
}
