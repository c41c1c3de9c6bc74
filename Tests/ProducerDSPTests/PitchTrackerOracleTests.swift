import Foundation
import Testing
import ProducerDSP
import ProducerTestSupport

/// The pitch tracker against its oracle: the frames the batch tracker of commit e29bc3f gave before
/// it was streamed (``PitchOracleCases``), bit for bit, whole and fed in blocks of many sizes. The
/// oracle is a fixed record of that tracker; a change that means to move the frames replaces these
/// tests with accuracy tests, rather than re-recording them.
@Suite struct PitchTrackerOracleTests {
    static func oracle(_ name: String, hop: Double) -> [PitchFrame]? {
        PitchTrackerOracle.frames[name].flatMap { PitchOracleCases.decode($0, hop: hop) }
    }

    static let applies = PitchOracleCases.recordedHere
    static let why: Comment = "the oracle was recorded on Linux x86_64; elsewhere the block tests compare with track"

    @Test(.enabled(if: applies, why), arguments: PitchOracleCases.names)
    func wholeInputMatchesOracle(_ name: String) throws {
        let c = try #require(PitchOracleCases.named(name))
        let expected = try #require(Self.oracle(name, hop: c.tracker.hopSeconds), "no oracle for \(name)")
        let frames = c.tracker.track(c.samples)
        #expect(PitchOracleCases.firstDifference(frames, expected) == nil, "\(name)")
    }

    @Test(
        .enabled(if: applies, why),
        .enabled(if: PitchOracleCases.stemPath != nil, "../shared/testdata/pitch is missing"))
    func realStemMatchesOracle() throws {
        let c = try #require(PitchOracleCases.stem)
        let expected = try #require(Self.oracle(c.name, hop: c.tracker.hopSeconds))
        #expect(PitchOracleCases.firstDifference(c.tracker.track(c.samples), expected) == nil)
    }
}
