import Foundation
import ProducerAudio
import ProducerConsole
import ProducerDSP
import ProducerJobs
import ProducerTestSupport
import Testing

/// `producer automix` on a synthesised band (``DemoStems``: kick, snare, hats, bass, guitar, a
/// stereo pad, a lead and a backing vocal), measured on what it renders.
@Suite(.serialized) struct AutomixTests {
    /// The stems, once for the suite.
    static let band: (dir: String, stems: [String]) = {
        let dir = try! temporaryDirectory()
        return (dir, try! DemoStems(seconds: 8).write(to: dir + "/stems"))
    }()

    /// The assistant's mix of ``band``, with and without the unmasking cuts.
    static let mixed: AutomixJob.Result = try! AutomixJob(
        stems: band.stems, output: band.dir + "/mix.yaml", render: band.dir + "/mix.wav"
    ).run()
    static let unmaskedOff: AutomixJob.Result = try! AutomixJob(
        stems: band.stems, output: band.dir + "/plain.yaml", unmasks: false
    ).run()

    /// A track of `session` rendered on its own, dry (no sends, buses or master inserts), measured.
    static func solo(_ session: Session, track: Int) throws -> StemMeasurement {
        var solo = session
        solo.tracks = [session.tracks[track]]
        solo.tracks[0].strip.sends = []
        solo.tracks[0].solo = false
        solo.buses = []
        solo.master.strip.inserts = []
        solo.master.strip.gainDecibels = 0
        let mixer = try Mixer(session: solo)
        var meter = StemMeasurement.Meter(sampleRate: solo.sampleRate, channelCount: 2, listensForOnsets: false)
        try mixer.render { master, _ in meter.consume(master) }
        return meter.result()
    }

    @Test func everyStemLandsWithinOneLUOfItsRoleTarget() throws {
        let result = Self.mixed
        let session = try Session(path: result.session)
        #expect(session.tracks.count == Self.band.stems.count)
        let rules = MixRules.standard
        for (i, stem) in result.plan.stems.enumerated() {
            // The role's target is the anchor plus the role's level in the rules.
            #expect(abs(stem.target - (result.plan.anchor + rules.rule(stem.role).level)) < 1e-9)
            let measured = try #require(try Self.solo(session, track: i).loudness)
            #expect(abs(measured - stem.target) <= 1, "\(stem.name): \(measured) LUFS against \(stem.target)")
        }
    }

