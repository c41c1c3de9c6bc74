import Foundation
import Testing
import ProducerMusic

@Suite struct VoiceSynthTests {
    static func cents(_ f: Double, _ midi: Double) -> Double { 1200 * log2(f / (440 * pow(2, (midi - 69) / 12))) }

    @Test func vibratoDepthAndRate() {
        let synth = VoiceSynth(sampleRate: 44_100)
        let r = synth.render([SungNote(start: 0.1, duration: 2, midi: 60, vibratoRate: 5, vibratoDepthCents: 50)])
        let sustain = Array(r.f0[20...200])
        #expect(sustain.allSatisfy { $0 > 0 })
        let c = sustain.map { Self.cents($0, 60) }
        #expect(abs((c.max() ?? 0) - 50) < 2 && abs((c.min() ?? 0) + 50) < 2)
        // 5 Hz: the curve crosses zero upwards about 5 times a second.
        var up = 0
        for i in 1..<c.count where c[i - 1] < 0 && c[i] >= 0 { up += 1 }
        #expect(up >= 8 && up <= 10)
    }

    @Test func glideEndpoints() {
        let r = VoiceSynth(sampleRate: 48_000).render([
            SungNote(start: 0.1, duration: 0.5, midi: 57),
            SungNote(start: 0.6, duration: 0.5, midi: 62, glideFromMidi: 57),
        ])
        #expect(abs(Self.cents(r.f0[59], 57)) < 0.01)
        #expect(abs(Self.cents(r.f0[60], 57)) < 0.01)  // the glide starts where it was asked
        #expect(abs(Self.cents(r.f0[64], 59.5)) < 150)  // half way
        #expect(abs(Self.cents(r.f0[68], 62)) < 0.01)  // and arrives after 80 ms
        #expect(abs(Self.cents(r.f0[100], 62)) < 0.01)
    }

    @Test func levelsAndVoicing() {
        var synth = VoiceSynth(sampleRate: 44_100, seed: 3)
        synth.breathNoiseSNR = 20
        synth.consonantBursts = true
        let notes = [
            SungNote(start: 0.3, duration: 0.5, midi: 45, velocity: 1),
            SungNote(start: 1.2, duration: 0.5, midi: 81, velocity: 1),
            SungNote(start: 2.0, duration: 0.4, midi: 69, velocity: 0.5),
        ]
        let r = synth.render(notes, duration: 3)
        #expect(r.samples.count == 132_300)
        #expect(r.f0.count == 301)
        let peak = r.samples.map { abs($0) }.max() ?? 0
        #expect(peak < 1 && peak > 0.3)
        // Rests are unvoiced in the ground truth but not silent (breath noise).
        #expect(r.f0[0..<29].allSatisfy { $0 == 0 } && r.f0[90..<119].allSatisfy { $0 == 0 })
        let rest = r.samples[10_000..<12_000]
        let restRMS = sqrt(rest.map { Double($0 * $0) }.reduce(0, +) / 2000)
        #expect(restRMS > 1e-4 && restRMS < 0.05)
        // Equal loudness per note: A2 and A5 within 3 dB.
        func rms(_ a: Int, _ b: Int) -> Double {
            sqrt(r.samples[a..<b].map { Double($0 * $0) }.reduce(0, +) / Double(b - a))
        }
        let low = rms(17_640, 30_870), high = rms(57_330, 70_560)
        #expect(abs(20 * log10(low / high)) < 3)
        // Deterministic.
        #expect(synth.render(notes, duration: 3) == r)
        var other = synth
        other.seed = 4
        #expect(other.render(notes, duration: 3).samples != r.samples)
    }

    @Test func consonantBurstsAreUnvoicedNoise() {
        var synth = VoiceSynth(sampleRate: 44_100)
        synth.consonantBursts = true
        let r = synth.render([SungNote(start: 0.5, duration: 0.3, midi: 60)])
        // Note 0 after a rest always gets a burst: sound just before the onset, unvoiced truth.
        let before = r.samples[Int(0.47 * 44_100)..<Int(0.495 * 44_100)]
        #expect((before.map { abs($0) }.max() ?? 0) > 0.01)
        #expect(r.f0[47] == 0 && r.f0[49] == 0)
        #expect(r.samples[0..<Int(0.4 * 44_100)].allSatisfy { $0 == 0 })
    }
}
