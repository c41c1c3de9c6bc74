import Foundation
import ProducerEars
import ProducerTestSupport
import Testing

/// The EBU's own loudness test files and the ITU's gating files, read in place from
/// `../shared/testdata` (skipped, saying so, when it is not there).
@Suite("EBU and ITU reference files", .enabled(if: sharedTestData != nil, "../shared/testdata is missing"))
struct ReferenceFileTests {
    static let loudnessCases: [(file: String, lufs: Double)] = [
        ("ebu/seq-3341-1-16bit.wav", -23.0),
        ("ebu/seq-3341-2-16bit.wav", -33.0),
        ("bs1770/1770-2_Comp_AbsGateTest.wav", -69.5),
        ("bs1770/1770-2_Comp_RelGateTest.wav", -10.0),
    ]

    @Test("Integrated loudness within ±0.1 LU", arguments: loudnessCases)
    func integrated(_ c: (file: String, lufs: Double)) throws {
        let r = try Analyzer().analyze(path: try #require(sharedTestData) + "/" + c.file)
        let measured = try #require(r.integratedLoudness)
        #expect(abs(measured - c.lufs) <= 0.1, "\(c.file): \(measured) LUFS, expected \(c.lufs)")
    }

    @Test("Tech 3341 case 10 (first) and 13 (first): maximum short-term and momentary −23.0")
    func maxima() throws {
        let data = try #require(sharedTestData)
        let st = try Analyzer().analyze(path: data + "/ebu/seq-3341-10-1-24bit.wav")
        #expect(abs(try #require(st.shortTermMax) + 23) <= 0.1)
        let m = try Analyzer().analyze(path: data + "/ebu/seq-3341-13-1-24bit.wav")
        #expect(abs(try #require(m.momentaryMax) + 23) <= 0.1)
        let c12 = try Analyzer().analyze(path: data + "/ebu/seq-3341-12-24bit.wav")
        #expect(abs(try #require(c12.momentaryMax) + 23) <= 0.1)
    }

    static let truePeakCases: [(case: Int, dBTP: Double)] = [
        (15, -6), (16, -6), (17, -6), (18, -6), (19, 3), (20, 0), (21, 0), (22, 0), (23, 0),
    ]

    @Test("True peak within +0.2 / −0.4 dB (Tech 3341 cases 15–23)", arguments: truePeakCases)
    func truePeak(_ c: (case: Int, dBTP: Double)) throws {
        let path = try #require(sharedTestData) + "/ebu/seq-3341-\(c.case)-24bit.wav"
        let measured = try #require(try Analyzer().analyze(path: path).truePeak)
        #expect(measured <= c.dBTP + 0.2 && measured >= c.dBTP - 0.4, "case \(c.case): \(measured) dBTP")
    }
}
