import Foundation
import ProducerAudio
import ProducerConsole
import ProducerEars
import ProducerFiles
import ProducerMusic

/// One song through `produce`'s stages, each done again only when its fingerprint changed.
struct SongRun: Sendable {
    let layout: ProjectLayout
    let song: ProjectLayout.SongFolder
    let targets: [String]
    let title: String
    let state: ProduceState
    let force: Bool
    let counter: ProgressCounter

    /// `out/SONG/…`, relative to the project.
    func out(_ name: String) -> String { "out/\(song.id)/\(name)" }

    /// Parts that are heard: several takes, or one with an intended part.
    var heardParts: [ProjectLayout.PartFolder] { song.parts.filter { $0.takes.count > 1 || $0.intended != nil } }
    var alignedGroups: [ProjectLayout.MicGroupFolder] { song.micGroups.filter { $0.files.count > 1 } }
    /// Every audio file the song reads, with what it is.
    var inputFiles: [(file: String, kind: String)] {
        song.parts.flatMap { part in part.takes.map { ($0, part.takes.count > 1 ? "take" : "stem") } }
            + song.micGroups.flatMap { $0.files.map { ($0, "mic") } }
            + (song.reference.map { [($0, "reference")] } ?? [])
    }

    func planProgress() {
        counter.plan(.files, inputFiles.count)
        counter.plan(.takes, heardParts.count)
        counter.plan(.mics, alignedGroups.count)
        counter.plan(.mix, 1)
        counter.plan(.masters, targets.count)
        counter.plan(.delivery, targets.count)
    }

