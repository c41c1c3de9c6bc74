import ProducerAudio
import ProducerDSP
import RealModule

extension Mastering {
    /// Runs `processor` over `channels` in blocks, with its latency removed.
    static func run<P: Processor>(_ processor: inout P, _ channels: inout [[Float]], sampleRate: Double) {
        guard let frames = channels.first?.count, frames > 0 else { return }
        let blockFrames = 4096
        processor.prepare(sampleRate: sampleRate, channelCount: channels.count, maximumBlockFrames: blockFrames)
        let latency = processor.latencyFrames
        var block = AudioBuffer(channelCount: channels.count, frameCapacity: blockFrames)
        var read = 0, written = 0
        while written < frames {
            let count = min(blockFrames, frames + latency - read)
            block.frameCount = count
            block.withUnsafeMutableStorage { s in
                for c in channels.indices {
                    let available = max(0, min(count, frames - read))
                    channels[c].withUnsafeBufferPointer { x in
                        if available > 0 {
                            (s.baseAddress! + c * blockFrames).update(from: x.baseAddress! + read, count: available)
                        }
                    }
                    for i in available..<count { s[c * blockFrames + i] = 0 }
                }
            }
            processor.process(&block, sidechain: nil)
            // Output frame i of this block is input frame read + i − latency.
            let skip = max(0, latency - read)
            block.withUnsafeMutableStorage { s in
                for c in channels.indices {
                    var i = skip
                    var w = written
                    while i < count && w < frames {
                        channels[c][w] = s[c * blockFrames + i]
                        i += 1; w += 1
                    }
                }
            }
            written += max(0, min(count - skip, frames - written))
            read += count
        }
    }

    /// One pass of the loudness search: `source` × `gain` dB through `limiter` into `output`
    /// (same shape as `source`), block by block without copying the whole signal; returns the
    /// output's integrated loudness (LUFS, −70 for silence).
    static func limiterPass(
        _ source: [[Float]], gain: Double, limiter: inout Limiter, into output: inout [[Float]], sampleRate: Double
    ) -> Double {
        guard let frames = source.first?.count, frames > 0 else { return -70 }
        let blockFrames = 4096, channels = source.count
        let g = Float(Double.pow(10, gain / 20))
        limiter.prepare(sampleRate: sampleRate, channelCount: channels, maximumBlockFrames: blockFrames)
        let latency = limiter.latencyFrames
        var meter = LoudnessMeter(sampleRate: sampleRate, channelCount: channels)
        var block = AudioBuffer(channelCount: channels, frameCapacity: blockFrames)
        var valid = AudioBuffer(channelCount: channels, frameCapacity: blockFrames)
        var read = 0, written = 0
        while written < frames {
            let count = min(blockFrames, frames + latency - read)
            let available = max(0, min(count, frames - read))
            block.frameCount = count
            block.withUnsafeMutableStorage { b in
                for c in 0..<channels {
                    let d = b.baseAddress! + c * blockFrames
                    source[c].withUnsafeBufferPointer { x in
                        let s = x.baseAddress! + read
                        for i in 0..<available { d[i] = s[i] * g }
                    }
                    for i in available..<count { d[i] = 0 }
                }
            }
            limiter.process(&block, sidechain: nil)
            let skip = max(0, latency - read)
            let n = max(0, min(count - skip, frames - written))
            if n > 0 {
                valid.frameCount = n
                block.withUnsafeStorage { b in
                    valid.withUnsafeMutableStorage { v in
                        for c in 0..<channels {
                            let from = b.baseAddress! + c * blockFrames + skip
                            (v.baseAddress! + c * blockFrames).update(from: from, count: n)
                            output[c].withUnsafeMutableBufferPointer { o in
                                (o.baseAddress! + written).update(from: from, count: n)
                            }
                        }
                    }
                }
                meter.consume(valid)
            }
            written += n
            read += count
        }
        return meter.result().integrated ?? -70
    }

