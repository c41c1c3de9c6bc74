import Foundation
import ProducerAudio
import ProducerMusic

/// A band's stems, synthesised and seeded (the same on every run): kick, snare, hats, bass, a
/// strummed guitar, a stereo pad, a lead vocal and a backing vocal over a four-chord loop in A
/// minor at 100 BPM (or transposed, at another tempo). Raw levels are deliberately uneven, as
/// stems arrive from a session.
public struct DemoStems: Sendable {
    public var sampleRate: Double
    public var seconds: Double
    /// The default tempo, BPM.
    public static let tempo = 100.0
    /// The stems' tempo, BPM.
    public var tempo: Double
    /// Semitones the loop (A minor: Am – F – C – G) is moved by: −5 plays it in E minor.
    public var transposition: Int
    /// Seed of the drums' noise.
    public var seed: UInt64

    public init(
        sampleRate: Double = 48_000, seconds: Double = 20, tempo: Double = DemoStems.tempo, transposition: Int = 0,
        seed: UInt64 = 0xB4_2D
    ) {
        self.sampleRate = sampleRate
        self.seconds = seconds
        self.tempo = tempo
        self.transposition = transposition
        self.seed = seed
    }

    /// The stems' names, as written by ``write(to:names:)`` unless renamed.
    public static let names = [
        "kick.wav", "snare.wav", "hats.wav", "bass.wav", "guitar.wav", "pad.wav", "lead-vox.wav", "backing-vox.wav",
    ]

