import Foundation
import ProducerAudio
import ProducerConsole

/// The demo's overhead pair: two mics over the kit that hear it differently, the right one late
/// by a fraction of a sample and wired in reverse polarity, for `produce` to align.
enum DemoOverheads {
    /// How late the demo's right overhead is, samples.
    static let delay = 41.3

    /// Writes `oh-left.wav` and `oh-right.wav` (mono, 24-bit) into `folder`: an overhead pair over
    /// `kick`, `snare` and `hats`, each with its own balance and hiss, the right one `delay`
    /// samples late (a fractional delay) and inverted. `seed` sets the hiss.
    static func write(
        kick: [Float], snare: [Float], hats: [Float], sampleRate: Double, delay: Double, seed: UInt64 = 0x0E4D,
        to folder: String
    ) throws -> (left: String, right: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let n = kick.count
        var left = [Float](repeating: 0, count: n), right = left
        var hiss = SplitMix(seed: seed)
        for i in 0..<n {
            left[i] = 0.5 * kick[i] + 0.8 * snare[i] + 1.4 * hats[i] + Float(0.002 * hiss.nextSigned())
            right[i] = 0.6 * kick[i] + 1.1 * snare[i] + 0.8 * hats[i]
        }
        right = FractionalDelay.delayed(right, by: delay).map { -$0 }
        for i in 0..<n { right[i] += Float(0.002 * hiss.nextSigned()) }
        let format = AudioFormat(sampleRate: sampleRate, channelCount: 1, encoding: .integer(bits: 24))
        let paths = (folder + "/oh-left.wav", folder + "/oh-right.wav")
        try AudioFile.write(AudioBuffer(channels: [left]), to: paths.0, format: format)
        try AudioFile.write(AudioBuffer(channels: [right]), to: paths.1, format: format)
        return paths
    }

}
