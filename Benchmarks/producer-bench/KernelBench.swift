// producer-bench kernels: the mix benchmark's processors one at a time, on the same kind of
// material (a tone with a slow swell and a little noise), in the mixer's 8192-frame blocks, on
// one thread. Prints the best of several rounds in nanoseconds per frame, so a change to one
// processor can be measured apart from the rest of the render and from the noise of a shared
// machine (run the old and the new binary in turn).
import Foundation
import ProducerAudio
import ProducerConsole

func runKernelBenchmark(seconds: Double, rounds: Int, only: String? = nil) {
    let rate = 48_000.0, block = 8192
    let frames = Int(seconds * rate)
    // Eight tracks' worth of material, as the mix benchmark writes it.
    let tracks: [[Float]] = (0..<8).map { t in
        var track = BenchTrack(t, rate: rate)
        return (0..<frames).map { _ in track.next() }
    }
    // For the stereo processors (a bus, the master): the tracks summed with different
    // weights per channel, peaking well over full scale, as the mix benchmark's master does.
    let sums: [[Float]] = (0..<(2 * tracks.count)).map { m in
        var sum = [Float](repeating: 0, count: frames)
        for (k, track) in tracks.enumerated() {
            let weight = 0.5 + 0.2 * Float((k + m) % 3)
            for i in 0..<frames { sum[i] += track[i] * weight }
        }
        return sum
    }
    let bands = [
        Equalizer.Band(frequency: 200, gain: -2, q: 1), Equalizer.Band(frequency: 800, gain: 1.5, q: 1),
        Equalizer.Band(frequency: 3000, gain: 2, q: 1), Equalizer.Band(frequency: 8000, gain: 1, q: 0.7),
    ]
    let mono: [(String, () -> any Processor)] = [
        ("eq (high-pass + 4 bands), mono", { Equalizer(highpass: 80, bands: bands) }),
        ("compressor, mono", { Compressor(threshold: -18, ratio: 3, attack: 10, release: 120) }),
    ]
    let stereo: [(String, () -> any Processor)] = [
        ("reverb (size 0.7), stereo", { Reverb(size: 0.7, mix: 1) }),
        ("limiter (−1 dBTP), stereo", { Limiter(ceiling: -1) }),
    ]
    func time(_ make: () -> any Processor, channels: Int) -> Double {
        var best = Double.infinity
        var buffer = AudioBuffer(channelCount: channels, frameCapacity: block)
        for _ in 0..<rounds {
            var elapsed = 0.0
            for t in tracks.indices {
                var p = make()
                p.prepare(sampleRate: rate, channelCount: channels, maximumBlockFrames: block)
                var done = 0
                while done < frames {
                    let n = min(block, frames - done)
                    buffer.frameCount = n
                    for c in 0..<channels {
                        let source = channels == 1 ? tracks[t] : sums[(2 * t + c) % sums.count]
                        for i in 0..<n { buffer[c, i] = source[done + i] }
                    }
                    let t0 = now()
                    p.process(&buffer)
                    elapsed += now() - t0
                    done += n
                }
            }
            best = min(best, elapsed)
        }
        return best / Double(tracks.count * frames) * 1e9
    }
    print(
        String(
            format: "%d rounds of %d tracks × %.0f s at 48 kHz, blocks of %d frames; best round:", rounds, tracks.count,
            seconds, block))
    for (name, make) in mono where only.map(name.contains) ?? true {
        print(
            "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: " %7.2f ns/frame", time(make, channels: 1)))
    }
    for (name, make) in stereo where only.map(name.contains) ?? true {
        print(
            "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: " %7.2f ns/frame", time(make, channels: 2)))
    }
}