    @Test func ffmpegReadsEveryStemOnItsTargetToo() throws {
        guard tool("ffmpeg") != nil else {
            Issue.record("ffmpeg is not installed; .ci/run installs it")
            return
        }
        let result = Self.mixed
        let session = try Session(path: result.session)
        let dir = try temporaryDirectory()
        for (i, stem) in result.plan.stems.enumerated() {
            var solo = session
            solo.tracks = [session.tracks[i]]
            solo.tracks[0].strip.sends = []
            solo.buses = []
            let path = dir + "/solo\(i).wav"
            _ = try Mixdown(encoding: .float(bits: 32)).render(solo, to: path)
            let measured = try ffmpegLoudness(path).integrated
            #expect(
                abs(measured - stem.target) <= 1, "\(stem.name): ffmpeg reads \(measured) LUFS, target \(stem.target)")
        }
    }

    @Test func theRenderedMixDoesNotClip() throws {
        let mix = try AudioFile.read(path: Self.band.dir + "/mix.wav").buffer
        var peak: Float = 0
        for c in 0..<mix.channelCount { mix.withChannel(c) { x in for v in x { peak = max(peak, abs(v)) } } }
        #expect(peak < 1 && peak > 0.05, "peak \(peak)")
        let check = try #require(Self.mixed.mix)
        #expect(check.warnings.isEmpty, "\(check.warnings)")
        #expect((check.truePeak ?? 0) <= MixRules.standard.ceiling + 0.1)
    }

    @Test func unmaskingLowersTheMaskingOfTheLeadWithoutMovingAnyStemMoreThanOneLU() throws {
        let cut = try Session(path: Self.mixed.session), plain = try Session(path: Self.unmaskedOff.session)
        let lead = try #require(Self.mixed.plan.stems.firstIndex { $0.role == .leadVocal })
        #expect(Self.mixed.plan.stems.contains { !$0.cuts.isEmpty }, "nothing was cut")
        #expect(Self.unmaskedOff.plan.stems.allSatisfy { $0.cuts.isEmpty })
        let leadCut = try Self.solo(cut, track: lead), leadPlain = try Self.solo(plain, track: lead)
        var before = 0.0, after = 0.0
        for i in cut.tracks.indices where i != lead {
            let a = try Self.solo(cut, track: i), b = try Self.solo(plain, track: i)
            after += MixAssistant.masking(of: a, gain: 0, against: leadCut, gain: 0, rules: .standard).value
            before += MixAssistant.masking(of: b, gain: 0, against: leadPlain, gain: 0, rules: .standard).value
            let moved = try #require(a.loudness) - #require(b.loudness)
            #expect(abs(moved) <= 1, "\(cut.tracks[i].name) moved \(moved) LU")
        }
        #expect(after < before * 0.95, "masking \(before) → \(after)")
    }

    @Test func rolesComeFromNamesAndPansFollowThem() throws {
        let plan = Self.mixed.plan
        let roles = plan.stems.map(\.role)
        #expect(roles == [.kick, .snare, .hats, .bass, .guitar, .pads, .leadVocal, .backingVocal])
        #expect(plan.stems.allSatisfy { $0.roleSource == .name })
        for s in plan.stems {
            if [.kick, .snare, .bass, .leadVocal].contains(s.role) {
                #expect(s.pan == 0, "\(s.name) is not centred")
            } else if s.channels == 1 {
                #expect(s.pan != 0 && abs(s.pan) <= 0.8, "\(s.name) at \(s.pan)")
            }
        }
    }

    @Test func everyDecisionInTheSessionHasACommentAboveIt() throws {
        let text = try String(contentsOfFile: Self.mixed.session, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var decisions = 0
        for (i, line) in lines.enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            let isDecision =
                t.hasPrefix("- name:") || t.hasPrefix("gain:") || t.hasPrefix("pan:") || t.hasPrefix("- eq:")
                || t.hasPrefix("- compressor:") || t.hasPrefix("- { bus:")
            guard isDecision else { continue }
            decisions += 1
            #expect(
                i > 0 && lines[i - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#"),
                "line \(i + 1) has no comment: \(line)")
        }
        #expect(decisions >= 8 * 4)
    }

    @Test func rolesComeFromTheSoundWhenTheNamesSayNothing() throws {
        let dir = try temporaryDirectory()
        let names = (1...8).map { "Audio \($0).wav" }
        let stems = try DemoStems(seconds: 8).write(to: dir, names: names)
        let measured = try stems.map { file -> StemSound in
            let read = try AudioFile.read(path: file)
            var meter = StemMeasurement.Meter(
                sampleRate: read.format.sampleRate, channelCount: read.format.channelCount)
            meter.consume(read.buffer)
            return meter.result().sound
        }
        let classifier = RoleClassifier()
        #expect(stems.allSatisfy { classifier.role(fromName: $0) == nil })
        let heard = measured.map { classifier.role(fromSound: $0).role }
        #expect(heard[0] == .kick, "\(measured[0])")
        #expect(heard[1] == .snare, "\(measured[1])")
        #expect(heard[2] == .hats, "\(measured[2])")
        #expect(heard[3] == .bass, "\(measured[3])")
        #expect(heard[4] == .guitar, "\(measured[4])")
        #expect(heard[5] == .pads, "\(measured[5])")
        #expect(heard[6] == .leadVocal, "\(measured[6])")
        #expect(heard[7] == .leadVocal || heard[7] == .backingVocal, "\(measured[7])")
    }

    @Test func aRolesFileOverridesAndItsMistakesArePlaced() throws {
        let dir = try temporaryDirectory()
        let stems = Self.band.stems
        try "guitar.wav: keys\npad: strings\n".write(toFile: dir + "/roles.yaml", atomically: true, encoding: .utf8)
        let roles = try RoleAssignments.read(path: dir + "/roles.yaml", stems: stems)
        #expect(roles == [4: .keys, 5: .strings])
        try "guitar.wav: keys\nfiddle.wav: strings\n".write(
            toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        #expect {
            try RoleAssignments.read(path: dir + "/bad.yaml", stems: stems)
        } throws: { error in
            "\(error)".hasPrefix(dir + "/bad.yaml:2:1: fiddle.wav: no stem is called")
        }
        try "guitar.wav: kazoo\n".write(toFile: dir + "/bad2.yaml", atomically: true, encoding: .utf8)
        #expect {
            try RoleAssignments.read(path: dir + "/bad2.yaml", stems: stems)
        } throws: { error in
            "\(error)".hasPrefix(dir + "/bad2.yaml:1:13: guitar.wav: \"kazoo\" is not a role")
        }
    }

    @Test func withAReferenceTheBalanceLeansTowardIt() throws {
        // A reference heavy in the low end: the band with its kick and bass 8 dB up.
        let parts = DemoStems(seconds: 5).render()
        let n = parts[0][0].count
        var left = [Float](repeating: 0, count: n), right = left
        for (k, part) in parts.enumerated() {
            let g: Float = (k == 0 || k == 3) ? 2.5 : 1
            for i in 0..<n {
                left[i] += g * part[0][i] * 0.5
                right[i] += g * part[part.count - 1][i] * 0.5
            }
        }
        let dir = try temporaryDirectory()
        try AudioFile.write(
            AudioBuffer(channels: [left, right]), to: dir + "/ref.wav",
            format: AudioFormat(sampleRate: 48_000, channelCount: 2, encoding: .float(bits: 32)))
        let stems = try DemoStems(seconds: 5).write(to: dir + "/stems")
        let result = try AutomixJob(stems: stems, output: dir + "/mix.yaml", reference: dir + "/ref.wav").run()
        let reference = try #require(result.plan.reference)
        let ref = try #require(reference.balance), before = try #require(reference.mixBefore)
        let after = try #require(reference.mixAfter)
        #expect(ref.low > before.low + 1)
        #expect(abs(ref.low - after.low) < abs(ref.low - before.low) - 0.5, "\(ref) \(before) \(after)")
        #expect(!reference.leans.isEmpty)
        let kick = try #require(result.plan.stems.first { $0.role == .kick })
        #expect(kick.target > result.plan.anchor + MixRules.standard.rule(.kick).level)
    }
}

