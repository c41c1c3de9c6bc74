import Foundation
import ProducerAudio
import ProducerOffice

/// The check of one delivered audio file on arrival against the project's delivery rules.
///
/// It reads the file once in blocks with ProducerAudio's reader (WAV, BWF, RF64, BW64, AIFF,
/// AIFF-C): its format, its sample peak, runs of full-scale samples, where the music starts and
/// stops, and the level of its last milliseconds; then the rules judge it.
public struct DeliveryCheck: Codable, Sendable {
    /// The file as given.
    public var file: String
    /// The name the rules give it.
    public var expectedName: String
    /// What reading it found; nil when it could not be read.
    public var measurement: DeliveryMeasurement?
    /// Every reason it is refused; empty when it passes.
    public var findings: [DeliveryFinding]

    /// True when the file meets every rule.
    public var passed: Bool { findings.isEmpty }

    /// Checks the file at `path`.
    /// - Throws: ``DeliveryCheckError`` only when there is no file at `path` (a file that is there
    ///   but cannot be read as audio is refused, with the reader's message, as a finding).
    public static func check(
        _ path: String, rules: DeliveryRules, parts: DeliveryRules.NameParts
    ) throws -> DeliveryCheck {
        let name = (path as NSString).lastPathComponent
        let measurement: DeliveryMeasurement
        do {
            measurement = try measure(path, rules: rules)
        } catch let error as AudioFileError where error.code == .notFound {
            throw DeliveryCheckError(message: "\(path): no such file")
        } catch {
            let expected = rules.expectedName(parts, sampleRate: 48_000, bits: 24)
            return DeliveryCheck(
                file: path, expectedName: expected, measurement: nil,
                findings: [DeliveryFinding(rule: "unreadable", message: "\(error)")])
        }
        return DeliveryCheck(
            file: path,
            expectedName: rules.expectedName(
                parts, sampleRate: measurement.sampleRate, bits: measurement.bitDepth),
            measurement: measurement, findings: rules.findings(for: measurement, name: name, parts: parts))
    }

    /// Reads the file and measures what the rules speak of.
    public static func measure(_ path: String, rules: DeliveryRules) throws -> DeliveryMeasurement {
        let reader = try AudioFileReader(path: path)
        let format = reader.format
        let rate = format.sampleRate
        let channels = format.channelCount
        let silence = Float(pow(10, rules.silenceDBFS / 20))
        let fullScale: Float = 0.9999
        let minimumRun = max(1, rules.clipRunSamples)
        var block = AudioBuffer(channelCount: channels, frameCapacity: 1 << 15)
        var peak: Float = 0, peakFrame: Int64 = 0, peakChannel = 0
        var firstSound: Int64?, lastSound: Int64?
        var runStart = [Int64](repeating: 0, count: channels)
        var runLength = [Int](repeating: 0, count: channels)
        var runs: [(start: Int64, length: Int, channel: Int)] = []
        var offset: Int64 = 0
        while true {
            let n = try reader.read(into: &block)
            if n == 0 { break }
            for c in 0..<channels {
                block.withChannel(c) { samples in
                    for i in 0..<n {
                        let a = abs(samples[i])
                        let frame = offset + Int64(i)
                        if a > peak { (peak, peakFrame, peakChannel) = (a, frame, c) }
                        if a > silence {
                            if firstSound.map({ frame < $0 }) ?? true { firstSound = frame }
                            if lastSound.map({ frame > $0 }) ?? true { lastSound = frame }
                        }
                        if a >= fullScale {
                            if runLength[c] == 0 { runStart[c] = frame }
                            runLength[c] += 1
                        } else if runLength[c] > 0 {
                            if runLength[c] >= minimumRun { runs.append((runStart[c], runLength[c], c)) }
                            runLength[c] = 0
                        }
                    }
                }
            }
            offset += Int64(n)
        }
        for c in 0..<channels where runLength[c] >= minimumRun { runs.append((runStart[c], runLength[c], c)) }
        // The very end: the peak of the last cutOffMilliseconds.
        let window = Int64((rules.cutOffMilliseconds / 1000 * rate).rounded())
        var endPeak: Float = 0
        if window > 0 && reader.frameCount > 0 {
            try reader.seek(toFrame: max(0, reader.frameCount - window))
            while true {
                let n = try reader.read(into: &block)
                if n == 0 { break }
                for c in 0..<channels {
                    block.withChannel(c) { samples in for i in 0..<n { endPeak = max(endPeak, abs(samples[i])) } }
                }
            }
        }
        func dB(_ level: Float) -> Double? { level > 0 ? 20 * log10(Double(level)) : nil }
        func seconds(_ frame: Int64) -> Double { Double(frame) / rate }
        // Runs that overlap in time (one passage clipped in several channels) are one passage.
        var clips: [DeliveryMeasurement.Clip] = []
        for run in runs.sorted(by: { ($0.start, $0.channel) < ($1.start, $1.channel) }) {
            let start = seconds(run.start), end = seconds(run.start + Int64(run.length))
            if var last = clips.last, start <= last.end {
                last.end = max(last.end, end)
                if !last.channels.contains(run.channel + 1) { last.channels.append(run.channel + 1) }
                last.samples = max(last.samples, run.length)
                clips[clips.count - 1] = last
            } else {
                clips.append(.init(start: start, end: end, channels: [run.channel + 1], samples: run.length))
            }
        }
        let isFloat: Bool
        if case .float = format.encoding { isFloat = true } else { isFloat = false }
        return DeliveryMeasurement(
            sampleRate: rate, bitDepth: format.encoding.bitsPerSample, isFloat: isFloat, channels: channels,
            duration: seconds(reader.frameCount), peakDBFS: dB(peak), peakTime: seconds(peakFrame),
            peakChannel: peakChannel + 1, clips: clips, musicStart: firstSound.map(seconds),
            musicEnd: lastSound.map { seconds($0 + 1) }, endPeakDBFS: dB(endPeak))
    }
}

/// A delivery that could not be checked at all: no file there.
public struct DeliveryCheckError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
