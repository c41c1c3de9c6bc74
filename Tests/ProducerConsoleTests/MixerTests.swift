import Foundation
import ProducerAudio
@testable import ProducerConsole
import Testing

@Suite("Rendering sessions")
struct MixerTests {
    func render(
        _ yaml: String, in dir: String, encoding: SampleEncoding = .float(bits: 32),
        stems: Bool = false, parallel: Bool = true
    ) throws -> (AudioBuffer, Mixdown.Result) {
        let session = try Session(yaml: yaml, path: dir + "/session.yaml")
        var mixdown = Mixdown(encoding: encoding, stemsDirectory: stems ? dir + "/stems" : nil, replacesExisting: true)
        mixdown.blockFrames = 1000
        mixdown.parallel = parallel
        let result = try mixdown.render(session, to: dir + "/mix.wav")
        return (try AudioFile.read(path: dir + "/mix.wav").buffer, result)
    }

    @Test("One stereo file at unity gain, centred, no inserts: the mix is the file, sample for sample")
    func identity() throws {
        let dir = try sessionFolder()
        let (mix, _) = try render("sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n", in: dir)
        let source = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        #expect(mix.frameCount == source.frameCount)
        #expect(mix.channel(0) == source.channel(0) && mix.channel(1) == source.channel(1))
    }

    @Test("A mono file centred gets the −3 dB constant-power law on both sides")
    func monoPanLaw() throws {
        let dir = try sessionFolder()
        let (mix, _) = try render("sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/mono.wav\n", in: dir)
        let source = try AudioFile.read(path: dir + "/takes/mono.wav").buffer
        let g = Float(0.5.squareRoot())
        var worst: Float = 0
        for i in 0..<source.frameCount {
            worst = max(worst, abs(mix[0, i] - source[0, i] * g), abs(mix[1, i] - source[0, i] * g))
        }
        #expect(worst < 1e-6)
    }

