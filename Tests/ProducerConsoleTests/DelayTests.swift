import ProducerAudio
import ProducerConsole
import Testing

@Suite struct DelayTests {
    @Test func echoLandsOnTheExactSample() {
        for rate in [44_100.0, 48_000.0, 96_000.0] {
            var d = StereoDelay(time: 250, feedback: 0, mix: 1)
            let n = Int(0.3 * rate)
            let x = FXSignals.impulse(frames: n, at: 10)
            let y = FXSignals.run(&d, [x, x], sampleRate: rate)
            let t = Int(0.25 * rate)
            for c in 0..<2 {
                #expect(y[c][10 + t] == 1)
                #expect(y[c].filter { $0 != 0 }.count == 1)
            }
        }
    }

    @Test func separateTimesAndFeedbackRepeats() {
        var d = StereoDelay(timeLeft: 100, timeRight: 150, feedback: 0.5, mix: 1)
        let x = FXSignals.impulse(frames: 48_000)
        let y = FXSignals.run(&d, [x, x])
        #expect(y[0][4_800] == 1 && y[0][9_600] == 0.5 && y[0][14_400] == 0.25)
        #expect(y[1][7_200] == 1 && y[1][14_400] == 0.5)
        #expect(y[0].filter { $0 != 0 }.count == 9)  // 0.5^(k−1) at k·100 ms, k = 1…9
    }

    @Test func pingPongAlternatesSides() {
        var d = StereoDelay(time: 100, feedback: 0.5, mix: 1, pingPong: true)
        let x = FXSignals.impulse(frames: 20_000)
        let y = FXSignals.run(&d, [x, x])
        #expect(y[0][4_800] == 1 && y[1][4_800] == 0)
        #expect(y[1][9_600] == 0.5 && y[0][9_600] == 0)
        #expect(y[0][14_400] == 0.25 && y[1][14_400] == 0)
        #expect(y[1][19_200] == 0.125)
    }

    @Test func feedbackFiltersDarkenAndThinTheRepeats() {
        var d = StereoDelay(time: 200, feedback: 0.9, lowCut: 300, highCut: 2_000, mix: 1)
        let x = FXSignals.impulse(frames: 48_000)
        let y = FXSignals.run(&d, [x])[0]
        #expect(y[9_600] == 1)  // the first echo is unfiltered
        // The second repeat went through the filters once: its energy is well below 0.9².
        let repeatEnergy = y[19_000..<28_000].reduce(0) { $0 + Double($1) * Double($1) }
        print("Delay: energy of the filtered repeat \(repeatEnergy) (unfiltered 0.81)")
        #expect(repeatEnergy < 0.81 * 0.2)
    }

    @Test func tempoSyncedTimes() {
        #expect(StereoDelay.syncedTime("1/8", tempo: 120) == 250)
        #expect(StereoDelay.syncedTime("1/4.", tempo: 120) == 750)
        #expect(abs(StereoDelay.syncedTime("1/8t", tempo: 120)! - 500.0 / 3) < 1e-9)
        // Read through the tempo map: 0.75 quarter notes × 0.6 s, within a double's rounding of 450 ms.
        #expect(abs(StereoDelay.syncedTime("3/16", tempo: 100)! - 450) < 1e-9)
        #expect(StereoDelay.syncedTime("eighth", tempo: 120) == nil)
        let d = StereoDelay(sync: "1/4", tempo: 90)
        #expect(abs(d.timeLeft - 666.666_666) < 1e-3 && d.timeRight == d.timeLeft)
        var e = StereoDelay(sync: "1/8", tempo: 120)
        e.setParameter("tempo", to: 60)
        #expect(e.timeLeft == 500)
    }

    @Test func fractionalTimeIsInterpolated() {
        // 250.01 ms = 12 000.48 frames: a 500 Hz sine comes out shifted by that much.
        for interpolation in [DelayInterpolation.linear, .cubic] {
            var d = StereoDelay(time: 250.01, feedback: 0, mix: 1, interpolation: interpolation)
            let x = FXSignals.sine(500, amplitude: 0.5, frames: 20_000)
            let y = FXSignals.run(&d, [x])[0]
            let expected = FXSignals.sine(500, amplitude: 0.5, frames: 20_000, phase: -2 * Double.pi * 500 * 0.25001)
            var error: Float = 0
            for i in 13_000..<20_000 { error = max(error, abs(y[i] - expected[i])) }
            print("Delay \(interpolation) fractional error: \(error)")
            #expect(error < (interpolation == .cubic ? 2e-4 : 2e-3))
        }
    }

    @Test func automatingTimeAndMixDoesNotJump() {
        let x = FXSignals.sine(440, amplitude: 0.5, frames: 96_000)
        let own = FXSignals.maximumStep(x)
        var d = StereoDelay(time: 250, feedback: 0.4, mix: 0.5)
        let y = FXSignals.run(&d, [x, x], blockSize: 64) { index, p in
            // Time jumps between 250 and 320 ms every 0.25 s, mix between 0.2 and 1 every 0.2 s.
            p.setParameter("time", to: (index / 187) % 2 == 0 ? 250 : 320)
            p.setParameter("mix", to: (index / 150) % 2 == 0 ? 0.2 : 1)
        }
        let step = max(FXSignals.maximumStep(y[0]), FXSignals.maximumStep(y[1]))
        // Feedback 0.4 at 440 Hz: the steady wet level can reach 1/(1 − 0.4) of the input.
        print("Delay automation: max step \(step), input's own \(own)")
        #expect(step <= own * 1.2 / 0.6)
        // With feedback 0 and mix 1 the output is the input's pitch moving by at most 20 %.
        var e = StereoDelay(time: 250, feedback: 0, mix: 1)
        let z = FXSignals.run(&e, [x], blockSize: 64) { index, p in
            p.setParameter("time", to: (index / 187) % 2 == 0 ? 250 : 320)
        }[0]
        let stepE = FXSignals.maximumStep(z)
        print("Delay time automation, dry-free: max step \(stepE), input's own \(own)")
        #expect(stepE <= own * 1.21)
    }

    @Test func monoUsesTheLeftTime() {
        var d = StereoDelay(timeLeft: 10, timeRight: 20, feedback: 0, mix: 1)
        let y = FXSignals.run(&d, [FXSignals.impulse(frames: 2_000)])[0]
        #expect(y[480] == 1)
    }
}