/// `producer automix` as a command: JSON, and errors that name the file.
@Suite struct AutomixCommandTests {
    @Test func speaksJSONAndNamesTheFileAtFault() async throws {
        let dir = try temporaryDirectory()
        let stems = try DemoStems(seconds: 2).write(
            to: dir,
            names: ["kick.wav", "snare.wav", "hats.wav", "bass.wav", "gtr.wav", "pad.wav", "vox.wav", "bv.wav"])
        let ok = await runInProcess(["automix", stems[0], stems[3], stems[6], "-o", dir + "/s.yaml", "--json"])
        #expect(ok.status == 0, "\(ok.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ok.out.utf8)) as? [String: Any])
        let plan = try #require(json["plan"] as? [String: Any])
        let roles = (plan["stems"] as? [[String: Any]])?.map { $0["role"] as? String }
        #expect(roles == ["kick", "bass", "lead vocal"])
        // A second run does not replace the session without --force.
        let again = await runInProcess(["automix", stems[0], "-o", dir + "/s.yaml"])
        #expect(again.status == 1 && again.err.contains(dir + "/s.yaml"))
        // A stem at another sample rate is named.
        _ = try writeWAV(
            sine(dBFS: -12, seconds: 1, sampleRate: 44_100, channels: 1), "odd.wav", in: dir, sampleRate: 44_100)
        let odd = await runInProcess(["automix", stems[0], dir + "/odd.wav", "-o", dir + "/t.yaml"])
        #expect(odd.status == 1)
        #expect(odd.err.contains(dir + "/odd.wav") && odd.err.contains("44100 Hz"), "\(odd.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/t.yaml"))
        // A roles file's mistake is placed at its line and column.
        try "vox.wav: lead singer\n".write(toFile: dir + "/roles.yaml", atomically: true, encoding: .utf8)
        let roles2 = await runInProcess(["automix", stems[6], "--roles", dir + "/roles.yaml", "-o", dir + "/u.yaml"])
        #expect(roles2.status == 1)
        #expect(roles2.err.contains(dir + "/roles.yaml:1:10: vox.wav: \"lead singer\" is not a role"), "\(roles2.err)")
        // The session may not be written over a stem.
        let over = await runInProcess(["automix", stems[0], "-o", stems[0], "--force"])
        #expect(over.status == 1 && over.err.contains(stems[0]))
    }
}