    @Test("Polarity, delay and start land on the exact sample")
    func exactPlacement() throws {
        let dir = try sessionFolder()
        let (mix, _) = try render(
            """
            sampleRate: 48000
            tracks:
              - name: A
                file: takes/stereo.wav
                polarity: inverted
                delay: "37 samples"
                start: "1000 samples"
            """, in: dir)
        let source = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        #expect(mix.frameCount == source.frameCount + 1000)
        for i in 0..<1037 { #expect(mix[0, i] == 0) }
        var same = true
        for i in 0..<(source.frameCount - 37) where mix[0, 1037 + i] != -source[0, i] { same = false }
        #expect(same)
    }

    @Test("Gain automation reaches its breakpoints on time without zipper steps")
    func automation() throws {
        let dir = try sessionFolder()
        let (mix, _) = try render(
            """
            sampleRate: 48000
            tracks:
              - name: A
                file: takes/stereo.wav
                automation:
                  gain: [{ time: 0.25, value: 0 }, { time: 0.5, value: -20 }]
            """, in: dir)
        let source = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        // Before 0.25 s: unity. After 0.5 s (one ramp step later): −20 dB.
        #expect(mix[0, 11_000] == source[0, 11_000])
        let late = 25_000
        #expect(abs(mix[0, late] - source[0, late] * 0.1) < 1e-6)
        // The ramp is smooth: the gain never steps by more than 0.05 dB between samples.
        var worst = 0.0
        for i in 12_000..<24_200 where abs(source[0, i]) > 0.05 && abs(source[0, i - 1]) > 0.05 {
            let g0 = Double(mix[0, i - 1] / source[0, i - 1]), g1 = Double(mix[0, i] / source[0, i])
            worst = max(worst, abs(20 * log10(g1 / g0)))
        }
        #expect(worst < 0.05)
    }

    @Test("Sends feed buses, mute and solo work, and stems hold each bus")
    func routing() throws {
        let dir = try sessionFolder()
        let (mix, result) = try render(
            """
            sampleRate: 48000
            tracks:
              - name: A
                file: takes/stereo.wav
                output: Group
              - name: B
                file: takes/mono.wav
                mute: true
            buses:
              - name: Group
                gain: -6
            """, in: dir, stems: true)
        let source = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        let g = Float(pow(10, -6.0 / 20))
        var worst: Float = 0
        for i in 0..<source.frameCount { worst = max(worst, abs(mix[1, i] - source[1, i] * g)) }
        #expect(worst < 1e-6)
        #expect(result.stems.count == 1)
        let stem = try AudioFile.read(path: result.stems[0]).buffer
        #expect(stem.frameCount == mix.frameCount && stem[0, 1234] == mix[0, 1234])
    }

    @Test(
        "Pre- and post-fader sends from a panned mono track and a stereo one: the bus and the master hold the sums of their sources"
    )
    func sumsOfTracksAndSends() throws {
        let dir = try sessionFolder()
        let session = try Session(
            yaml: """
                sampleRate: 48000
                tracks:
                  - name: A
                    file: takes/mono.wav
                    gain: -4
                    pan: -0.5
                    sends: [{ bus: FX, level: -6 }, { bus: FX, level: -10, pre: true }]
                  - name: B
                    file: takes/stereo.wav
                    gain: 2
                    pan: 0.3
                    sends: [{ bus: FX, level: -3 }]
                  - name: C
                    file: takes/mono.wav
                    pan: 0.25
                    output: FX
                buses:
                  - name: FX
                    gain: -1
                """, path: dir + "/session.yaml")
        // A block length that is not a multiple of the sums' eight-frame vectors.
        var mixdown = Mixdown(encoding: .float(bits: 32), stemsDirectory: dir + "/stems", replacesExisting: true)
        mixdown.blockFrames = 1001
        let result = try mixdown.render(session, to: dir + "/mix.wav")
        let mix = try AudioFile.read(path: dir + "/mix.wav").buffer
        let stem = try AudioFile.read(path: result.stems[0]).buffer
        let mono = try AudioFile.read(path: dir + "/takes/mono.wav").buffer
        let stereo = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        func db(_ x: Double) -> Double { pow(10, x / 20) }
        let a = Pan.gains(pan: -0.5, law: .constantPower), c = Pan.gains(pan: 0.25, law: .constantPower)
        let b = Pan.balanceGains(pan: 0.3, law: .constantPower)
        var worstBus = 0.0, worstMaster = 0.0
        for i in 0..<mono.frameCount {
            let m = Double(mono[0, i])
            for ch in 0..<2 {
                let s = Double(stereo[ch, i])
                let aPost = m * db(-4) * (ch == 0 ? a.left : a.right)
                let aPre = m
                let bPost = s * db(2) * (ch == 0 ? b.left : b.right)  // a stereo source's pan is a balance
                let cPost = m * (ch == 0 ? c.left : c.right)
                let bus = (aPost * db(-6) + aPre * db(-10) + bPost * db(-3) + cPost) * db(-1)
                worstBus = max(worstBus, abs(Double(stem[ch, i]) - bus))
                worstMaster = max(worstMaster, abs(Double(mix[ch, i]) - (aPost + bPost + bus)))
            }
        }
        #expect(mix.frameCount == mono.frameCount && stem.frameCount == mono.frameCount)
        #expect(worstBus < 1e-6, "bus off by \(worstBus)")
        #expect(worstMaster < 1e-6, "master off by \(worstMaster)")
    }

    @Test("The same session renders bit-identical twice")
    func deterministic() throws {
        let dir = try sessionFolder()
        let yaml =
            "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    pan: 0.3\n  - name: B\n    file: takes/mono.wav\n    pan: -0.5\n    gain: -4\n"
        let (a, _) = try render(yaml, in: dir, encoding: .integer(bits: 24))
        let (b, _) = try render(yaml, in: dir, encoding: .integer(bits: 24))
        #expect(a.channel(0) == b.channel(0) && a.channel(1) == b.channel(1))
    }

    static let fullSession = """
        sampleRate: 48000
        tempo: 120
        tracks:
          - name: Kick
            file: takes/mono.wav
            gain: -2
            inserts:
              - eq: { highpass: 40, bands: [{ freq: 60, gain: 3, q: 1 }] }
          - name: Bass
            file: takes/stereo.wav
            pan: -0.2
            inserts:
              - compressor: { threshold: -20, ratio: 4, attack: 5, release: 80, sidechain: Kick }
            sends: [{ bus: Room, level: -12 }]
          - name: Vox
            file: takes/mono.wav
            pan: 0.3
            delay: 2.5
            inserts:
              - deesser: { frequency: 6500, threshold: -30 }
              - saturation: { drive: 6, mix: 0.5 }
            sends: [{ bus: Echo, level: -15, pre: true }, { bus: Room, level: -10 }]
            automation:
              compressor.threshold: [{ time: 0, value: -20 }]
              pan: [{ time: 0, value: 0.3 }, { time: 0.8, value: -0.3 }]
        buses:
          - name: Echo
            inserts: [{ delay: { sync: "1/8", feedback: 0.3, mix: 1 } }]
            output: Room
          - name: Room
            inserts: [{ reverb: { size: 0.4, mix: 1 } }]
        master:
          inserts: [{ limiter: { ceiling: -1 } }]
        """

    @Test("Parallel and single-thread renders of a full session are bit-identical")
    func parallelMatchesSingleThread() throws {
        let dir = try sessionFolder()
        // The Vox strip automates a compressor it does not have: that must be refused, with its line.
        #expect(throws: SessionError.self) { _ = try render(Self.fullSession, in: dir) }
        let yaml = Self.fullSession.split(separator: "\n").filter { !$0.contains("compressor.threshold") }.joined(
            separator: "\n")
        let (a, _) = try render(yaml, in: dir, parallel: true)
        let (b, _) = try render(yaml, in: dir, parallel: false)
        #expect(a.frameCount == b.frameCount)
        #expect(a.frameCount > 48_000, "the delay and reverb tails run past the last track")
        #expect(a.channel(0) == b.channel(0) && a.channel(1) == b.channel(1))
        #expect(a.channel(0).contains { $0 != 0 })
    }

    @Test("Buses side by side, a sidechain and stems: five parallel renders equal the single-thread one, stems too")
    func parallelFlatBusesAndStems() throws {
        let dir = try sessionFolder()
        let yaml = Self.fullSession.split(separator: "\n").filter { !$0.contains("compressor.threshold") }
            .joined(separator: "\n").replacingOccurrences(of: "    output: Room\n", with: "")
        #expect(!yaml.contains("output: Room"))
        let (reference, _) = try render(yaml, in: dir, stems: true, parallel: false)
        let stems = try ["Echo", "Room"].map { try AudioFile.read(path: dir + "/stems/\($0).wav").buffer }
        #expect(stems.allSatisfy { $0.channel(0).contains { $0 != 0 } })
        for _ in 0..<5 {
            let (mix, result) = try render(yaml, in: dir, stems: true, parallel: true)
            #expect(mix.channel(0) == reference.channel(0) && mix.channel(1) == reference.channel(1))
            for (i, path) in result.stems.enumerated() {
                let stem = try AudioFile.read(path: path).buffer
                #expect(stem.channel(0) == stems[i].channel(0) && stem.channel(1) == stems[i].channel(1), "\(path)")
            }
        }
    }

    @Test("A stereo track's pan follows the session's pan law, as a Pan processor does", arguments: PanLaw.allCases)
    func stereoPanLaw(_ law: PanLaw) throws {
        let dir = try sessionFolder()
        let source = try AudioFile.read(path: dir + "/takes/stereo.wav").buffer
        let yaml =
            "sampleRate: 48000\npanLaw: \"\(law.rawValue)\"\ntracks:\n  - name: A\n    file: takes/stereo.wav\n    pan: 0.6\n"
        let (mix, _) = try render(yaml, in: dir, encoding: .float(bits: 32))
        var panner = Pan(pan: 0.6, law: law)
        panner.prepare(sampleRate: 48_000, channelCount: 2, maximumBlockFrames: 2000)
        var block = AudioBuffer(channelCount: 2, frameCapacity: 2000)
        block.frameCount = 2000
        for c in 0..<2 { for i in 0..<2000 { block[c, i] = source[c, i] } }
        panner.process(&block)
        var worst: Float = 0
        for c in 0..<2 { for i in 0..<2000 { worst = max(worst, abs(mix[c, i] - block[c, i])) } }
        #expect(worst < 1e-6, "\(law): the strip and the Pan processor differ by \(worst)")
    }

    @Test("A track's file problem names it by its key path, as every session message does")
    func trackKeyPath() throws {
        let dir = try sessionFolder()
        try AudioFile.write(
            AudioBuffer(channels: [[Float](repeating: 0, count: 100)]), to: dir + "/takes/slow.wav",
            format: AudioFormat(sampleRate: 44_100, channelCount: 1, encoding: .float(bits: 32)))
        let session = try Session(
            yaml:
                "sampleRate: 48000\ntracks:\n  - name: A\n    file: takes/mono.wav\n  - name: B\n    file: takes/slow.wav\n",
            path: dir + "/session.yaml")
        do {
            _ = try Mixer(session: session)
            Issue.record("a 44.1 kHz track in a 48 kHz session was accepted")
        } catch {
            #expect(
                error.description
                    == "\(dir)/session.yaml:5: tracks[1].file: \(dir)/takes/slow.wav is at 44100 Hz but the session renders at 48000 Hz"
            )
        }
    }

    @Test("The session's pan law sets how a centred mono track is split")
    func panLaw() throws {
        let dir = try sessionFolder()
        let source = try AudioFile.read(path: dir + "/takes/mono.wav").buffer
        for (law, gain) in [("-3dB", 0.5.squareRoot()), ("-6dB", 0.5), ("0dB", 1.0)] {
            let (mix, _) = try render(
                "sampleRate: 48000\npanLaw: \"\(law)\"\ntracks:\n  - name: A\n    file: takes/mono.wav\n", in: dir)
            #expect(abs(Double(mix[0, 1000]) - Double(source[0, 1000]) * gain) < 1e-6, "\(law)")
        }
    }
}
