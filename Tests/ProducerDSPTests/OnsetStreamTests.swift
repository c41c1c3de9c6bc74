import ProducerDSP
import Testing

@Suite("The onset envelope fed in blocks")
struct OnsetStreamTests {
    /// SuperFlux over the whole log-filtered spectrogram, as the envelope was computed before it
    /// was streamed: the reference the stream must equal exactly.
    static func wholeEnvelope(_ x: [Float], sampleRate: Double) -> (values: [Float], low: [Float]) {
        let d = OnsetDetector()
        let frameSize = OnsetDetector.frameSize(sampleRate: sampleRate)
        let hop = Int((sampleRate / d.frameRate).rounded())
        let bank = STFTFilterbank(frameSize: frameSize, sampleRate: sampleRate, bandsPerOctave: d.bandsPerOctave)
        let spec = STFT(frameSize: frameSize, hop: hop).logFiltered(x, sampleRate: sampleRate, filterbank: bank)
        let diff = max(1, Int((Double(frameSize / 4) / Double(hop)).rounded()))
        let lowBands = bank.centreFrequencies.filter { $0 <= d.lowFrequencyLimit }.count
        let bands = spec.binCount
        var values = [Float](repeating: 0, count: spec.frameCount), low = values
        for t in diff..<spec.frameCount {
            var sumLow: Float = 0, sum: Float = 0
            var maxed = [Float](repeating: 0, count: bands)
            for b in 0..<bands {
                maxed[b] = max(
                    spec[t - diff, max(0, b - 1)], max(spec[t - diff, b], spec[t - diff, min(bands - 1, b + 1)]))
            }
            for b in 0..<lowBands { sumLow += max(0, spec[t, b] - maxed[b]) }
            sum = sumLow
            for b in lowBands..<bands { sum += max(0, spec[t, b] - maxed[b]) }
            values[t] = sum
            low[t] = sumLow
        }
        return (values, low)
    }

    @Test("Blocks of any size give exactly the envelope of the whole signal", arguments: [44_100.0, 48_000])
    func blocksEqualWhole(sampleRate: Double) {
        let take = RhythmSignals.drumPattern(bpm: 100, seconds: 6, sampleRate: sampleRate, eighths: true)
        let whole = Self.wholeEnvelope(take.samples, sampleRate: sampleRate)
        for block in [1, 1000, 4093, take.samples.count] {
            var stream = OnsetDetector().stream(sampleRate: sampleRate)
            var i = 0
            while i < take.samples.count {
                stream.consume(Array(take.samples[i..<min(take.samples.count, i + block)]))
                i += block
            }
            let env = stream.finish()
            #expect(env.values == whole.values, "blocks of \(block)")
            #expect(env.lowFrequency == whole.low, "blocks of \(block)")
        }
        #expect(whole.values.contains { $0 > 1 })
    }
}
