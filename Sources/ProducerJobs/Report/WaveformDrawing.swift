import Foundation
import ProducerAudio
import ProducerDSP

/// Draws a ``Waveform`` from blocks of audio as they are read (column extremes, clip runs and
/// 50 ms window levels), for a pass over a file that measures other things too:
///
/// ```swift
/// var drawing = WaveformDrawing(sampleRate: 48_000, channelCount: 2, frameCount: frames)
/// while try reader.read(into: &block) > 0 { drawing.consume(block) }
/// let waveform = drawing.result()
/// ```
public struct WaveformDrawing: Sendable {
    let sampleRate: Double
    let frameCount: Int
    let columns: Int
    var minimum: [Float]
    var maximum: [Float]
    var clipping: ClippingMeter
    /// Frames consumed.
    var position = 0
    /// The current 50 ms window: its length, frames filled and sum of squares over channels.
    let window: Int
    var windowFrames = 0
    var windowEnergy = 0.0
    let channelCount: Int
    /// The open silent stretch's first frame, and the stretches closed.
    var silentStart: Int?
    var silent: [TimeRange] = []

    /// A drawing of `frameCount` frames (the file's length, which sets the columns' width) at
    /// `columns` columns (fewer for a file of fewer frames).
    public init(sampleRate: Double, channelCount: Int, frameCount: Int, columns: Int = 800) {
        self.sampleRate = sampleRate
        self.frameCount = frameCount
        self.channelCount = channelCount
        self.columns = max(1, min(columns, max(1, frameCount)))
        minimum = [Float](repeating: 0, count: self.columns)
        maximum = minimum
        clipping = ClippingMeter(sampleRate: sampleRate, channelCount: channelCount, maximumStoredRuns: 100_000)
        window = max(1, Int(sampleRate * 0.05))
    }

    /// The column frame `frame` falls in.
    func column(_ frame: Int) -> Int {
        min(columns - 1, frame * columns / max(1, frameCount))
    }

    /// Adds the next frames.
    public mutating func consume(_ block: AudioBuffer) {
        let n = block.frameCount
        guard n > 0 else { return }
        clipping.consume(block)
        let origin = position
        // Each column spans frames [col·F/C, (col+1)·F/C); walk the columns this block touches.
        var col = column(origin)
        while col < columns {
            let first = max(origin, col * frameCount / columns)
            let last = col == columns - 1 ? origin + n : min(origin + n, (col + 1) * frameCount / columns)
            if first >= origin + n { break }
            var lo = minimum[col], hi = maximum[col]
            for c in 0..<block.channelCount {
                block.withChannel(c) { samples in
                    for j in (first - origin)..<(last - origin) {
                        let x = samples[j]
                        lo = min(lo, x)
                        hi = max(hi, x)
                    }
                }
            }
            minimum[col] = lo
            maximum[col] = hi
            if last >= origin + n { break }
            col += 1
        }
        // 50 ms windows for silence, over every channel.
        var i = 0
        while i < n {
            let take = min(n - i, window - windowFrames)
            var sum = 0.0
            for c in 0..<block.channelCount {
                block.withChannel(c) { samples in
                    for j in i..<(i + take) { sum += Double(samples[j]) * Double(samples[j]) }
                }
            }
            windowEnergy += sum
            windowFrames += take
            i += take
            if windowFrames == window { closeWindow(end: origin + i) }
        }
        position += n
    }

    /// Ends the current window (its last frame before `end`), opening or closing a silent stretch.
    mutating func closeWindow(end: Int) {
        guard windowFrames > 0 else { return }
        let meanSquare = windowEnergy / Double(windowFrames * channelCount)
        let level = meanSquare > 0 ? 10 * log10(meanSquare) : -.infinity
        let start = end - windowFrames
        if level < Waveform.silenceThreshold {
            if silentStart == nil { silentStart = start }
        } else {
            closeSilence(at: start)
        }
        windowFrames = 0
        windowEnergy = 0
    }

    mutating func closeSilence(at frame: Int) {
        guard let s = silentStart else { return }
        silentStart = nil
        let range = TimeRange(start: Double(s) / sampleRate, end: Double(frame) / sampleRate)
        if range.end - range.start >= Waveform.shortestSilence - 1e-9 { silent.append(range) }
    }

    /// The waveform of everything consumed.
    public mutating func result() -> Waveform {
        closeWindow(end: position)
        closeSilence(at: position)
        let runs = clipping.result().runs.sorted { $0.start < $1.start }
        var clipped: [TimeRange] = []
        for run in runs {
            if let last = clipped.last, run.start - last.end <= Waveform.clipMergeGap {
                clipped[clipped.count - 1].end = max(last.end, run.end)
            } else {
                clipped.append(TimeRange(start: run.start, end: run.end))
            }
        }
        let used = min(columns, max(1, position))
        return Waveform(
            duration: Double(position) / sampleRate, minimum: Array(minimum.prefix(used)),
            maximum: Array(maximum.prefix(used)), clipped: clipped, silent: silent)
    }
}