    /// The stage `key`: its last result when its fingerprint is unchanged, else `work` done and recorded.
    func stage<T: Codable & Sendable>(
        _ kind: ProduceProgress.Stage, _ key: String, settings: some Encodable, inputs: [String], outputs: [String],
        _ work: () throws -> T
    ) throws -> (T, ProduceReport.StageTime) {
        let start = ContinuousClock.now
        defer { counter.finished(kind) }
        let fingerprint = try state.fingerprint(
            stage: kind.rawValue, settings: settings, inputs: inputs.map(layout.path))
        let fullKey = "\(song.id)/\(kind.rawValue)/\(key)"
        if !force, let kept = state.reuse(fullKey, fingerprint: fingerprint, as: T.self) {
            return (kept, .init(stage: kind.rawValue, seconds: ProduceJob.seconds(since: start), redone: false))
        }
        for output in outputs {
            try FileManager.default.createDirectory(
                atPath: (layout.path(output) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let result = try work()
        try state.record(fullKey, fingerprint: fingerprint, outputs: outputs.map(layout.path), result: result)
        return (result, .init(stage: kind.rawValue, seconds: ProduceJob.seconds(since: start), redone: true))
    }

    /// What the listener is told about a part.
    struct PartSettings: Codable, Sendable {
        var key: String?
        var tempo: Double?
        var downbeat: String?
        var kind: Part
        var takes: [String]
        var intended: String?
    }

    func run() async throws -> (ProduceReport.SongReport, [ProduceReport.Retake]) {
        var report = ProduceReport.SongReport(id: song.id, title: title, page: "\(song.id).html")
        report.key = song.settings.key
        report.tempo = song.settings.tempo
        // Files, takes and mics do not depend on each other: all at once.
        let me = self
        async let files = parallelMap(inputFiles.map { FileItem(file: $0.file, kind: $0.kind) }) {
            try me.checkFile($0)
        }
        async let parts = parallelMap(song.parts) { try me.hear($0) }
        async let mics = parallelMap(alignedGroups) { try me.align($0) }
        let fileResults = try await files, partResults = try await parts, micResults = try await mics
        report.files = fileResults.map(\.0)
        report.parts = partResults.map(\.0)
        report.mics = micResults.map(\.0)
        var times = fileResults.map(\.1) + partResults.compactMap(\.1) + micResults.map(\.1)
        // The mix: the comps, the one-take parts and every mic (aligned where it has a group).
        var stems = report.parts.map(\.stem)
        var roles: [String: String] = [:]
        for (part, folder) in zip(report.parts, song.parts) {
            roles[part.stem] = folder.role ?? folder.name
        }
        for group in song.micGroups {
            let aligned = micResults.first { $0.0.name == group.name }?.0.alignment.mics.map(\.output) ?? []
            let files = group.files.count > 1 ? [group.files[0]] + aligned.map(relative) : group.files
            stems += files
            for file in files { roles[file] = group.name }
        }
        let (mix, mixTime) = try await Task { try me.mix(stems: stems, roleNames: roles) }.value
        report.mix = mix
        times.append(mixTime)
        let masters = try await parallelMap(targets) { try me.master(target: $0) }
        report.masters = masters.map(\.0)
        times += masters.flatMap(\.1)
        report.stages = ProduceProgress.Stage.allCases.compactMap { stage in
            let mine = times.filter { $0.stage == stage.rawValue }
            guard !mine.isEmpty else { return nil }
            return .init(
                stage: stage.rawValue, seconds: mine.map(\.seconds).reduce(0, +), redone: mine.contains(where: \.redone)
            )
        }
        return (report, retakes(report))
    }

    struct FileItem: Sendable, Encodable {
        var file: String
        var kind: String
    }

    /// The technical check of one file and its waveform.
    func checkFile(_ item: FileItem) throws -> (ProduceReport.FileCheck, ProduceReport.StageTime) {
        try stage(.files, item.file, settings: item, inputs: [item.file], outputs: []) {
            // One pass over the file: the meters and the waveform.
            let path = layout.path(item.file)
            let header = try AudioFileReader(path: path)
            var drawing = WaveformDrawing(
                sampleRate: header.format.sampleRate, channelCount: header.format.channelCount,
                frameCount: Int(header.frameCount))
            var analysis = try Analyzer().analyze(path: path, alongside: { drawing.consume($0) })
            analysis.file = item.file
            return ProduceReport.FileCheck(
                file: item.file, kind: item.kind, analysis: analysis, waveform: drawing.result())
        }
    }

    /// Hears a part's takes, ranks them and comps them (a part with several takes), or hears its
    /// one take against its intended part. A part with one take and no intended part is a stem.
    func hear(_ part: ProjectLayout.PartFolder) throws -> (ProduceReport.PartReport, ProduceReport.StageTime?) {
        var report = ProduceReport.PartReport(
            name: part.name, kind: part.kind, takes: part.takes, reference: part.intended, intendedNotes: [],
            takesResult: nil, stem: part.takes.first ?? "")
        if let intended = part.intended {
            report.intendedNotes = ((try? MIDIFile(path: layout.path(intended)).notes()) ?? []).map {
                ProduceReport.IntendedNote(start: $0.start, end: $0.end, midi: $0.pitch)
            }
        }
        guard part.takes.count > 1 || part.intended != nil else { return (report, nil) }
        let comp = part.takes.count > 1 ? out("comps/\(part.name).wav") : nil
        let settings = PartSettings(
            key: song.settings.key, tempo: song.settings.tempo, downbeat: song.settings.downbeat, kind: part.kind,
            takes: part.takes, intended: part.intended)
        let (result, time) = try stage(
            .takes, part.name, settings: settings, inputs: part.takes + [part.intended].compactMap { $0 },
            outputs: [comp].compactMap { $0 }
        ) {
            var listen = ListenSettings(
                referencePath: part.intended.map(layout.path), key: song.settings.key, tempo: song.settings.tempo,
                part: part.kind)
            listen.downbeat = song.settings.downbeat.flatMap(Downbeat.init(text:))
            listen.includesFrames = true
            return try TakesJob(
                takePaths: part.takes.map(layout.path), settings: listen, compPath: comp.map(layout.path),
                replacesExisting: true
            ).run()
        }
        report.takesResult = result
        if let comp { report.stem = comp }
        return (report, time)
    }

    /// Aligns a mic group to its first mic.
    func align(_ group: ProjectLayout.MicGroupFolder) throws -> (ProduceReport.MicGroup, ProduceReport.StageTime) {
        let job = AlignJob(
            reference: layout.path(group.files[0]), mics: group.files.dropFirst().map(layout.path),
            outputDirectory: layout.path(out("aligned/\(group.name)")), replacesExisting: true)
        let (report, time) = try stage(
            .mics, group.name, settings: ["files": group.files], inputs: group.files,
            outputs: job.outputs.map(relative)
        ) { try job.run() }
        return (ProduceReport.MicGroup(name: group.name, alignment: report), time)
    }

    struct MixSettings: Codable, Sendable {
        var stems: [String]
        var roles: [String: String]
        var tempo: Double?
        var reference: String?
    }

    /// The mix assistant over the stems, rendered, with its loudness over time and spectrum.
    func mix(stems: [String], roleNames: [String: String]) throws -> (ProduceReport.MixReport, ProduceReport.StageTime)
    {
        let session = out("session.yaml"), render = out("mix.wav")
        let settings = MixSettings(
            stems: stems, roles: roleNames, tempo: song.settings.tempo, reference: song.reference)
        return try stage(
            .mix, "mix", settings: settings, inputs: stems + [song.reference].compactMap { $0 },
            outputs: [session, render]
        ) {
            var job = AutomixJob(
                stems: stems.map(layout.path), output: layout.path(session), render: layout.path(render),
                reference: song.reference.map(layout.path), tempo: song.settings.tempo, replacesExisting: true)
            let classifier = RoleClassifier()
            for (stem, name) in roleNames {
                if let role = StemRole(named: name) ?? classifier.role(fromName: name)?.role {
                    job.stemRoles[layout.path(stem)] = role
                }
            }
            let result = try job.run()
            return ProduceReport.MixReport(
                session: session, output: render, plan: result.plan,
                integratedLoudness: result.mix?.integratedLoudness, truePeak: result.mix?.truePeak,
                warnings: result.mix?.warnings ?? [], reference: song.reference,
                loudness: try LoudnessCurve(reading: layout.path(render)),
                spectrum: try Spectrum(mix: layout.path(render), reference: song.reference.map(layout.path))
            )
        }
    }

    /// Masters the mix for `target` and checks the master against the target's spec.
    func master(target: String) throws -> (ProduceReport.MasterOutcome, [ProduceReport.StageTime]) {
        let master = out("masters/\(target).wav"), mix = out("mix.wav")
        let c = MasterJob.companions(of: master)
        let (result, masterTime) = try stage(
            .masters, target, settings: ["target": target, "reference": song.reference ?? ""],
            inputs: [mix] + [song.reference].compactMap { $0 }, outputs: [master, c.prelimit, c.before, c.after]
        ) {
            try MasterJob(
                inputs: [layout.path(mix)], output: layout.path(master), target: target,
                reference: song.reference.map(layout.path), replacesExisting: true
            ).run()
        }
        let spec = MasteringTarget.named(target)
        let (delivery, deliveryTime) = try stage(
            .delivery, target, settings: ["target": target], inputs: [master], outputs: []
        ) { try Self.deliveryCheck(layout.path(master), spec: spec) }
        let outcome = ProduceReport.MasterOutcome(
            target: target, master: master, prelimit: c.prelimit, before: c.before, after: c.after,
            report: result.songs[0].report, delivery: delivery)
        return (outcome, [masterTime, deliveryTime])
    }

    /// Reads a master back and checks it against the target's rate, depth, loudness and ceiling.
    static func deliveryCheck(_ path: String, spec: MasteringTarget?) throws -> ProduceReport.DeliveryCheck {
        let analysis = try Analyzer().analyze(path: path)
        var problems: [String] = []
        if let spec {
            if let rate = spec.sampleRate, analysis.sampleRate != rate {
                problems.append("it is at \(Int(analysis.sampleRate)) Hz; \(spec.name) takes \(Int(rate)) Hz")
            }
            if let bits = analysis.bitDepth, bits != spec.bits {
                problems.append("it is \(bits)-bit; \(spec.name) takes \(spec.bits)-bit")
            }
            if let lufs = analysis.integratedLoudness, abs(lufs - spec.loudness) > 1 {
                problems.append(
                    "it measures \(fixed(lufs)) LUFS, more than 1 LU from \(spec.name)'s \(fixed(spec.loudness)) LUFS")
            } else if analysis.integratedLoudness == nil {
                problems.append("it has no integrated loudness (silent or shorter than 0.4 s)")
            }
            if let peak = analysis.truePeak, peak > spec.ceiling + 0.05 {
                problems.append(
                    "its true peak is \(fixed(peak)) dBTP, over \(spec.name)'s ceiling of \(fixed(spec.ceiling))")
            }
            if analysis.clippingRunCount > 0 {
                problems.append("it clips: \(analysis.clippingRunCount) run(s) of samples at full scale")
            }
        }
        return ProduceReport.DeliveryCheck(
            passed: problems.isEmpty, sampleRate: analysis.sampleRate, bitDepth: analysis.bitDepth,
            integratedLoudness: analysis.integratedLoudness, truePeak: analysis.truePeak, problems: problems)
    }

    /// A path of the project's as the layout names it (the folder's prefix taken off).
    func relative(_ path: String) -> String {
        let prefix = layout.folder.hasSuffix("/") ? layout.folder : layout.folder + "/"
        return layout.folder == "." || !path.hasPrefix(prefix) ? path : String(path.dropFirst(prefix.count))
    }
}
