import Foundation
import ProducerAudio

extension Waveform {
    /// The level (dBFS RMS over every channel of a 50 ms window) below which a stretch is silent.
    public static let silenceThreshold = -60.0
    /// The shortest silent stretch marked, seconds.
    public static let shortestSilence = 0.5
    /// Clipped runs closer than this (seconds) are marked as one stretch.
    public static let clipMergeGap = 0.05

    /// Reads an audio file in blocks and draws its waveform at `columns` columns: each column's
    /// lowest and highest sample over the channels, the stretches at full scale (runs of 3 or more
    /// samples at or above 0.999, as `analyze` counts clipping) and the silent stretches (below
    /// −60 dBFS for at least 0.5 s). Memory does not depend on the file's length.
    /// - Throws: the reader's error, naming the file, when it cannot be read.
    public init(reading path: String, columns: Int = 800) throws {
        let reader = try AudioFileReader(path: path)
        var drawing = WaveformDrawing(
            sampleRate: reader.format.sampleRate, channelCount: reader.format.channelCount,
            frameCount: Int(reader.frameCount), columns: columns)
        var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 8192)
        while try reader.read(into: &block) > 0 { drawing.consume(block) }
        self = drawing.result()
    }

    /// The waveform of `buffer` at `sampleRate` (as ``init(reading:columns:)`` draws a file's).
    public init(_ buffer: AudioBuffer, sampleRate: Double, columns: Int = 800) {
        var drawing = WaveformDrawing(
            sampleRate: sampleRate, channelCount: buffer.channelCount, frameCount: buffer.frameCount,
            columns: columns)
        drawing.consume(buffer)
        self = drawing.result()
    }
}