    /// Writes every stem (24-bit WAV) into `directory` under `names` (the same order as
    /// ``names``) and returns the paths.
    @discardableResult
    public func write(to directory: String, names: [String] = DemoStems.names) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let parts = render()
        var paths: [String] = []
        for (k, channels) in parts.enumerated() {
            let path = directory + "/" + names[k]
            let format = AudioFormat(sampleRate: sampleRate, channelCount: channels.count, encoding: .integer(bits: 24))
            try AudioFile.write(AudioBuffer(channels: channels), to: path, format: format)
            paths.append(path)
        }
        return paths
    }

    /// Am – F – C – G, one bar each.
    static let chords: [[Double]] = [[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]]

    /// The band without its voices (kick, snare, hats, bass, guitar, pad; the pad in stereo), as
    /// channels: one four-bar loop is synthesised and repeated, bar lines kept on their exact
    /// times, so that minutes of stems cost the time of one loop.
    public func renderBand() -> [[[Float]]] {
        let n = Int(seconds * sampleRate)
        let fs = sampleRate
        let beat = 60 / tempo
        let loop = 16 * beat * fs
        // One loop and a sample: the next copy starts at the loop's exact time, rounded.
        let m = min(n, Int(loop.rounded(.up)) + 1)
        var random = SplitMix(seed: seed)
        func hz(_ midi: Double) -> Double { 440 * Double(pow(2, (midi - 69) / 12)) }
        let shift = Double(transposition)
        var kick = [Float](repeating: 0, count: m), snare = kick, hats = kick, bass = kick, guitar = kick
        var padL = kick, padR = kick
        var snareLow = 0.0, hatPrevious = 0.0
        for i in 0..<m {
            let t = Double(i) / fs
            let bar = Int(t / (4 * beat))
            let chord = Self.chords[bar % 4]
            let inBeat = t.truncatingRemainder(dividingBy: beat)
            let beatNumber = Int(t / beat) % 4
            // Kick on 1 and 3: a falling sine with a click.
            if beatNumber % 2 == 0 {
                let k = inBeat
                kick[i] = Float(0.8 * exp(-k * 14) * sin(2 * .pi * (48 * k + 70.0 / 30 * (1 - exp(-k * 30)))))
            }
            // Snare on 2 and 4: a 190 Hz body and a band of noise.
            let noise = random.nextSigned()
            snareLow += 0.35 * (noise - snareLow)
            if beatNumber % 2 == 1 {
                let k = inBeat
                snare[i] = Float(0.25 * exp(-k * 30) * sin(2 * .pi * 190 * k) + 0.3 * exp(-k * 18) * (noise - snareLow))
            }
            // Hats on every eighth: high-passed noise, short.
            let eighth = beat / 2
            let inEighth = t.truncatingRemainder(dividingBy: eighth)
            let hp = noise - hatPrevious
            hatPrevious = noise
            hats[i] = Float(0.12 * exp(-inEighth * 45) * hp)
            // Bass: the root on each eighth, a little decay, three harmonics.
            let fb = hz(chord[0] - 24 + shift)
            let env = 0.6 + 0.4 * exp(-inEighth * 6)
            bass[i] = Float(
                0.3 * env
                    * (sin(2 * .pi * fb * t) + 0.5 * sin(4 * .pi * fb * t) + 0.25 * sin(6 * .pi * fb * t)))
            // Pad: the chord an octave up, detuned between the sides.
            var l = 0.0, r = 0.0
            for note in chord {
                let f = hz(note + shift)
                l += sin(2 * .pi * f * t) + 0.3 * sin(4 * .pi * f * t)
                r += sin(2 * .pi * f * 1.004 * t + 0.7) + 0.3 * sin(4 * .pi * f * 1.004 * t)
            }
            padL[i] = Float(0.05 * l)
            padR[i] = Float(0.05 * r)
            // Guitar: the chord strummed on each beat, bright, decaying.
            var g = 0.0
            for (v, note) in chord.enumerated() {
                let start = Double(v) * 0.012
                guard inBeat >= start else { continue }
                let k = inBeat - start, f = hz(note + 12 + shift)
                for h in 1...6 { g += exp(-k * (3 + Double(h))) * sin(2 * .pi * f * Double(h) * k) / Double(h) }
            }
            guitar[i] = Float(0.12 * g)
        }
        var stems = [[kick], [snare.map { $0 * 0.7 }], [hats], [bass.map { $0 * 0.5 }], [guitar], [padL, padR]]
        if n > m {
            for s in stems.indices {
                for c in stems[s].indices {
                    let one = stems[s][c]
                    var out = [Float](repeating: 0, count: n)
                    var k = 0
                    while true {
                        let start = Int((Double(k) * loop).rounded())
                        guard start < n else { break }
                        let count = min(m, n - start)
                        out.withUnsafeMutableBufferPointer { o in
                            one.withUnsafeBufferPointer { i in
                                o.baseAddress!.advanced(by: start).update(from: i.baseAddress!, count: count)
                            }
                        }
                        k += 1
                    }
                    stems[s][c] = out
                }
            }
        }
        return stems
    }

    /// The stems as channels, in the order of ``names``.
    public func render() -> [[[Float]]] {
        let n = Int(seconds * sampleRate)
        let beat = 60 / tempo
        let fs = sampleRate
        let band = renderBand()
        // Lead: a melody over the loop; backing: a third below it, from bar 3, quieter.
        let melody: [(Double, Double)] = [
            (69, 1), (72, 1), (71, 0.5), (69, 1.5), (65, 1), (67, 1), (69, 2), (64, 1), (67, 1), (72, 1), (71, 1),
            (69, 2), (67, 2),
        ]
        var notes: [SungNote] = [], harmony: [SungNote] = []
        var time = 0.2
        while time < seconds - 1 {
            for (midi, beats) in melody where time < seconds - 1 {
                let d = beats * beat
                let pitch = midi + Double(transposition)
                notes.append(
                    SungNote(start: time, duration: d * 0.92, midi: pitch, vibratoRate: 5.5, vibratoDepthCents: 25))
                if time > 8 * beat {
                    harmony.append(SungNote(start: time, duration: d * 0.92, midi: pitch - 4, velocity: 0.6))
                }
                time += d
            }
        }
        var voice = VoiceSynth(sampleRate: fs, seed: 7)
        voice.consonantBursts = true
        let lead = voice.render(notes, duration: seconds).samples
        voice.seed = 11
        let backing = voice.render(harmony, duration: seconds).samples
        func scaled(_ x: [Float], _ g: Float) -> [Float] { x.map { $0 * g } }
        return band + [[scaled(Array(lead.prefix(n)), 0.5)], [scaled(Array(backing.prefix(n)), 0.3)]]
    }
}

/// A small, fast, seeded pseudo-random generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in -1 ..< 1.
    mutating func nextSigned() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }
}