    /// Hands `channels` to `body` in blocks of up to 65 536 frames, through one reused buffer.
    static func forEachBlock(_ channels: [[Float]], _ body: (AudioBuffer) -> Void) {
        let frames = channels.first?.count ?? 0, size = 65_536
        let capacity = min(size, max(1, frames))
        var block = AudioBuffer(channelCount: channels.count, frameCapacity: capacity)
        var start = 0
        while start < frames {
            let n = min(size, frames - start)
            block.frameCount = n
            block.withUnsafeMutableStorage { s in
                for c in channels.indices {
                    channels[c].withUnsafeBufferPointer { x in
                        (s.baseAddress! + c * capacity).update(from: x.baseAddress! + start, count: n)
                    }
                }
            }
            body(block)
            start += n
        }
    }

    /// Loudness (integrated and range) and peaks of `channels`.
    static func measure(_ channels: [[Float]], sampleRate: Double) -> MasterReport.Measurement {
        var loudness = LoudnessMeter(sampleRate: sampleRate, channelCount: channels.count)
        var peaks = TruePeakMeter(channelCount: channels.count)
        forEachBlock(channels) { b in
            loudness.consume(b)
            peaks.consume(b)
        }
        let l = loudness.result(), p = peaks.result()
        return MasterReport.Measurement(
            integrated: l.integrated, truePeak: p.truePeakDecibels, samplePeak: p.samplePeakDecibels,
            loudnessRange: l.loudnessRange, sampleRate: sampleRate)
    }

    /// True peak only, dBTP (−200 for silence).
    static func truePeak(_ channels: [[Float]]) -> Double {
        var peaks = TruePeakMeter(channelCount: channels.count)
        forEachBlock(channels) { peaks.consume($0) }
        return peaks.result().truePeakDecibels ?? -200
    }

    /// Multiplies every sample by 10^(dB/20).
    static func scale(_ channels: inout [[Float]], decibels: Double) {
        let g = Float(Double.pow(10, decibels / 20))
        for c in channels.indices {
            channels[c].withUnsafeMutableBufferPointer { x in
                for i in x.indices { x[i] *= g }
            }
        }
    }

    /// A soft clipper whose threshold is `drive` dB under the signal's sample peak: linear up to
    /// half the threshold, then a tanh knee that approaches the threshold (the limiter after it
    /// holds the inter-sample peaks).
    static func softClip(_ channels: inout [[Float]], drive: Double) {
        let peak = channels.map { $0.reduce(Float(0)) { max($0, abs($1)) } }.max() ?? 0
        guard peak > 0 else { return }
        let threshold = peak * Float(Double.pow(10, -drive / 20)), knee: Float = 0.5
        for c in channels.indices {
            channels[c].withUnsafeMutableBufferPointer { x in
                for i in x.indices {
                    let a = abs(x[i]) / threshold
                    if a > knee {
                        let y = (knee + (1 - knee) * Float.tanh((a - knee) / (1 - knee))) * threshold
                        x[i] = x[i] < 0 ? -y : y
                    }
                }
            }
        }
    }

    /// Runs of two or more consecutive samples at full scale (|x| ≥ 0.999), and the samples in them.
    static func clipping(_ channels: [[Float]]) -> (runs: Int, samples: Int) {
        var runs = 0, samples = 0
        for x in channels {
            var length = 0
            for v in x {
                if abs(v) >= 0.999 {
                    length += 1
                } else {
                    if length >= 2 { runs += 1; samples += length }
                    length = 0
                }
            }
            if length >= 2 { runs += 1; samples += length }
        }
        return (runs, samples)
    }

    /// The compressor's threshold: 3 dB under the 90th percentile of the mix's 400 ms mean-square
    /// levels (blocks above −60 dBFS), so only the loudest passages are touched, by about 1 dB.
    static func compressionThreshold(_ channels: [[Float]], sampleRate: Double) -> Double {
        let size = max(1, Int(0.4 * sampleRate))
        var levels: [Double] = []
        var start = 0
        let frames = channels.first?.count ?? 0
        while start + size <= frames {
            var sum = 0.0
            for x in channels {
                for i in start..<(start + size) { sum += Double(x[i] * x[i]) }
            }
            let level = 10 * Double.log10(max(sum / Double(size * channels.count), 1e-20))
            if level > -60 { levels.append(level) }
            start += size
        }
        guard !levels.isEmpty else { return -20 }
        levels.sort()
        return min(-6, max(-60, levels[Int(0.9 * Double(levels.count - 1))] - 3))
    }
}
