import Foundation
import ProducerMusic
import ProducerTestSupport

/// Sung takes made to sound like a real singer in a real room, with the pitch they were sung at:
/// jitter and shimmer, breath noise, consonants, a room's reverb, a band bleeding into the mic at
/// −20 dB, and a level that moves by 20 dB over the take.
struct RealisticVoice {
    static let rate = 44_100.0

    /// A take and its true pitch every 10 ms (0 where nothing is sung).
    struct Take {
        var samples: [Float]
        var f0: [Double]
        /// The notes sung: (start s, end s, MIDI).
        var notes: [(start: Double, end: Double, midi: Double)]
    }

    /// About `seconds` of phrases of 4 to 7 notes within `range` (MIDI), with vibrato on long notes,
    /// glides into some, and breaths between phrases.
    static func take(range: ClosedRange<Int>, seconds: Double, seed: UInt64) -> Take {
        var random = SeededRandom(seed: seed)
        var notes: [SungNote] = []
        var t = 0.4
        var pitch = Double((range.lowerBound + range.upperBound) / 2)
        while t < seconds - 2 {
            for _ in 0..<(4 + Int(random.next() % 4)) {
                let length = [0.25, 0.35, 0.5, 0.8, 1.2][Int(random.next() % 5)]
                let step = Double(Int(random.next() % 9)) - 4
                let next = min(Double(range.upperBound), max(Double(range.lowerBound), pitch + step))
                let glide = random.next() % 4 == 0 && next != pitch ? pitch : nil
                // A repeated note is sung on a new syllable: the voice stops for a moment.
                if next == pitch, let last = notes.last, last.end >= t - 0.01 {
                    notes[notes.count - 1].duration -= 0.06
                }
                pitch = next
                notes.append(
                    SungNote(
                        start: t, duration: length, midi: pitch, vibratoRate: length >= 0.8 ? 5.5 : 0,
                        vibratoDepthCents: length >= 0.8 ? 40 : 0, glideFromMidi: glide))
                t += length + (random.next() % 3 == 0 ? 0.08 : 0)
            }
            t += 0.4 + Double(random.next() % 5) * 0.1  // a breath
        }
        var synth = VoiceSynth(sampleRate: rate, seed: seed)
        synth.jitter = 0.008
        synth.shimmer = 0.05
        synth.breathNoiseSNR = 25
        synth.consonantBursts = true
        let sung = synth.render(notes, duration: seconds)
        var voice = reverb(sung.samples)
        // The band: chords under the voice, 20 dB down (RMS).
        let band = self.band(count: voice.count, seed: seed &+ 7)
        let voiceRMS = rms(voice), bandRMS = rms(band)
        let bandGain = bandRMS > 0 ? voiceRMS * 0.1 / bandRMS : 0
        for i in voice.indices {
            // The level moves between 0 and −20 dB every 9 seconds.
            let time = Double(i) / rate
            let level = pow(10, -20 * (0.5 - 0.5 * cos(2 * Double.pi * time / 9)) / 20)
            voice[i] = Float(level) * (voice[i] + bandGain * band[i])
        }
        let peak = voice.map(abs).max() ?? 1
        return Take(
            samples: voice.map { $0 * 0.8 / max(peak, 1e-9) }, f0: sung.f0,
            notes: notes.map { ($0.start, $0.end, $0.midi) })
    }

    /// A small room: four combs and two all-passes (Schroeder), 0.5 s to fade 60 dB, mixed 12 dB
    /// under the dry voice.
    static func reverb(_ x: [Float]) -> [Float] {
        let combs = [0.0297, 0.0371, 0.0411, 0.0437].map { Int($0 * rate) }
        let allPasses = [0.005, 0.0017].map { Int($0 * rate) }
        var wet = [Float](repeating: 0, count: x.count)
        for d in combs {
            let g = Float(pow(10, -3 * Double(d) / rate / 0.5))
            var line = [Float](repeating: 0, count: d)
            var k = 0
            for i in x.indices {
                let y = line[k]
                line[k] = x[i] + g * y
                wet[i] += y / 4
                k = (k + 1) % d
            }
        }
        for d in allPasses {
            var line = [Float](repeating: 0, count: d)
            var k = 0
            for i in wet.indices {
                let delayed = line[k]
                let v = wet[i] + 0.7 * delayed
                line[k] = v
                wet[i] = delayed - 0.7 * v
                k = (k + 1) % d
            }
        }
        let gain = Float(pow(10, -12.0 / 20)) * rms(x) / max(rms(wet), 1e-12)
        return zip(x, wet).map { $0 + gain * $1 }
    }

    /// Chords (a triad and a bass note, sawtooth-like) changing every two seconds.
    static func band(count: Int, seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        var out = [Float](repeating: 0, count: count)
        let chordLength = Int(2 * rate)
        var start = 0
        while start < count {
            let root = 40 + Double(random.next() % 12)
            let minor = random.next() % 2 == 0
            let pitches = [root - 12, root + 12, root + 12 + (minor ? 3 : 4), root + 19]
            for p in pitches {
                let f = 440 * pow(2, (p - 69) / 12)
                for i in start..<min(count, start + chordLength) {
                    let t = Double(i - start) / rate
                    var s = 0.0
                    for h in 1...8 { s += sin(2 * Double.pi * f * Double(h) * t) / Double(h) }
                    out[i] += Float(s * min(1, t / 0.01) * exp(-t * 0.4))
                }
            }
            start += chordLength
        }
        return out
    }

    static func rms(_ x: [Float]) -> Float {
        x.isEmpty ? 0 : (x.reduce(0) { $0 + $1 * $1 } / Float(x.count)).squareRoot()
    }
}
