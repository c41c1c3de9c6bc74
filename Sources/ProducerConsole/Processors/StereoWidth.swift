public import ProducerAudio
import RealModule

/// Mid/side stereo width.
///
/// With M = ½(L + R) and S = ½(L − R), the output is M ± width·S, computed as
/// `L' = a·L + b·R`, `R' = b·L + a·R` with a = ½(1 + width), b = ½(1 − width): 0 folds to
/// mono, 1 leaves the signal unchanged bit for bit (a = 1, b = 0), 2 doubles the side signal.
/// A one-channel block is left unchanged.
///
/// Parameter (session name): `width`, 0 … 2 (default 1), smoothed per sample (10 ms).
public struct StereoWidth: Processor {
    /// Width, 0 … 2.
    public var width: Double { didSet { width = min(2, max(0, width)) } }
    var current: Float = 1
    var smooth: Float = 1

    /// Makes a width control; `width` 0 … 2.
    public init(width: Double = 1) { self.width = min(2, max(0, width)) }

    public mutating func prepare(sampleRate: Double, channelCount: Int, maximumBlockFrames: Int) {
        current = Float(width)
        smooth = Float(1 - Double.exp(-1 / (0.010 * sampleRate)))
    }

    @discardableResult
    public mutating func setParameter(_ name: String, to value: Double) -> Bool {
        guard name == "width" else { return false }
        width = value
        return true
    }

    public mutating func process(_ block: inout AudioBuffer, sidechain: AudioBuffer?) {
        guard block.channelCount >= 2, block.frameCount > 0 else { return }
        let frames = block.frameCount, stride = block.frameCapacity
        let target = Float(width), k = smooth
        var w = current
        block.withUnsafeMutableStorage { storage in
            let left = storage.baseAddress!, right = left + stride
            if w == target {
                let a = 0.5 * (1 + w), b = 0.5 * (1 - w)
                for i in 0..<frames {
                    let l = left[i], r = right[i]
                    left[i] = a * l + b * r
                    right[i] = b * l + a * r
                }
            } else {
                for i in 0..<frames {
                    w += k * (target - w)
                    let a = 0.5 * (1 + w), b = 0.5 * (1 - w)
                    let l = left[i], r = right[i]
                    left[i] = a * l + b * r
                    right[i] = b * l + a * r
                }
                if abs(w - target) < 1e-6 { w = target }
            }
        }
        current = w
    }
}
