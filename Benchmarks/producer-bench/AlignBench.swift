// producer-bench align: `producer align`'s measurement and rendering on a long recording, in
// memory (the files' reading is the analysis benchmark's business). A 48 kHz reference and three
// mics of the same source (partials under bursts), each late by a fractional delay, one flipped,
// with room noise; prints the time to measure and to render each mic, as × real
// time, and the delays found against the true ones.
import Foundation
import ProducerAudio
import ProducerConsole

func runAlignBenchmark(minutes: Double, window: Double?) throws {
    let rate = 48_000.0
    let frames = Int(minutes * 60 * rate)
    var seed: UInt64 = 0x5EED
    func uniform() -> Double {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(seed >> 11) / Double(1 << 53) * 2 - 1
    }
    // The source: 80 partials from 40 Hz to 16 kHz under bursts (raised-cosine edges, 4 per
    // second), evaluated at n − delay: an exact fractional delay at any delay.
    let partials = (0..<80).map { _ in
        (omega: 2 * Double.pi * 40 * pow(400, (uniform() + 1) / 2) / rate, phase: Double.pi * uniform())
    }
    func envelope(_ t: Double) -> Double {
        let x = t - 12_000 * (t / 12_000).rounded(.down)
        if x < 480 { return 0.5 - 0.5 * cos(.pi * x / 480) }
        if x < 6_720 { return 1 }
        if x < 7_200 { return 0.5 + 0.5 * cos(.pi * (x - 6_720) / 480) }
        return 0
    }
    func mic(_ delay: Double, gain: Double) -> [Float] {
        var out = [Double](repeating: 0, count: frames)
        for p in partials {
            var re = cos(p.phase - p.omega * delay), im = sin(p.phase - p.omega * delay)
            let cr = cos(p.omega), ci = sin(p.omega)
            for n in 0..<frames {
                out[n] += im
                let r = re * cr - im * ci
                im = re * ci + im * cr
                re = r
            }
        }
        return (0..<frames).map { n in Float(gain * 0.03 * out[n] * envelope(Double(n) - delay) + 0.01 * uniform()) }
    }
    let reference = MemoryMicSource(mic(0, gain: 1))
    let delays: [(Double, Double)] = [(113.68, -0.8), (-961.25, 0.6), (2_400.5, 0.5)]
    let aligner = MicAligner(sampleRate: rate, window: window)
    print(
        "align: \(minutes) min at 48 kHz, \(delays.count) mics\(window.map { ", windows of \($0) s" } ?? "")")
    var totalMeasure = 0.0, totalRender = 0.0
    for (delay, gain) in delays {
        let m = MemoryMicSource(mic(delay, gain: gain))
        var start = Date()
        let found = try aligner.measure(reference: reference, mic: m)
        let measure = Date().timeIntervalSince(start)
        start = Date()
        var sink: Float = 0
        try aligner.render(mic: m, alignment: found) { sink += $0[0, 0] }
        let render = Date().timeIntervalSince(start)
        totalMeasure += measure
        totalRender += render
        let seconds = Double(frames) / rate
        print(
            String(
                format: "  %+9.2f samples: found %+10.4f %@, measure %.2f s (%.0f× real time), render %.2f s (%.0f×)",
                delay, found.delay.samples, found.delay.inverted ? "inverted" : "normal  ", measure,
                seconds / measure, render, seconds / render))
    }
    let seconds = Double(frames) / rate * Double(delays.count)
    print(
        String(
            format: "  all: %.0f× real time per mic (measure %.0f×, render %.0f×), one core",
            seconds / (totalMeasure + totalRender),
            seconds / totalMeasure, seconds / totalRender))
}
