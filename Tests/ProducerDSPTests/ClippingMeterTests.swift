import Testing
import ProducerAudio
import ProducerDSP

@Suite struct ClippingMeterTests {
    static func clippedSignal() -> [[Float]] {
        var l = HealthSignals.sine(frequency: 440, amplitude: 0.5, frames: 48_000)
        var r = HealthSignals.sine(frequency: 550, amplitude: 0.5, frames: 48_000)
        for i in 100..<110 { l[i] = 1 }  // 10-sample run
        for i in 999..<1003 { l[i] = -1 }  // straddles the 1000-frame block boundary
        for i in 20_000..<20_002 { l[i] = 1 }  // too short to be a run
        l[30_000] = 1  // a single full-scale sample
        for i in 4795..<4810 { r[i] = -1 }  // straddles the 4801-frame block boundary
        for i in 47_990..<48_000 { r[i] = 0.9995 }  // open at the end of the file
        return [l, r]
    }

    @Test func findsRunsExactly() {
        let results = HealthSignals.splitResults(
            ClippingMeter(sampleRate: 48_000, channelCount: 2), Self.clippedSignal())
        let r = results[0]
        #expect(
            r.runs.map { [$0.channel, $0.startFrame, $0.endFrame] } == [
                [0, 100, 110], [0, 999, 1003], [1, 4795, 4810], [1, 47_990, 48_000],
            ])
        #expect(r.totalRuns == 4 && !r.isTruncated)
        #expect(r.runsPerChannel == [2, 2])
        #expect(r.fullScaleSamples == [10 + 4 + 2 + 1, 15 + 10])
        #expect(r.clippedSamples == [14, 25])
        #expect(abs(r.runs[2].start - 4795.0 / 48_000) < 1e-12 && abs(r.runs[2].end - 4810.0 / 48_000) < 1e-12)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func capsStoredRunsAndKeepsCount() {
        let meter = ClippingMeter(sampleRate: 48_000, channelCount: 2, maximumStoredRuns: 2)
        let results = HealthSignals.splitResults(meter, Self.clippedSignal())
        let r = results[0]
        #expect(r.runs.map(\.startFrame) == [100, 999])
        #expect(r.totalRuns == 4 && r.isTruncated)
        #expect(results[1] == r && results[2] == r)
    }

    @Test func configurableLengthAndThreshold() {
        let meter = ClippingMeter(sampleRate: 48_000, channelCount: 2, threshold: 0.9999, minimumRunLength: 2)
        let r = HealthSignals.feed(meter, Self.clippedSignal())
        // The 2-sample run now counts; the 0.9995 run no longer reaches the threshold.
        #expect(r.runs.map(\.startFrame) == [100, 999, 4795, 20_000])
    }
}
