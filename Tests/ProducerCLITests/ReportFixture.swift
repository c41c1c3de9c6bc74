import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerJobs
import ProducerMusic
import ProducerTestSupport

/// A small project made by the real jobs, and the ``ProduceReport`` of it that `produce` would
/// give: song 1 with two sung takes (one flat and late, one sharp and clipped) ranked and comped,
/// three stems mixed by the assistant, a reference, two masters and an overhead pair aligned;
/// song 2 with one stem only; a plan with a week of sessions and a retake to book.
///
/// The model's parts have no public initialisers outside ProducerJobs, so the report is put
/// together as JSON (each job's own result encoded as it is) and decoded.
enum ReportFixture {
    static let rate = 44_100.0

    /// Made once for every test that needs it.
    static let shared = Result { try make() }

    static func make() throws -> (project: String, report: ProduceReport) {
        let project = try temporaryDirectory()
        let fm = FileManager.default
        for folder in [
            "takes/song1/lead-vocal", "takes/song1/bass", "takes/song1/drums", "takes/song2/keys", "parts/song1",
            "mics/song1/overheads", "refs", "out/song1/comps", "out/song1/masters", "out/song1/aligned",
        ] {
            try fm.createDirectory(atPath: project + "/" + folder, withIntermediateDirectories: true)
        }
        func path(_ relative: String) -> String { project + "/" + relative }
        func write(_ channels: [[Float]], _ relative: String) throws {
            try AudioFile.write(
                AudioBuffer(channels: channels), to: path(relative),
                format: AudioFormat(sampleRate: rate, channelCount: channels.count, encoding: .integer(bits: 24)))
        }
        // The intended part: eight notes at 120 BPM in C major.
        let pitches = [60, 62, 64, 65, 67, 69, 71, 72]
        let intended = pitches.enumerated().map { i, p in
            MIDINote(pitch: p, start: 0.5 + Double(i) * 0.5, end: 0.5 + Double(i) * 0.5 + 0.42)
        }
        try MIDIFile.write(notes: intended, tempo: 120, to: path("parts/song1/lead-vocal.mid"))
        // Two takes: the first 30 cents flat on note 4 and 40 ms late on note 6; the second
        // 45 cents sharp on note 2 and driven into clipping on note 7.
        for (t, flaws) in [[3: (-0.30, 0.0), 5: (0.0, 0.040)], [1: (0.45, 0.0), 6: (0.0, -0.015)]].enumerated() {
            var synth = VoiceSynth(sampleRate: rate, seed: UInt64(20 + t))
            synth.breathNoiseSNR = 35
            let sung = intended.enumerated().map { i, r in
                let (cents, late) = flaws[i] ?? (0, 0)
                return SungNote(start: r.start + late, duration: 0.40 - late, midi: Double(r.pitch) + cents)
            }
            var samples = synth.render(sung, duration: 5).samples
            if t == 1 {
                for i in Int(3.5 * rate)..<Int(3.9 * rate) { samples[i] = max(-1, min(1, samples[i] * 8)) }
            }
            try write([samples], "takes/song1/lead-vocal/take\(t + 1).wav")
        }
        var settings = ListenSettings(referencePath: path("parts/song1/lead-vocal.mid"), key: "C major", part: .vocal)
        settings.includesFrames = true
        let takes = try TakesJob(
            takePaths: [path("takes/song1/lead-vocal/take1.wav"), path("takes/song1/lead-vocal/take2.wav")],
            settings: settings, compPath: path("out/song1/comps/lead-vocal.wav")
        ).run()
        // The other stems: a bass line and a drum loop, 5 s, with 0.8 s of silence at the end.
        let frames = Int(5 * rate)
        let bass = (0..<frames).map { i -> Float in
            let t = Double(i) / rate
            let f = [65.41, 98.0, 87.31, 98.0][min(3, Int(t / 1.05))]
            return t > 4.2
                ? 0 : Float(0.35 * sin(2 * Double.pi * f * t) * (1 - 0.5 * (t.truncatingRemainder(dividingBy: 0.5))))
        }
        try write([bass], "takes/song1/bass/bass.wav")
        let noise = TestSignals.noise(amplitude: 0.6, frames: frames, seed: 4)
        let drums = (0..<frames).map { i -> Float in
            let t = Double(i) / rate, beat = t.truncatingRemainder(dividingBy: 0.5)
            let kick = Float(0.8 * exp(-beat * 30) * sin(2 * Double.pi * 55 * beat))
            let hat = noise[i] * Float(exp(-t.truncatingRemainder(dividingBy: 0.25) * 60))
            return t > 4.2 ? 0 : kick + hat * 0.5
        }
        try write([drums, drums.map { $0 * 0.9 }], "takes/song1/drums/drums.wav")
        let keys = TestSignals.sine(frequency: 261.63, amplitude: 0.3, sampleRate: rate, frames: Int(4 * rate))
        try write([keys, keys], "takes/song2/keys/keys.wav")
        // The reference: pink noise with the bass, brighter than the mix.
        let pink = TestSignals.pinkNoise(frames: frames, seed: 7, gain: 0.08)
        try write([zip(pink, bass).map { $0 + $1 }, zip(pink, bass).map { $0 * 0.95 + $1 }], "refs/song1.wav")
        // The mix, its loudness curve and spectrum, and two masters.
        let automix = try AutomixJob(
            stems: [
                path("out/song1/comps/lead-vocal.wav"), path("takes/song1/bass/bass.wav"),
                path("takes/song1/drums/drums.wav"),
            ],
            output: path("out/song1/session.yaml"), render: path("out/song1/mix.wav"), reference: path("refs/song1.wav")
        ).run()
        var masters: [[String: Any]] = []
        for target in ["spotify", "cd"] {
            let result = try MasterJob(
                inputs: [path("out/song1/mix.wav")], output: path("out/song1/masters/\(target).wav"), target: target,
                reference: path("refs/song1.wav")
            ).run()
            let song = try require(result.songs.first)
            let check = try Analyzer().analyze(path: song.master)
            masters.append([
                "target": target, "master": "out/song1/masters/\(target).wav",
                "prelimit": "out/song1/masters/\(target).prelimit.wav",
                "before": "out/song1/masters/\(target).before.wav",
                "after": "out/song1/masters/\(target).after.wav", "report": try json(song.report),
                "delivery": [
                    "passed": (check.truePeak ?? 0) <= song.report.target.ceiling + 0.05,
                    "sampleRate": check.sampleRate,
                    "bitDepth": check.bitDepth as Any, "integratedLoudness": check.integratedLoudness as Any,
                    "truePeak": check.truePeak as Any, "problems": [String](),
                ] as [String: Any],
            ])
        }
        // The overheads: the second 1.5 ms late and upside down.
        let hits = (0..<frames).map { i -> Float in
            let t = Double(i) / rate
            return noise[i] * Float(exp(-t.truncatingRemainder(dividingBy: 0.5) * 20)) * 0.7
        }
        let lag = Int(0.0015 * rate)
        try write([hits], "mics/song1/overheads/oh-1.wav")
        try write(
            [[Float](repeating: 0, count: lag) + hits.dropLast(lag).map { -$0 * 0.8 }], "mics/song1/overheads/oh-2.wav")
        let align = try AlignJob(
            reference: path("mics/song1/overheads/oh-1.wav"), mics: [path("mics/song1/overheads/oh-2.wav")],
            outputDirectory: path("out/song1/aligned/overheads")
        ).run()
        // Every file checked.
        func check(_ relative: String, _ kind: String) throws -> [String: Any] {
            [
                "file": relative, "kind": kind, "analysis": try json(try Analyzer().analyze(path: path(relative))),
                "waveform": try json(try Waveform(reading: path(relative))),
            ]
        }
        let files1 = try [
            check("takes/song1/lead-vocal/take1.wav", "take"), check("takes/song1/lead-vocal/take2.wav", "take"),
            check("takes/song1/bass/bass.wav", "stem"), check("takes/song1/drums/drums.wav", "stem"),
            check("mics/song1/overheads/oh-1.wav", "mic"), check("mics/song1/overheads/oh-2.wav", "mic"),
            check("refs/song1.wav", "reference"), check("out/song1/mix.wav", "mix"),
            check("out/song1/masters/spotify.wav", "master"),
        ]
        let song1: [String: Any] = [
            "id": "song1", "title": "Night Trains", "key": "C major", "tempo": 120.0, "page": "song1.html",
            "files": files1,
            "parts": [
                [
                    "name": "lead-vocal", "kind": "vocal",
                    "takes": ["takes/song1/lead-vocal/take1.wav", "takes/song1/lead-vocal/take2.wav"],
                    "reference": "parts/song1/lead-vocal.mid",
                    "intendedNotes": intended.map { ["start": $0.start, "end": $0.end, "midi": $0.pitch] },
                    "takesResult": try json(takes), "stem": "out/song1/comps/lead-vocal.wav",
                ] as [String: Any],
                [
                    "name": "bass", "kind": "bass", "takes": ["takes/song1/bass/bass.wav"], "intendedNotes": [Any](),
                    "stem": "takes/song1/bass/bass.wav",
                ],
            ],
            "mics": [["name": "overheads", "alignment": try json(align)]],
            "mix": [
                "session": "out/song1/session.yaml", "output": "out/song1/mix.wav", "plan": try json(automix.plan),
                "integratedLoudness": automix.mix?.integratedLoudness as Any, "truePeak": automix.mix?.truePeak as Any,
                "warnings": automix.mix?.warnings ?? [], "reference": "refs/song1.wav",
                "loudness": try json(try LoudnessCurve(reading: path("out/song1/mix.wav"))),
                "spectrum": try json(try Spectrum(mix: path("out/song1/mix.wav"), reference: path("refs/song1.wav"))),
            ] as [String: Any],
            "masters": masters, "warnings": ["take 2 of the lead vocal clips at 0:03.5; the comp avoids it"],
            "stages": [
                ["stage": "check", "seconds": 0.8, "redone": true], ["stage": "takes", "seconds": 3.1, "redone": true],
                ["stage": "mix", "seconds": 2.2, "redone": true], ["stage": "master", "seconds": 4.0, "redone": false],
            ],
        ]
        let song2: [String: Any] = [
            "id": "song2", "title": "Paper Moon", "page": "song2.html",
            "files": [try check("takes/song2/keys/keys.wav", "stem")], "parts": [Any](), "mics": [Any](),
            "masters": [Any](), "warnings": ["only one stem: nothing to mix yet"], "stages": [Any](),
        ]
        let report: [String: Any] = [
            "project": project, "title": "Night Trains (EP)", "generated": "2026-12-07T09:00:00Z",
            "targets": ["spotify", "cd"], "songs": [song1, song2],
            "retakes": [
                [
                    "song": "song1", "part": "lead-vocal", "start": 1.0, "end": 1.5, "bars": "1:3–2:1",
                    "reason": "the D is sharp in every take (45 cents in take 2)",
                    "session": "Retake lead vocal (Night Trains)",
                    "durationMinutes": 60, "estimatedCost": ["minorUnits": 9000, "currency": "EUR"],
                ] as [String: Any]
            ],
            "plan": plan, "reportFolder": project + "/report", "reportIndex": project + "/report/index.html",
            "stages": [
                ["stage": "check", "seconds": 1.1, "redone": true], ["stage": "takes", "seconds": 3.1, "redone": true],
                ["stage": "mix", "seconds": 2.2, "redone": true], ["stage": "master", "seconds": 4.0, "redone": false],
            ],
            "seconds": 10.4,
        ]
        let data = try JSONSerialization.data(withJSONObject: report)
        return (project, try decoder.decode(ProduceReport.self, from: data))
    }

