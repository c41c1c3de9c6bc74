import ProducerMusic
import RealModule

extension MixAssistant {
    /// The tempo: given, or estimated from the first drum stem whose onsets suggest one.
    func decideTempo(_ stems: [Stem], into plan: inout MixPlan) {
        if let tempo {
            plan.tempo = tempo
            plan.tempoSource = "given"
            return
        }
        let classifier = RoleClassifier(rules: rules)
        let drums: [StemRole] = [.kick, .snare, .hats, .overheads, .room, .toms]
        // Each drum stem's estimate folded into 70…140 BPM (a kick on 1 and 3 suggests half
        // the tempo, hats on eighths double); the median of them.
        let heard = stems.filter { stem in
            (stem.role ?? classifier.role(fromName: stem.file)?.role).map(drums.contains) ?? false
        }
        let candidates = (heard.isEmpty ? stems : heard).compactMap { stem -> (Double, String)? in
            guard var bpm = stem.measurement.tempo, bpm > 0 else { return nil }
            while bpm < 70 { bpm *= 2 }
            while bpm >= 140 { bpm /= 2 }
            return (bpm, Self.baseName(stem.file))
        }.sorted { $0.0 < $1.0 }
        if !candidates.isEmpty {
            let middle = candidates[(candidates.count - 1) / 2]
            plan.tempo = (middle.0 * 10).rounded() / 10
            plan.tempoSource =
                "estimated from " + candidates.map(\.1).joined(separator: ", ")
                + " (folded into 70–140 BPM; set it with --tempo)"
        } else {
            plan.tempoSource = "no stem suggests one, so 120 BPM; set it with --tempo"
        }
    }

    /// Each stem's role and name, with the reason.
    func decideRoles(_ stems: [Stem]) -> [MixPlan.Stem] {
        let classifier = RoleClassifier(rules: rules)
        var names: Set<String> = []
        var result: [MixPlan.Stem] = stems.map { stem in
            var name = Self.baseName(stem.file)
            if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
            if let track = stem.midiTrack { name = track }
            var unique = name
            var k = 2
            while names.contains(unique) {
                unique = "\(name) \(k)"
                k += 1
            }
            names.insert(unique)
            let role: StemRole, source: RoleClassifier.Source, reason: String
            if let given = stem.role {
                (role, source, reason) = (given, .roles, "as the roles file says")
            } else if let instrument = stem.instrument {
                role = Self.role(of: instrument)
                source = .name
                reason =
                    "from its instrument: track \(name) of \(Self.baseName(stem.file)), played by the preview \(instrument.rawValue)"
                    + (instrument == .drums ? " (the whole kit, mixed from its kick up)" : "")
            } else if let named = classifier.role(fromName: stem.file) {
                (role, source, reason) = (named.role, .name, "from the word \"\(named.word)\" in its name")
            } else if stem.measurement.loudness == nil {
                (role, source, reason) = (
                    .fx, .sound,
                    "as a placeholder: the stem is silent, so its sound says nothing (give its role with --roles)"
                )
            } else {
                let heard = classifier.role(fromSound: stem.measurement.sound)
                (role, source, reason) = (
                    heard.role, .sound,
                    "from its sound: nearest the \(heard.role) prototype (distance \(num(heard.distance)); next \(heard.next))"
                )
            }
            return MixPlan.Stem(
                name: unique, file: stem.file, midiTrack: stem.midiTrack, instrument: stem.instrument,
                channels: stem.channels, role: role, roleSource: source,
                roleReason: reason, target: 0, loudness: nil, rawLoudness: stem.measurement.loudness, gain: 0, pan: 0,
                width: nil, highpass: 0, cuts: [], compressor: nil, reverbSend: nil, delaySend: nil, maskingBefore: nil,
                maskingAfter: nil, comments: [:])
        }
        // One lead: the loudest of those named or heard as lead vocals; the others back it.
        let leads = result.indices.filter { result[$0].role == .leadVocal && result[$0].roleSource != .roles }
        if leads.count > 1 {
            let keep = leads.max { (result[$0].rawLoudness ?? -200) < (result[$1].rawLoudness ?? -200) }!
            for i in leads where i != keep {
                result[i].role = .backingVocal
                result[i].roleReason += "; a backing vocal, as \(result[keep].name) is louder and leads"
            }
        }
        for i in result.indices {
            result[i].comments["role"] =
                "\(result[i].role), \(result[i].roleReason): \(rules.rule(result[i].role).why)."
        }
        return result
    }

