public import ProducerAudio
import ProducerDSP
import RealModule

/// The long-term spectrum of a piece, of its mid (L+R)/2 and side (L−R)/2: Welch-averaged power
/// (Hann, 16384-point frames, not overlapped) read on a fine log-frequency grid (1/24 octave, 16 Hz
/// to 22 kHz), so that profiles at different sample rates compare point by point. The 1/3-octave
/// bands (``bandCentres``) are means over the grid.
public struct ToneProfile: Sendable, Codable, Equatable {
    /// Mean power density of the mid at each grid point (linear, arbitrary unit).
    public var mid: [Double]
    /// The same for the side (all zero for mono).
    public var side: [Double]

    /// Grid points per octave.
    static let perOctave = 24.0
    static let lowest = 16.0
    /// The fine grid's frequencies, Hz.
    public static let grid: [Double] = (0..<Int(perOctave * Double.log2(22_000 / lowest)) + 1).map {
        lowest * Double.pow(2, Double($0) / perOctave)
    }
    /// The 1/3-octave band centres (base 2), 25 Hz … 20 kHz.
    public static let bandCentres: [Double] = (-16...13).map { 1000 * Double.pow(2, Double($0) / 3) }

    /// Grid indices of band `b` (1/6 octave either side of its centre).
    static func gridRange(band b: Int) -> Range<Int> {
        let c = Double.log2(bandCentres[b] / lowest) * perOctave
        let lo = Int((c - perOctave / 6).rounded(.up)), hi = Int((c + perOctave / 6).rounded(.down))
        return max(0, lo)..<min(grid.count, hi + 1)
    }

    init(mid: [Double], side: [Double]) {
        self.mid = mid
        self.side = side
    }

    /// Measures `buffer` (one or two channels) at `sampleRate`.
    public init(_ buffer: AudioBuffer, sampleRate: Double) {
        self.init(
            channels: (0..<min(2, buffer.channelCount)).map { buffer.channel($0) }, sampleRate: sampleRate)
    }

    /// Measures `channels` (one or two, equal length) at `sampleRate`, without copying them.
    init(channels: [[Float]], sampleRate: Double) {
        let size = 16_384, hop = size
        let fft = FFT(size: size)
        let window = (0..<size).map { Float(0.5 - 0.5 * Double.cos(2 * Double.pi * Double($0) / Double(size))) }
        let frames = channels.first?.count ?? 0
        let stereo = channels.count >= 2
        var sumMid = [Double](repeating: 0, count: size / 2 + 1)
        var sumSide = sumMid
        var frame = [Float](repeating: 0, count: size)
        var power = [Float](repeating: 0, count: size / 2 + 1)
        var count = 0
        var start = 0
        let left = channels.first ?? [], right = stereo ? channels[1] : left
        repeat {
            for pass in 0..<(stereo ? 2 : 1) {
                for i in 0..<size {
                    let n = start + i
                    let l = n < frames ? left[n] : 0, r = n < frames ? right[n] : 0
                    frame[i] = (pass == 0 ? (l + r) : (l - r)) * 0.5 * window[i]
                }
                frame.withUnsafeBufferPointer { f in
                    power.withUnsafeMutableBufferPointer { fft.power(f, into: $0) }
                }
                if pass == 0 {
                    for k in 0..<power.count { sumMid[k] += Double(power[k]) }
                } else {
                    for k in 0..<power.count { sumSide[k] += Double(power[k]) }
                }
            }
            count += 1
            start += hop
        } while start + hop < frames
        let binWidth = sampleRate / Double(size)
        func onGrid(_ bins: [Double]) -> [Double] {
            Self.grid.map { f in
                let lo = f * Double.pow(2, -1 / (2 * Self.perOctave)) / binWidth
                let hi = f * Double.pow(2, 1 / (2 * Self.perOctave)) / binWidth
                let a = Int(lo.rounded(.up)), b = Int(hi.rounded(.down))
                if f >= sampleRate / 2 { return 0 }
                if b >= a {
                    var s = 0.0
                    for k in a...min(b, bins.count - 1) { s += bins[k] }
                    return s / Double(min(b, bins.count - 1) - a + 1) / Double(count)
                }
                // Fewer than one bin in the interval: interpolate between the two neighbours.
                let x = f / binWidth
                let k = min(bins.count - 2, Int(x)), t = x - Double(k)
                return (bins[k] * (1 - t) + bins[k + 1] * t) / Double(count)
            }
        }
        mid = onGrid(sumMid)
        side = stereo ? onGrid(sumSide) : [Double](repeating: 0, count: Self.grid.count)
    }

    /// The 1/3-octave band levels of `density` (dB, mean density over the band).
    static func bands(_ density: [Double]) -> [Double] {
        bandCentres.indices.map { b in
            let r = gridRange(band: b)
            let mean = r.isEmpty ? 0 : r.reduce(0.0) { $0 + density[$1] } / Double(r.count)
            return 10 * Double.log10(max(mean, 1e-20))
        }
    }

    /// The mid's 1/3-octave band levels, dB.
    public var midBands: [Double] { Self.bands(mid) }
    /// The side's 1/3-octave band levels, dB.
    public var sideBands: [Double] { Self.bands(side) }

    /// The profile of several pieces together (their mean power, each piece weighted equally
    /// after scaling to the same mid level), for an album's common tone.
    public static func mean(_ profiles: [ToneProfile]) -> ToneProfile {
        guard let first = profiles.first else { return ToneProfile(mid: [], side: []) }
        var mid = [Double](repeating: 0, count: first.mid.count), side = mid
        for p in profiles {
            let level = max(p.mid.reduce(0, +), 1e-30)
            for i in mid.indices {
                mid[i] += p.mid[i] / level
                side[i] += p.side[i] / level
            }
        }
        return ToneProfile(mid: mid, side: side)
    }

    /// The tone `amount` (0 … 1) of the way from `a` to `b`: a geometric blend of the densities
    /// (a straight line in dB, as the EQ's gains are scaled).
    static func blend(_ a: ToneProfile, _ b: ToneProfile, amount t: Double) -> ToneProfile {
        func mix(_ x: [Double], _ y: [Double]) -> [Double] {
            zip(x, y).map { Double.pow(max($0, 1e-30), 1 - t) * Double.pow(max($1, 1e-30), t) }
        }
        return ToneProfile(mid: mix(a.mid, b.mid), side: mix(a.side, b.side))
    }

    /// The band indices the matching and its figures cover: 40 Hz … 16 kHz.
    public static let matchedBands: [Int] = bandCentres.indices.filter {
        bandCentres[$0] >= 39 && bandCentres[$0] <= 16_500
    }

    /// The RMS difference (dB) over ``matchedBands`` between this profile's mid and `other`'s,
    /// after removing the mean difference (levels aside, how far the tone is).
    public func toneDistance(to other: ToneProfile) -> Double {
        let a = midBands, b = other.midBands
        let d = Self.matchedBands.map { a[$0] - b[$0] }
        let mean = d.reduce(0, +) / Double(d.count)
        return (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count)).squareRoot()
    }
}
