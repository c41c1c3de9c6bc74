import Foundation
import ProducerMusic
import Testing

@testable import ProducerEars

/// Note starts without bias: on synthesised takes whose starts are known, plucked and sung, with
/// hard and soft attacks, the starts Producer hears are on average within ±2 ms of the truth and
/// each within ±5 ms.
@Suite("Note starts without bias")
struct NoteStartTests {
    static let rate = 44_100.0
    /// (MIDI, start s): a phrase of 14 notes, detached, over two octaves.
    static let phrase: [(Int, Double)] = (0..<14).map { i in
        ([45, 52, 57, 60, 64, 57, 62, 65, 69, 72, 67, 64, 60, 55][i], 0.35 + Double(i) * 0.55 + Double(i % 3) * 0.013)
    }

    /// A plucked string: harmonics decaying over ~0.4 s after an attack of `attack` seconds.
    static func plucked(attack: Double) -> [Float] {
        var x = [Float](repeating: 0, count: Int(8.5 * rate))
        for (midi, start) in phrase {
            let f0 = 440 * pow(2, Double(midi - 69) / 12)
            let first = Int((start * rate).rounded())
            for i in 0..<Int(0.45 * rate) where first + i < x.count {
                let t = Double(i) / rate
                let rise = attack > 0 ? min(1, t / attack) : 1
                let a = 0.5 - 0.5 * cos(Double.pi * rise)
                var s = 0.0
                for h in 1...6 { s += sin(2 * Double.pi * f0 * Double(h) * t) * exp(-t * (3 + Double(h))) / Double(h) }
                x[first + i] += Float(0.4 * a * s * min(1, (0.45 - t) / 0.03))
            }
        }
        return x
    }

    static func sung(consonants: Bool) -> [Float] {
        var synth = VoiceSynth(sampleRate: rate, seed: 17)
        synth.consonantBursts = consonants
        synth.breathNoiseSNR = 30
        return synth.render(phrase.map { SungNote(start: $0.1, duration: 0.4, midi: Double($0.0)) }, duration: 8.5)
            .samples
    }

    static let reference = phrase.map { ReferenceNote(start: $0.1, end: $0.1 + 0.4, pitch: $0.0) }

    @Test(
        "Starts within ±5 ms, ±2 ms on average",
        arguments: [
            ("plucked, hard attack", 0.0005), ("plucked, soft attack", 0.008), ("sung", -1),
            ("sung with consonants", -2),
        ])
    func startsWithoutBias(_ kind: String, _ attack: Double) {
        let samples = attack >= 0 ? Self.plucked(attack: attack) : Self.sung(consonants: attack == -2)
        let part: Part = attack >= 0 ? .guitar : .vocal
        let report = Listener(options: ListenOptions(reference: Self.reference, part: part)).listen(
            to: Take(name: kind, sampleRate: Self.rate, samples: samples))
        let errors = report.notes.compactMap(\.timingMs)
        #expect(errors.count == Self.phrase.count, "\(kind): \(errors.count) notes judged")
        let mean = errors.reduce(0, +) / Double(max(1, errors.count))
        #expect(abs(mean) <= 2, "\(kind): mean start error \(mean) ms")
        #expect(errors.allSatisfy { abs($0) <= 5 }, "\(kind): \(errors.map { ($0 * 10).rounded() / 10 }) ms")
    }
}
