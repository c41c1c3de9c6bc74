import Foundation
import ProducerAudio
import ProducerConsole

extension Spectrum {
    /// The third-octave band centres plotted, Hz: 40 Hz … 16 kHz (the bands mastering matches).
    public static var bandCentres: [Double] { ToneProfile.matchedBands.map { ToneProfile.bandCentres[$0] } }

    /// Reads the mix and, if given, the reference, and measures each one's third-octave spectrum
    /// (the long-term spectrum of the mid, as `master` matches tone): each band's power in dB,
    /// less the mean over the bands, so that pink noise is flat and the two shapes compare
    /// whatever their levels.
    /// - Throws: the reader's error, naming the file, when one cannot be read.
    public init(mix: String, reference: String?) throws {
        let m = try AudioFile.read(path: mix)
        let r = try reference.map { try AudioFile.read(path: $0) }
        self.init(
            centres: Self.bandCentres, mix: Self.levels(m.buffer, sampleRate: m.format.sampleRate),
            reference: r.map { Self.levels($0.buffer, sampleRate: $0.format.sampleRate) })
    }

    /// The normalised third-octave levels of `buffer` (one or two channels), dB, at ``bandCentres``.
    public static func levels(_ buffer: AudioBuffer, sampleRate: Double) -> [Double] {
        let density = ToneProfile(buffer, sampleRate: sampleRate).midBands
        // Mean density × bandwidth (∝ centre): the band's power.
        let power = ToneProfile.matchedBands.map { density[$0] + 10 * log10(ToneProfile.bandCentres[$0]) }
        let heard = power.filter { $0 > -150 }
        let mean = heard.isEmpty ? 0 : heard.reduce(0, +) / Double(heard.count)
        return power.map { (($0 - mean) * 10).rounded() / 10 }
    }
}
