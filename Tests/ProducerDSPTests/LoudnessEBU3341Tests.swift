import ProducerDSP
import Testing

/// EBU Tech 3341 cases 1–6 and 9–14, synthesised at several sample rates.
@Suite struct LoudnessEBU3341Tests {
    static let rates: [Double] = [44100, 48000, 96000]
    typealias S = LoudnessSignals

    static func stereo(_ x: [Float]) -> [[Float]] { [x, x] }

    @Test("Case 1: -23 dBFS, 20 s", arguments: rates)
    func case1(rate: Double) {
        let r = S.loudness(Self.stereo(S.tone([(-23, 20)], sampleRate: rate)), sampleRate: rate)
        #expect(abs(r.integrated! + 23) <= 0.1)
        #expect(abs(r.momentaryMax! + 23) <= 0.1)
        #expect(abs(r.shortTermMax! + 23) <= 0.1)
        #expect(abs(r.momentaryLast! + 23) <= 0.1)
        #expect(abs(r.shortTermLast! + 23) <= 0.1)
    }

    @Test("Case 2: -33 dBFS, 20 s", arguments: rates)
    func case2(rate: Double) {
        let r = S.loudness(Self.stereo(S.tone([(-33, 20)], sampleRate: rate)), sampleRate: rate)
        #expect(abs(r.integrated! + 33) <= 0.1)
        #expect(abs(r.momentaryMax! + 33) <= 0.1)
        #expect(abs(r.shortTermMax! + 33) <= 0.1)
    }

    @Test("Case 3: -36/-23/-36 dBFS", arguments: rates)
    func case3(rate: Double) {
        let r = S.loudness(Self.stereo(S.tone([(-36, 10), (-23, 60), (-36, 10)], sampleRate: rate)), sampleRate: rate)
        #expect(abs(r.integrated! + 23) <= 0.1)
    }

    @Test("Case 4: -72/-36/-23/-36/-72 dBFS", arguments: rates)
    func case4(rate: Double) {
        let x = S.tone([(-72, 10), (-36, 10), (-23, 60), (-36, 10), (-72, 10)], sampleRate: rate)
        let r = S.loudness(Self.stereo(x), sampleRate: rate)
        #expect(abs(r.integrated! + 23) <= 0.1)
    }

    @Test("Case 5: -26/-20/-26 dBFS", arguments: rates)
    func case5(rate: Double) {
        let r = S.loudness(
            Self.stereo(S.tone([(-26, 20), (-20, 20.1), (-26, 20)], sampleRate: rate)), sampleRate: rate)
        #expect(abs(r.integrated! + 23) <= 0.1)
    }

    @Test("Case 6: 5.0 channels", arguments: rates)
    func case6(rate: Double) {
        let lr = S.tone([(-28, 20)], sampleRate: rate)
        let c = S.tone([(-24, 20)], sampleRate: rate)
        let s = S.tone([(-30, 20)], sampleRate: rate)
        let r = S.loudness([lr, lr, c, s, s], sampleRate: rate)
        #expect(abs(r.integrated! + 23) <= 0.1)
    }

    @Test("Case 9: short-term constant -23 after 3 s", arguments: rates)
    func case9(rate: Double) {
        let x = S.tone(Array(repeating: [(-20, 1.34), (-30, 1.66)], count: 5).flatMap { $0 }, sampleRate: rate)
        var meter = LoudnessMeter(sampleRate: rate, channelCount: 2)
        meter.recordsSeries = true
        S.feed(&meter, Self.stereo(x), blockSize: 4801)
        #expect(meter.shortTermSeries.count == 121)
        #expect(meter.shortTermSeries.allSatisfy { abs($0 + 23) <= 0.1 })
        #expect(abs(meter.result().shortTermMax! + 23) <= 0.1)
    }

    @Test("Case 10: maximum short-term -23 for each offset", arguments: [48000.0, 44100])
    func case10(rate: Double) {
        for i in 0..<20 {
            let x = S.tone([(nil, Double(i) * 0.15), (-23, 3), (nil, 1)], sampleRate: rate)
            let r = S.loudness(Self.stereo(x), sampleRate: rate, blockSize: 1000)
            #expect(abs(r.shortTermMax! + 23) <= 0.1, "signal \(i): \(r.shortTermMax!)")
        }
    }

    @Test("Case 11: maximum short-term of each part -38 ... -19", arguments: [48000.0, 44100])
    func case11(rate: Double) {
        var meter = LoudnessMeter(sampleRate: rate, channelCount: 2)
        for i in 0..<20 {
            let silence = Double(i) * 0.15
            let x = S.tone([(nil, silence), (Double(-38 + i), 3), (nil, 3 - silence)], sampleRate: rate)
            S.feed(&meter, Self.stereo(x), blockSize: 4801)
            // Levels rise part by part, so the running maximum is this part's maximum.
            let m = meter.result().shortTermMax!
            #expect(abs(m - Double(-38 + i)) <= 0.1, "part \(i): \(m)")
        }
    }

    @Test("Case 12: momentary constant -23 after 1 s", arguments: rates)
    func case12(rate: Double) {
        let x = S.tone(Array(repeating: [(-20, 0.18), (-30, 0.22)], count: 25).flatMap { $0 }, sampleRate: rate)
        var meter = LoudnessMeter(sampleRate: rate, channelCount: 2)
        meter.recordsSeries = true
        S.feed(&meter, Self.stereo(x), blockSize: 1000)
        // Element i ends at (i + 4) × 100 ms: from 1 s on is i ≥ 6.
        let after1s = meter.momentarySeries.dropFirst(6)
        #expect(after1s.count == 91)
        #expect(after1s.allSatisfy { abs($0 + 23) <= 0.1 })
    }

    @Test("Case 13: maximum momentary -23 for each offset", arguments: rates)
    func case13(rate: Double) {
        for i in 0..<20 {
            let x = S.tone([(nil, Double(i) * 0.02), (-23, 0.4), (nil, 1)], sampleRate: rate)
            let r = S.loudness(Self.stereo(x), sampleRate: rate, blockSize: 1000)
            #expect(abs(r.momentaryMax! + 23) <= 0.1, "signal \(i): \(r.momentaryMax!)")
        }
    }

    @Test("Case 14: maximum momentary of each part -38 ... -19", arguments: rates)
    func case14(rate: Double) {
        var meter = LoudnessMeter(sampleRate: rate, channelCount: 2)
        for i in 0..<20 {
            let silence = Double(i) * 0.02
            let x = S.tone([(nil, silence), (Double(-38 + i), 0.4), (nil, 0.4 - silence)], sampleRate: rate)
            S.feed(&meter, Self.stereo(x), blockSize: 1000)
            let m = meter.result().momentaryMax!
            #expect(abs(m - Double(-38 + i)) <= 0.1, "part \(i): \(m)")
        }
    }
}
