import Foundation
import ProducerOffice
import Testing

/// The delivery rules judging measured files: each rule, where in the file, and the expected name.
@Suite struct DeliveryRulesTests {
    static let parts = DeliveryRules.NameParts(artist: "Mara Lind", song: "Slow Signal", deliverable: "main mix")
    static let rules = DeliveryRules(sampleRates: [48_000], bitDepths: [24])
    static let goodName = "mara-lind_slow-signal_main-mix_48k_24bit.wav"

    /// A 10 s file, 48 kHz 24-bit, music from 0.5 s to 8 s, peak −1 dBFS.
    static func good() -> DeliveryMeasurement {
        DeliveryMeasurement(
            sampleRate: 48_000, bitDepth: 24, channels: 2, duration: 10, peakDBFS: -1, peakTime: 4, musicStart: 0.5,
            musicEnd: 8, endPeakDBFS: nil)
    }

    @Test("a good file has no findings")
    func goodFilePasses() {
        #expect(Self.rules.findings(for: Self.good(), name: Self.goodName, parts: Self.parts).isEmpty)
        // Letter case aside
        #expect(Self.rules.findings(for: Self.good(), name: Self.goodName.uppercased(), parts: Self.parts).isEmpty)
    }

    @Test("each fault is found, with its place")
    func eachFault() {
        var m = Self.good()
        m.sampleRate = 44_100
        m.bitDepth = 16
        m.peakDBFS = 0
        m.peakTime = 5.25
        m.clips = [.init(start: 5.25, end: 5.26, channels: [1, 2], samples: 480)]
        m.musicStart = 3
        m.musicEnd = 10
        m.endPeakDBFS = -6
        let findings = Self.rules.findings(for: m, name: "final mix.wav", parts: Self.parts)
        #expect(findings.map(\.rule) == ["sample rate", "bit depth", "peak", "clipping", "head", "cut off", "name"])
        #expect(findings[0].message == "sample rate 44.1 kHz; the project takes 48 kHz")
        #expect(findings[1].message == "16-bit; the project takes 24-bit")
        #expect(findings[2].at == 5.25 && findings[2].message.hasPrefix("sample peak 0.0 dBFS at 0:05.250 (channel 1)"))
        #expect(
            findings[3].message == "clipped at 0:05.250–0:05.260 (channels 1, 2): 480 full-scale samples in a row")
        #expect(
            findings[4].at == 3 && findings[4].message.hasPrefix("3 s of silence before the music starts at 0:03.000"))
        #expect(
            findings[5].message.hasPrefix(
                "cut off: it still sounds at −6.0 dBFS in its last 50 ms, up to its end at 0:10.000"))
        // The expected name takes the rate and depth the project accepts, not the file's
        #expect(findings[6].message == "named \"final mix.wav\"; the project names it \"\(Self.goodName)\"")
    }

    @Test("a short tail that is not cut off says how long it is; a silent file says so")
    func tailAndSilence() {
        var m = Self.good()
        m.musicEnd = 9.75
        let tail = Self.rules.findings(for: m, name: Self.goodName, parts: Self.parts)
        #expect(tail.map(\.rule) == ["tail"])
        #expect(
            tail[0].message
                == "only 0.250 s of tail after the music stops at 0:09.750; the project asks for at least 1 s")
        m.musicStart = nil
        m.musicEnd = nil
        m.peakDBFS = nil
        #expect(Self.rules.findings(for: m, name: Self.goodName, parts: Self.parts).map(\.rule) == ["silent"])
    }

    @Test("a peak just under the rule passes; at the rule it does not")
    func peakBoundary() {
        var m = Self.good()
        m.peakDBFS = -0.11
        #expect(Self.rules.findings(for: m, name: Self.goodName, parts: Self.parts).isEmpty)
        m.peakDBFS = -0.1
        #expect(Self.rules.findings(for: m, name: Self.goodName, parts: Self.parts).map(\.rule) == ["peak"])
    }

    @Test("stems are named stem-PART; more than five clipped passages are summed up")
    func stemsAndManyClips() {
        let stems = DeliveryRules.NameParts(
            artist: "Mara Lind", song: "Slow Signal", deliverable: "stems", isStem: true)
        let rules = DeliveryRules()
        #expect(
            rules.nameMatches("mara-lind_slow-signal_stem-drums_48k_24bit.wav", stems, sampleRate: 48_000, bits: 24))
        #expect(
            rules.nameMatches(
                "Mara-Lind_Slow-Signal_stem-lead-vocal_96k_24bit.wav", stems, sampleRate: 96_000, bits: 24))
        #expect(!rules.nameMatches("mara-lind_slow-signal_stem-_48k_24bit.wav", stems, sampleRate: 48_000, bits: 24))
        #expect(!rules.nameMatches("mara-lind_slow-signal_drums_48k_24bit.wav", stems, sampleRate: 48_000, bits: 24))
        #expect(
            rules.expectedName(stems, sampleRate: 96_000, bits: 32) == "mara-lind_slow-signal_stem-PART_96k_32bit.wav")
        var m = Self.good()
        m.clips = (0..<7).map { .init(start: Double($0), end: Double($0) + 0.01, channels: [1], samples: 10) }
        let clipping = Self.rules.findings(for: m, name: Self.goodName, parts: Self.parts).filter {
            $0.rule == "clipping"
        }
        #expect(clipping.count == 6)
        #expect(clipping.last?.message == "and 2 more clipped passages after 0:04.010")
    }

    @Test("rules stored before a field existed read with its default")
    func decodesOldRules() throws {
        let json =
            #"{"sampleRates":[48000],"bitDepths":[24],"maximumPeakDBFS":-1,"maximumHeadSeconds":1,"minimumTailSeconds":2,"naming":"{song}.wav"}"#
        let rules = try JSONDecoder().decode(DeliveryRules.self, from: Data(json.utf8))
        #expect(rules.maximumPeakDBFS == -1 && rules.naming == "{song}.wav")
        #expect(rules.silenceDBFS == -60 && rules.cutOffMilliseconds == 50 && rules.clipRunSamples == 3)
    }
}