    /// The plan as `producer status` and `schedule` give it: a week of sessions in two rooms.
    static var plan: [String: Any] {
        func line(
            _ id: String, _ session: String, _ song: String, _ day: Int, _ from: Int, _ to: Int, _ room: String,
            _ people: [String], _ status: String
        ) -> [String: Any] {
            [
                "bookingID": id, "session": session, "kind": "tracking", "song": song,
                "start": String(format: "2026-12-%02dT%02d:00:00Z", day, from),
                "end": String(format: "2026-12-%02dT%02d:00:00Z", day, to), "studio": "Blackbird",
                "room": room, "people": people, "status": status,
                "cost": ["minorUnits": 40_000, "currency": "EUR"], "sequence": 0,
            ]
        }
        return [
            "status": [
                "project": "Night Trains (EP)", "now": "2026-12-07T09:00:00Z", "deadline": "2027-01-15T00:00:00Z",
                "daysToDeadline": 39,
                "songs": [
                    [
                        "title": "Night Trains", "status": "vocals", "sessionsDone": 2, "sessionsTotal": 4,
                        "next": "Retake lead vocal (Night Trains)", "nextStart": "2026-12-10T10:00:00Z",
                    ],
                    ["title": "Paper Moon", "status": "tracking", "sessionsDone": 1, "sessionsTotal": 3],
                ],
                "thisWeek": [Any](),
                "late": [["session": "Bass overdubs", "reason": "was due Fri 4 Dec", "daysLate": 3]],
                "unscheduled": ["Mix Paper Moon"], "holdsToConfirm": 2,
                "bookedCost": ["minorUnits": 240_000, "currency": "EUR"],
                "cancellationFees": ["minorUnits": 0, "currency": "EUR"], "sessionsDone": 3, "sessionsTotal": 7,
            ] as [String: Any],
            "schedule": [
                line("b1", "Drums", "Night Trains", 7, 10, 16, "Live room", ["Ana", "Ben"], "confirmed"),
                line("b2", "Bass", "Paper Moon", 8, 10, 14, "Studio B", ["Cleo", "Ben"], "confirmed"),
                line(
                    "b3", "Retake lead vocal (Night Trains)", "Night Trains", 10, 10, 11, "Studio B", ["Dee", "Ben"],
                    "hold"),
                line("b4", "Keys", "Paper Moon", 10, 14, 18, "Live room", ["Eli", "Ben"], "hold"),
                line("b5", "Vocals", "Paper Moon", 11, 11, 17, "Studio B", ["Dee", "Ben"], "confirmed"),
            ],
        ]
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// A value as the JSON object its encoding gives.
    static func json<T: Encodable>(_ value: T) throws -> Any {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try JSONSerialization.jsonObject(with: encoder.encode(value), options: .fragmentsAllowed)
    }
}

/// `try #require` outside a test: the value, or an error saying what was missing.
private func require<T>(_ value: T?, _ what: String = #function) throws -> T {
    guard let value else { throw FixtureError(what: what) }
    return value
}

private struct FixtureError: Error { var what: String }
