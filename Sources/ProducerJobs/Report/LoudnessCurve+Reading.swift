import ProducerAudio
import ProducerDSP

extension LoudnessCurve {
    /// The short-term window, seconds (EBU R128).
    public static let window = 3.0

    /// Reads an audio file in blocks and measures its short-term (3 s) loudness every `step`
    /// seconds (a multiple of 0.1 s; default 0.5 s) with the BS.1770 meter `analyze` uses, and
    /// its integrated loudness. Point `k` is the 3 s window ending at 3 s + k·step (see
    /// ``time(at:)``); a silent window is nil. A file shorter than 3 s has no points.
    /// - Throws: the reader's error, naming the file, when it cannot be read.
    public init(reading path: String, step: Double = 0.5) throws {
        let reader = try AudioFileReader(path: path)
        var meter = LoudnessMeter(sampleRate: reader.format.sampleRate, channelCount: reader.format.channelCount)
        meter.recordsSeries = true
        var block = AudioBuffer(channelCount: reader.format.channelCount, frameCapacity: 8192)
        while try reader.read(into: &block) > 0 { meter.consume(block) }
        self.init(meter: meter, step: step)
    }

    /// The curve of `buffer` at `sampleRate` (as ``init(reading:step:)`` measures a file).
    public init(_ buffer: AudioBuffer, sampleRate: Double, step: Double = 0.5) {
        var meter = LoudnessMeter(sampleRate: sampleRate, channelCount: buffer.channelCount)
        meter.recordsSeries = true
        meter.consume(buffer)
        self.init(meter: meter, step: step)
    }

    /// The curve from a meter that recorded its series (``LoudnessMeter/recordsSeries``), for a
    /// pass over a file that measures other things too.
    public init(meter: LoudnessMeter, step: Double = 0.5) {
        let stride = max(1, Int((step * 10).rounded()))
        let series = meter.shortTermSeries
        let points = Swift.stride(from: 0, to: series.count, by: stride).map { i -> Double? in
            series[i].isFinite && series[i] > -70 ? series[i] : nil
        }
        self.init(step: Double(stride) / 10, shortTerm: points, integrated: meter.result().integrated)
    }

    /// Where point `index` sits on the file's time line: the end of its 3 s window, seconds.
    public func time(at index: Int) -> Double {
        Self.window + Double(index) * step
    }
}