    /// Targets, high-pass, compression, sends and pan from each role's rule.
    func decideStrips(_ stems: [Stem], into plan: inout MixPlan) {
        let limit = hardPans ? 1.0 : rules.maximumPan
        var balance = 0.0  // Σ pan · power of the parts placed so far
        let order = plan.stems.indices.sorted {
            rules.rule(plan.stems[$0].role).level > rules.rule(plan.stems[$1].role).level
        }
        var sidesByRole: [StemRole: Double] = [:]
        for i in order {
            var s = plan.stems[i]
            let rule = rules.rule(s.role)
            s.target = rules.anchor + rule.level
            s.highpass = rule.highpass
            s.comments["highpass"] =
                "high-pass at \(hertz(rule.highpass)), 24 dB/oct: below it a \(s.role) has nothing the mix needs."
            if let k = rule.compressor, let loudest = stems[i].measurement.loudest {
                let threshold = (min(-1, max(-60, loudest - k.reduction / (1 - 1 / k.ratio))) * 10).rounded() / 10
                s.compressor = MixPlan.Compressor(
                    threshold: threshold, ratio: k.ratio, attack: k.attack, release: k.release,
                    detection: k.detection)
                s.comments["compressor"] =
                    "\(num(k.ratio)):1 from \(num(threshold)) dBFS, \(num(k.attack)) ms attack, \(num(k.release)) ms "
                    + "release: about \(num(k.reduction)) dB off its loudest 50 ms (\(num(loudest)) dBFS RMS), "
                    + "to hold a \(s.role) steady in the balance."
            }
            if let r = rule.reverb {
                s.reverbSend = r
                s.comments["reverb"] =
                    "\(num(r)) dB to the shared reverb: \(r >= -14 ? "a clear" : "a little") space for a \(s.role)."
            }
            if let d = rule.delay {
                s.delaySend = d
                s.comments["delay"] =
                    "\(num(d)) dB to the \(rules.delay.sync) delay at \(num(plan.tempo)) BPM: echoes in time."
            }
            let words = RoleClassifier.words(of: s.file)
            let saysLeft = words.last.map { ["l", "left", "lt"].contains($0) } ?? false
            let saysRight = words.last.map { ["r", "right", "rt"].contains($0) } ?? false
            if rule.pan == "centre" {
                s.pan = 0
                s.comments["pan"] = "centre: the kick, snare, bass and lead hold the middle of the mix."
            } else if s.channels >= 2 {
                s.pan = 0
                s.width = rule.width
                s.comments["pan"] = "a stereo stem keeps its own image, balanced in the centre."
                if let w = rule.width { s.comments["width"] = "width \(num(w)): as recorded." }
            } else {
                let amount = min(limit, (rule.spread ?? 0.5) * (hardPans && (rule.spread ?? 0) >= 0.8 ? 1.25 : 1))
                let side: Double
                if saysLeft {
                    side = -1
                } else if saysRight {
                    side = 1
                } else if let last = sidesByRole[s.role] {
                    side = -last
                } else {
                    side = balance > 0 ? -1 : 1
                }
                sidesByRole[s.role] = side
                s.pan = ((side * amount) * 100).rounded() / 100
                balance += s.pan * Double.pow(10, s.target / 10)
                let why =
                    saysLeft || saysRight
                    ? "its name says \(side < 0 ? "left" : "right")"
                    : "the emptier side when it was placed"
                s.comments["pan"] =
                    "\(num(abs(s.pan))) \(side < 0 ? "left" : "right"): \(why); a \(s.role) is spread off the centre"
                    + (hardPans ? "." : ", no further than ±\(num(limit)) (no hard pans unless asked).")
            }
            plan.stems[i] = s
        }
    }

    /// The roles that lean for each end of the spectrum.
    static let leaning: [(band: String, roles: [StemRole])] = [
        ("low", [.kick, .bass, .toms]), ("high", [.hats, .overheads]),
    ]

    /// One round of leaning toward the reference: where the mix's low (below 250 Hz) or high
    /// (above 4 kHz) share differs from the reference's by 0.5 dB or more, the parts that make
    /// that end (kick, bass and toms; hats and overheads) move by the difference, at most 3 LU
    /// in all. Returns whether anything moved; `applied` adds up the moves per band.
    func lean(
        _ plan: inout MixPlan, mix: StemMeasurement.Balance?, reference: StemMeasurement.Balance?,
        applied: inout [String: Double]
    ) -> Bool {
        guard let mix, let reference else { return false }
        var moved = false
        for (band, roles) in Self.leaning {
            let difference = band == "low" ? reference.low - mix.low : reference.high - mix.high
            let done = applied[band] ?? 0
            let change = ((max(-3, min(3, done + difference)) - done) * 10).rounded() / 10
            let parts = plan.stems.indices.filter { roles.contains(plan.stems[$0].role) }
            guard abs(difference) >= 0.5, abs(change) >= 0.1, !parts.isEmpty else { continue }
            for i in parts {
                plan.stems[i].gain += change
                plan.stems[i].target += change
                plan.stems[i].loudness = plan.stems[i].loudness.map { $0 + change }
            }
            applied[band] = done + change
            moved = true
        }
        return moved
    }

    /// What leaning did, in words, and the comments on the faders it moved.
    func leanSentences(
        _ plan: MixPlan, applied: [String: Double], before: StemMeasurement.Balance?,
        reference: StemMeasurement.Balance?
    ) -> [String] {
        guard let before, let reference else { return [] }
        var leans: [String] = []
        for (band, roles) in Self.leaning {
            guard let change = applied[band], change != 0 else { continue }
            let difference = band == "low" ? reference.low - before.low : reference.high - before.high
            let names = plan.stems.filter { roles.contains($0.role) }.map(\.name)
            leans.append(
                "The reference's \(band) end is \(num(abs(difference))) dB \(difference > 0 ? "stronger" : "weaker") "
                    + "than the mix's: " + names.joined(separator: ", ")
                    + " \(change > 0 ? "up" : "down") \(num(abs(change))) LU.")
        }
        return leans
    }

    /// The role a preview instrument's track is mixed as: a whole drum kit from its kick up, the
    /// melody as the lead.
    static func role(of instrument: Instrument) -> StemRole {
        switch instrument {
        case .drums: .kick
        case .bass: .bass
        case .keys: .keys
        case .guitar: .guitar
        case .pad: .pads
        case .strings: .strings
        case .lead: .leadVocal
        }
    }

    static func baseName(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
