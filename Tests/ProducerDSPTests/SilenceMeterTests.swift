import Testing
import ProducerAudio
import ProducerDSP

@Suite struct SilenceMeterTests {
    @Test func headAndTailSilence() {
        // 0.5 s of -80 dBFS noise, 2 s of tone, 0.75 s of -80 dBFS noise; stereo, tone on the right only.
        let head = 24_000, body = 96_000, tail = 36_000, n = head + body + tail
        let quiet = HealthSignals.noise(rms: HealthSignals.amplitude(dB: -85), frames: n, seed: 4)
        let tone = HealthSignals.sine(frequency: 1000, amplitude: 0.5, frames: body)
        var r = quiet
        for i in 0..<body { r[head + i] += tone[i] }
        let results = HealthSignals.splitResults(SilenceMeter(sampleRate: 48_000, channelCount: 2), [quiet, r])
        let m = results[0]
        #expect(abs(m.headSeconds - 0.5) <= 0.001)
        #expect(abs(m.tailSeconds - 0.75) <= 0.001)
        #expect(m.durationSeconds == Double(n) / 48_000)
        #expect(!m.isSilent)
        #expect(results[1] == m && results[2] == m)
    }

    @Test func configurableThreshold() {
        let n = 48_000
        var x = [Float](repeating: 0, count: n)
        x[12_000] = 0.01  // -40 dBFS
        x[36_000] = 0.5
        let m = HealthSignals.feed(SilenceMeter(sampleRate: 48_000, channelCount: 1, thresholdDBFS: -20), [x])
        #expect(m.firstSoundFrame == 36_000 && m.lastSoundFrame == 36_000)
        let loose = HealthSignals.feed(SilenceMeter(sampleRate: 48_000, channelCount: 1), [x])
        #expect(loose.firstSoundFrame == 12_000 && abs(loose.tailSeconds - 11_999.0 / 48_000) < 1e-12)
    }

    @Test func allSilent() {
        let m = HealthSignals.feed(
            SilenceMeter(sampleRate: 48_000, channelCount: 1), [[Float](repeating: 0, count: 4800)], blockSize: 1000)
        #expect(m.isSilent && m.headSeconds == 0.1 && m.tailSeconds == 0.1)
    }
}
