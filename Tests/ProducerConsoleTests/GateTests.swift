import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import Testing

@Suite struct GateTests {
    let fs = 48_000.0

    func tone(_ db: Double, _ ms: Double) -> [Float] {
        ConsoleSignals.sine(
            1000, amplitude: ConsoleSignals.amplitude(decibels: db), sampleRate: fs, frames: Int(ms * 48))
    }

    func gainDecibels(_ y: [Float], _ x: [Float], from: Double, to: Double) -> Double {
        let r = Int(from * 48)..<Int(to * 48)
        return ConsoleSignals.decibels(ConsoleSignals.rms(y[r]) / ConsoleSignals.rms(x[r]))
    }

    /// Opens above the threshold, stays open down to threshold − hysteresis, closes `hold` ms
    /// after the key falls below it, and attenuates by `range` when closed.
    @Test func hysteresisHoldAndRange() {
        // 0–200 ms −40 dB (closed), 200–400 ms −20 dB (opens), 400–600 ms −33 dB (held open by
        // the hysteresis), 600–900 ms −40 dB (closes after 50 ms hold).
        let x = tone(-40, 200) + tone(-20, 200) + tone(-33, 200) + tone(-40, 300)
        for channels in [1, 2] {
            var gate = Gate(threshold: -30, hysteresis: 6, attack: 0.1, hold: 50, release: 5, range: 60)
            let y = ConsoleSignals.render(&gate, Array(repeating: x, count: channels), sampleRate: fs, blockFrames: 128)
            #expect(abs(gainDecibels(y[0], x, from: 100, to: 200) + 60) < 0.1)
            #expect(abs(gainDecibels(y[channels - 1], x, from: 210, to: 400)) < 0.01)
            #expect(abs(gainDecibels(y[0], x, from: 400, to: 600)) < 0.01)
            // Held for 50 ms after the last sample over −36 dB (the end of the −33 dB tone)…
            #expect(abs(gainDecibels(y[0], x, from: 600, to: 648)) < 0.05)
            // …then released (5 ms): well down 10–15 ms later, at the range floor by the end.
            #expect(gainDecibels(y[0], x, from: 660, to: 665) < -12)
            #expect(abs(gainDecibels(y[channels - 1], x, from: 800, to: 900) + 60) < 0.1)
        }
    }

    /// From closed, a level between the closing and opening thresholds does not open it.
    @Test func hysteresisKeepsClosedGateClosed() {
        let x = tone(-33, 300)
        var gate = Gate(threshold: -30, hysteresis: 6, range: 80)
        let y = ConsoleSignals.render(&gate, [x], sampleRate: fs)[0]
        #expect(gainDecibels(y, x, from: 0, to: 300) < -79)
        #expect(!gate.isOpen)
    }

    /// A key on the sidechain opens the gate on a track too quiet to open it itself.
    @Test func sidechainKeyOpensGate() {
        let track = tone(-50, 400)
        let key = [Float](repeating: 0, count: 9_600) + tone(-10, 100) + [Float](repeating: 0, count: 4_800)
        var gate = Gate(threshold: -30, hold: 10, release: 2, range: 40)
        let y = ConsoleSignals.render(&gate, [track], sampleRate: fs, sidechain: [key, key])[0]
        #expect(abs(gainDecibels(y, track, from: 100, to: 200) + 40) < 0.1)
        #expect(abs(gainDecibels(y, track, from: 202, to: 300)) < 0.05)
        #expect(abs(gainDecibels(y, track, from: 350, to: 400) + 40) < 0.1)
    }

    /// A 2:1 expander below the threshold: 10 dB under it, 10 dB more attenuation.
    @Test func expanderRatio() {
        let x = tone(-40, 300)
        var gate = Gate(threshold: -30, hysteresis: 0, ratio: 2, attack: 1, hold: 0, release: 10, range: 60)
        let y = ConsoleSignals.render(&gate, [x], sampleRate: fs)[0]
        #expect(abs(gainDecibels(y, x, from: 200, to: 300) + 10) < 0.3)
    }
}
