import Foundation
import ProducerMusic
import Testing

@Suite struct SynthTests {
    static let rate = 48_000.0

    /// One note of `pitch` from 0 to `seconds`, rendered to the end of its release, as the L+R sum.
    static func render(
        _ instrument: Instrument, pitch: Int, velocity: Int = 100, seconds: Double = 4.5, tail: Double = 1
    ) -> [Float] {
        let synth = InstrumentSynth(
            instrument: instrument, sampleRate: rate,
            notes: [MIDINote(pitch: pitch, start: 0, end: seconds, velocity: velocity)])
        let (l, r) = synth.rendered(frameCount: Int((seconds + tail) * rate))
        return zip(l, r).map { $0 + $1 }
    }

    /// `x` under a Hann window.
    static func hann(_ x: ArraySlice<Float>) -> [Double] {
        let n = x.count
        return x.enumerated().map { i, v in Double(v) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n - 1))) }
    }

    /// The magnitude of the spectrum of `x` at `hz` (Goertzel).
    static func magnitude(_ x: [Double], _ hz: Double) -> Double {
        let c = 2 * cos(2 * Double.pi * hz / rate)
        var s1 = 0.0, s2 = 0.0
        for v in x {
            let s = v + c * s1 - s2
            s2 = s1
            s1 = s
        }
        return (s1 * s1 + s2 * s2 - c * s1 * s2).squareRoot()
    }

    /// The strongest frequency within ±15 cents of `expected` in `x`, in cents from `expected`:
    /// a 0.5-cent grid over the Hann-windowed spectrum, then a parabola through the log
    /// magnitudes around its peak.
    static func centsOff(_ x: ArraySlice<Float>, expected: Double) -> Double {
        let windowed = hann(x)
        let grid = stride(from: -15.0, through: 15.0, by: 0.5).map { $0 }
        let mags = grid.map { log(magnitude(windowed, expected * pow(2, $0 / 1200)) + 1e-30) }
        let k = mags.indices.max { mags[$0] < mags[$1] }!
        guard k > 0 && k < grid.count - 1 else { return grid[k] }
        let (a, b, c) = (mags[k - 1], mags[k], mags[k + 1])
        return grid[k] + 0.5 * 0.5 * (a - c) / (a - 2 * b + c)
    }

    static func frequency(_ pitch: Int) -> Double { 440 * pow(2, Double(pitch - 69) / 12) }

    @Test(arguments: [Instrument.bass, .keys, .guitar, .pad, .strings, .lead])
    func tunedWithinOneCent(_ instrument: Instrument) {
        let range = instrument.range
        let pitches = [range.lowerBound + 2, 57, 69, range.upperBound - 3].filter { range.contains($0) }
        for pitch in pitches {
            let x = Self.render(instrument, pitch: pitch, seconds: 8.5, tail: 0)
            // Eight seconds from 0.4 s, past every attack: long enough that the detuned saws of the
            // pad and the strings (±7 and ±9 cents) stand apart from the centre one.
            let window = x[Int(0.4 * Self.rate)..<Int(8.4 * Self.rate)]
            let off = Self.centsOff(window, expected: Self.frequency(pitch))
            #expect(abs(off) < 1, "\(instrument) MIDI \(pitch): \(off) cents")
        }
    }

    static func rms(_ x: [Float]) -> Double {
        (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, x.count))).squareRoot()
    }

    @Test(arguments: Instrument.allCases)
    func louderWithVelocity(_ instrument: Instrument) {
        let pitch = instrument == .drums ? 38 : 60
        let levels = [20, 50, 80, 110, 127].map {
            Self.rms(Self.render(instrument, pitch: pitch, velocity: $0, seconds: 0.6, tail: 0.4))
        }
        for (a, b) in zip(levels, levels.dropFirst()) { #expect(b > a * 1.2, "\(instrument): \(levels)") }
    }

    @Test func brighterWithVelocity() {
        // The bass's filter opens with velocity: more of the signal above 1 kHz (first difference as a tilt).
        func tilt(_ v: Int) -> Double {
            let x = Self.render(.bass, pitch: 40, velocity: v, seconds: 0.5, tail: 0)
            let d = zip(x.dropFirst(), x).map { $0 - $1 }
            return Self.rms(d) / Self.rms(x)
        }
        #expect(tilt(120) > tilt(40) * 1.3)
    }

    @Test(arguments: [Instrument.bass, .keys, .guitar, .pad, .strings, .lead])
    func releaseWithoutClick(_ instrument: Instrument) {
        let off = 1.0, offFrame = Int(off * Self.rate)
        let released = Self.render(instrument, pitch: 57, seconds: off, tail: 2)
        let held = Self.render(instrument, pitch: 57, seconds: off + 2, tail: 0)
        #expect(released[..<offFrame] == held[..<offFrame])
        // The release is the held note times a gain that falls smoothly: where the held note is
        // well above zero, the gain moves by less than 0.5 % from one sample to the next (a cut
        // would move it by 100 %).
        let floor = 0.2 * (held[(offFrame - 4800)..<offFrame].map(abs).max() ?? 0)
        var steepest: Float = 0
        for i in (offFrame - 100)..<(offFrame + Int(0.5 * Self.rate))
        where abs(held[i]) > floor && abs(held[i - 1]) > floor {
            steepest = max(steepest, abs(released[i] / held[i] - released[i - 1] / held[i - 1]))
        }
        #expect(steepest < 0.005, "\(instrument): the gain steps by \(steepest) in one sample")
        // No sample-to-sample jump after the note-off is larger than the waveform's own before it.
        func largestJump(_ r: Range<Int>) -> Float { r.map { abs(released[$0] - released[$0 - 1]) }.max() ?? 0 }
        #expect(largestJump(offFrame..<released.count) <= largestJump((offFrame - 2400)..<offFrame) * 1.01)
        // The tail ends in silence.
        #expect(released.suffix(Int(0.2 * Self.rate)).allSatisfy { $0 == 0 }, "\(instrument): no silence at the end")
    }

    /// The share of the energy above `hz` in the first 4096 samples (a DFT, bin by bin).
    static func shareAbove(_ x: [Float], _ hz: Double) -> Double {
        let n = 4096
        let slice = (Array(x.prefix(n)) + [Float](repeating: 0, count: max(0, n - x.count))).map(Double.init)
        var above = 0.0, total = 0.0
        for bin in 1..<(n / 2) {
            let m = magnitude(slice, Double(bin) * rate / Double(n))
            total += m * m
            if Double(bin) * rate / Double(n) > hz { above += m * m }
        }
        return above / total
    }

    @Test func drumKitSpectra() {
        let kick = Self.render(.drums, pitch: 36, seconds: 0.2, tail: 0.3)
        let hat = Self.render(.drums, pitch: 42, seconds: 0.2, tail: 0.3)
        let snare = Self.render(.drums, pitch: 38, seconds: 0.2, tail: 0.3)
        #expect(Self.shareAbove(kick, 200) < 0.15)
        #expect(Self.shareAbove(hat, 5000) > 0.7)
        let s = Self.shareAbove(snare, 1000)
        #expect(s > 0.3 && s < 0.95)
        // Keys the kit lacks play the nearest sound: 34 is a kick, 82 a ride-like cymbal.
        #expect(Self.render(.drums, pitch: 34, seconds: 0.2) == Self.render(.drums, pitch: 35, seconds: 0.2))
    }

    @Test func closedHatChokesOpenHat() {
        func energyAfter(_ notes: [MIDINote]) -> Double {
            let synth = InstrumentSynth(instrument: .drums, sampleRate: Self.rate, notes: notes)
            let (l, _) = synth.rendered(frameCount: Int(0.6 * Self.rate))
            return Self.rms(Array(l[Int(0.3 * Self.rate)...]))
        }
        let open = MIDINote(pitch: 46, start: 0, end: 0.1, velocity: 110)
        let alone = energyAfter([open])
        let choked = energyAfter([open, MIDINote(pitch: 42, start: 0.15, end: 0.2, velocity: 20)])
        #expect(choked < alone * 0.01)
    }

    @Test func polyphonyIsBounded() {
        // 400 notes at once and 2000 within a second: never more voices than the bound.
        var notes: [MIDINote] = []
        for i in 0..<400 { notes.append(MIDINote(pitch: 40 + i % 40, start: 0.1, end: 2, velocity: 100)) }
        for i in 0..<2000 {
            notes.append(MIDINote(pitch: 40 + i % 41, start: 0.5 + Double(i) / 2000, end: 3, velocity: 100))
        }
        var synth = InstrumentSynth(instrument: .pad, sampleRate: Self.rate, notes: notes)
        var l = [Float](repeating: 0, count: 256), r = l
        var peak: Float = 0, most = 0
        for block in 0..<Int(3.5 * Self.rate / 256) {
            l.withUnsafeMutableBufferPointer { lp in
                r.withUnsafeMutableBufferPointer { rp in
                    synth.render(
                        intoLeft: lp.baseAddress!, right: rp.baseAddress!, frame: Int64(block * 256), count: 256)
                }
            }
            most = max(most, synth.activeVoiceCount)
            peak = max(peak, l.map(abs).max()!)
        }
        #expect(most <= 2 * synth.maximumVoices)
        #expect(most >= synth.maximumVoices)
        #expect(peak.isFinite && peak < Float(synth.maximumVoices))
    }

    @Test(arguments: [Instrument.bass, .keys, .strings, .lead, .drums])
    func blocksJoinSeamlessly(_ instrument: Instrument) {
        // Rendering in odd-sized blocks gives the same samples as one pass.
        let notes = (0..<20).map {
            MIDINote(
                pitch: (instrument == .drums ? 36 : 48) + $0 % 12, start: Double($0) * 0.1, end: Double($0) * 0.1 + 0.3)
        }
        let whole = InstrumentSynth(instrument: instrument, sampleRate: Self.rate, notes: notes).rendered(
            frameCount: 150_000)
        var synth = InstrumentSynth(instrument: instrument, sampleRate: Self.rate, notes: notes)
        var l = [Float](repeating: 0, count: 150_000), r = l
        var frame = 0
        l.withUnsafeMutableBufferPointer { lp in
            r.withUnsafeMutableBufferPointer { rp in
                while frame < 150_000 {
                    let n = min(777, 150_000 - frame)
                    synth.render(
                        intoLeft: lp.baseAddress! + frame, right: rp.baseAddress! + frame, frame: Int64(frame), count: n
                    )
                    frame += n
                }
            }
        }
        #expect(l == whole.left && r == whole.right)
    }

    @Test func jumpLandsInTheMiddleOfNotes() {
        // A render that starts at 5.3 s (a trimmed track) plays what a render from 0 plays from
        // there on: the notes begun in the two seconds before are caught up.
        let notes = (0..<10).map { MIDINote(pitch: 50 + $0, start: Double($0), end: Double($0) + 1.5) }
        let whole = InstrumentSynth(instrument: .keys, sampleRate: Self.rate, notes: notes).rendered(
            frameCount: 400_000)
        var synth = InstrumentSynth(instrument: .keys, sampleRate: Self.rate, notes: notes)
        let from = Int(5.3 * Self.rate)
        var l = [Float](repeating: 0, count: 400_000 - from), r = l
        l.withUnsafeMutableBufferPointer { lp in
            r.withUnsafeMutableBufferPointer { rp in
                synth.render(intoLeft: lp.baseAddress!, right: rp.baseAddress!, frame: Int64(from), count: lp.count)
            }
        }
        #expect(l == Array(whole.left[from...]))
        #expect(l.contains { $0 != 0 })
    }
}
