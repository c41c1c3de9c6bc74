/// Makes a ``PlacementPlan`` from the placement knowledge, the studio's mics, a goal and a room.
///
/// For each position the goal's layout uses, the planner takes the position's distance (changed
/// by the goal; for room mics, by the room), then picks from the locker: the mic type the position
/// wants before its alternatives, a model the references name for it before others, the pattern it
/// needs; a pair takes two of one model. Then it checks the 3:1 rule where the knowledge gives the
/// spacing between two mics, and lists every pair of mics that hear one target at different
/// distances with the delay to expect.
public struct PlacementPlanner: Sendable {
    public var knowledge: PlacementKnowledge
    public static let goals = ["punchy", "natural", "vintage", "tight"]
    /// The speed of sound used for delays, m/s (air at about 20 °C).
    public static let speedOfSound = 343.0

    public init(knowledge: PlacementKnowledge = .standard) {
        self.knowledge = knowledge
    }

    /// Plans `source` for `goal`.
    /// - Throws: ``MicError`` `.invalid` for a source or goal the knowledge does not have.
    public func plan(
        source name: String, goal: String = "natural", room: Room? = nil, locker: MicLocker? = nil
    )
        throws(MicError) -> PlacementPlan
    {
        guard let source = knowledge.source(named: name) else {
            throw MicError(
                .invalid, file: "--source",
                "'\(name)' is not a source Producer knows; use one of: \(knowledge.sources.map(\.name).joined(separator: ", "))"
            )
        }
        guard Self.goals.contains(goal), let layout = source.layouts[goal] else {
            throw MicError(
                .invalid, file: "--goal", "'\(goal)' is not a goal; use \(Self.goals.joined(separator: ", "))")
        }
        let mics = locker ?? .typical
        var plan = PlacementPlan(
            source: source.name, goal: goal, room: room,
            locker: mics.file
                ?? "assumed: a typical small-studio locker (\(mics.mics.map { "\($0.count)× \($0.name)" }.joined(separator: ", "))); give yours with --mics",
            placements: [], missing: [], spacing: [], alignment: [], roomNotes: [], warnings: [], references: [])
        var remaining = mics.mics.map(\.count)
        // Pairs are harder to fill (two of one model), so they choose first.
        let positions = layout.compactMap { name in source.mics.first { $0.name == name } }
        var picks: [String: (mic: String?, pattern: String, reason: String, warning: String?)] = [:]
        for position in positions.filter({ $0.pair == true }) + positions.filter({ $0.pair != true }) {
            if position.room == true, let room, room.liveness == .dead || room.volume < 30 { continue }
            picks[position.name] = Self.pick(position, from: mics, remaining: &remaining)
        }
        var used: [(position: PlacementKnowledge.Position, distance: Double)] = []
        var refs: [String] = []
        for position in positions {
            var distance = position.distance
            var note = position.goals?[goal]?.note
            if let d = position.goals?[goal]?.distance { distance = d }
            if position.room == true, let room {
                if room.liveness == .dead || room.volume < 30 {
                    plan.roomNotes.append(
                        "\(position.name) left out: a \(room.liveness == .dead ? "dead" : "small") room (\(Self.metres(room.volume)) m³) adds little but boxiness; add space with a reverb instead"
                    )
                    continue
                }
                let critical = room.criticalDistance
                distance = min(0.5 * max(room.length, room.width), max(2 * critical, 2))
                plan.roomNotes.append(
                    "\(position.name) at \(Self.metres(distance)) m: beyond twice the critical distance (\(Self.metres(critical)) m for \(Self.metres(room.volume)) m³ at RT60 ≈ \(room.liveness.reverbTime) s), within half the room's length"
                )
                if room.liveness == .live && room.volume < 60 {
                    plan.roomNotes.append("a small live room: listen for boxiness in the room mics before keeping them")
                }
            }
            if note == nil && position.room == true && room == nil {
                note = "distance assumed; give --room to fit it to the room"
            }
            guard let pick = picks[position.name] else { continue }
            if let warning = pick.warning { plan.warnings.append(warning) }
            // A dynamic standing in for a condenser goes in closer: it needs the level, and its
            // proximity effect and presence make up a little of the detail it lacks.
            let chosenType = mics.mics.first { $0.name == pick.mic }?.type
            if position.type == "condenser", chosenType == "dynamic", position.room != true, distance > 0.1 {
                distance = max(0.05, (distance * 50).rounded() / 100)
                note = (note.map { $0 + "; " } ?? "") + "half the distance, as the dynamic stands in for a condenser"
            }
            if pick.mic == nil { plan.missing.append(Self.want(position)) }
            plan.placements.append(
                PlacementPlan.Placement(
                    position: position.name, mic: pick.mic, count: position.pair == true ? 2 : 1, type: position.type,
                    pattern: pick.pattern, distance: distance, placement: position.position, why: position.why,
                    choice: pick.reason, goalNote: note,
                    references: position.refs.compactMap { knowledge.references[$0] }))
            used.append((position, distance))
            for r in position.refs where !refs.contains(r) { refs.append(r) }
        }
        if plan.roomNotes.isEmpty, let room {
            plan.roomNotes.append(
                "critical distance \(Self.metres(room.criticalDistance)) m (\(Self.metres(room.volume)) m³, \(room.liveness.rawValue))"
            )
        }
        plan.spacing = Self.spacingChecks(used)
        plan.alignment = Self.alignmentWarnings(used)
        plan.references = refs.compactMap { knowledge.references[$0] }
        return plan
    }

    /// What a position wants, for the missing list.
    static func want(_ p: PlacementKnowledge.Position) -> String {
        let examples = (p.classic ?? []).prefix(3).joined(separator: ", ")
        return "\(p.name): \(p.pair == true ? "a matched pair of " : "a ")\(p.type) \(p.pattern)"
            + (p.pair == true ? "s" : "") + (examples.isEmpty ? "" : " (such as \(examples))")
    }

    /// Picks the locker's best mic for `p` and takes it out of `remaining`.
    static func pick(
        _ p: PlacementKnowledge.Position, from locker: MicLocker, remaining: inout [Int]
    ) -> (
        mic: String?, pattern: String, reason: String, warning: String?
    ) {
        if p.type == "di" { return ("DI box", "none", "a DI box (not a mic): the instrument's own signal", nil) }
        let need = p.pair == true ? 2 : 1
        let types = [p.type] + (p.alternatives ?? [])
        let patterns = [p.pattern] + (p.patterns ?? []).filter { $0 != p.pattern }
        func patternRank(_ m: MicLocker.Mic) -> (Int, String)? {
            for (i, want) in patterns.enumerated() where m.patterns.contains(want) { return (2 * i, want) }
            if patterns.first == "cardioid", let near = m.patterns.first(where: { $0.hasSuffix("cardioid") }) {
                return (1, near)
            }
            return nil
        }
        var best: (index: Int, score: [Int], pattern: String)?
        for (i, m) in locker.mics.enumerated() where remaining[i] >= need {
            guard let typeRank = types.firstIndex(of: m.type), let (pRank, pattern) = patternRank(m) else { continue }
            let classic = Self.isClassic(m.name, p.classic ?? []) ? 0 : 1
            let score = [typeRank, classic, pRank]
            if best == nil || score.lexicographicallyPrecedes(best!.score) { best = (i, score, pattern) }
        }
        guard let best else {
            let has = locker.mics.contains { $0.type == p.type }
            let warning =
                has
                ? "\(p.name): no \(p.type) with a \(p.pattern) pattern is left\(need == 2 ? " in a pair" : ""); the position is not filled"
                : "\(p.name): the locker has no \(p.type)\(p.alternatives.map { " nor \($0.joined(separator: " or "))" } ?? ""); the position is not filled"
            return (nil, p.pattern, "none of the available mics fits", warning)
        }
        remaining[best.index] -= need
        let m = locker.mics[best.index]
        var reason = "\(m.name): \(m.type), \(best.pattern)"
        reason += best.score[1] == 0 ? " — one of the usual choices here" : " — the \(m.type) that fits best"
        if let c = m.character { reason += " (\(c))" }
        var warning: String?
        if best.score[0] > 0 {
            let missingType = !locker.mics.contains { $0.type == p.type }
            warning =
                "\(p.name): \(missingType ? "no \(p.type) in the locker" : "no \(p.type) left"), so the \(m.type) \(m.name) instead; "
                + (p.type == "condenser"
                    ? "expect less detail and air than a condenser gives (get closer and add a little high shelf)"
                    : "expect a different colour than a \(p.type)")
            reason += "; a \(p.type) would be better"
        }
        if best.pattern != p.pattern { reason += "; set to \(best.pattern)" }
        return (m.name, best.pattern, reason, warning)
    }

    static func isClassic(_ name: String, _ classics: [String]) -> Bool {
        func fold(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let n = fold(name)
        return classics.contains { c in
            let k = fold(c)
            return !k.isEmpty && (n.contains(k) || k.contains(n) && n.count >= 3)
        }
    }

    /// The 3:1 checks for the positions whose spacing the knowledge gives, on different targets.
    static func spacingChecks(
        _ used: [(position: PlacementKnowledge.Position, distance: Double)]
    )
        -> [PlacementPlan.SpacingCheck]
    {
        var checks: [PlacementPlan.SpacingCheck] = []
        for i in used.indices {
            for j in used.indices where j > i {
                let a = used[i], b = used[j]
                guard a.position.target != b.position.target,
                    let spacing = a.position.spacing?[b.position.name] ?? b.position.spacing?[a.position.name]
                else { continue }
                let far = max(a.distance, b.distance)
                let required = 3 * far
                let passes = spacing >= required - 1e-9
                let farther = a.distance >= b.distance ? a : b
                let advice =
                    passes
                    ? "\(metres(spacing)) m apart ≥ 3 × \(metres(far)) m: each hears the other's source well down"
                    : "\(metres(spacing)) m apart < 3 × \(metres(far)) m = \(metres(required)) m: bring \(farther.position.name) to \(metres((spacing / 3 * 100).rounded(.down) / 100)) m or nearer its source, or move the mics apart, or expect combing between them"
                checks.append(
                    PlacementPlan.SpacingCheck(
                        first: a.position.name, second: b.position.name, spacing: spacing, firstDistance: a.distance,
                        secondDistance: b.distance, required: required, passes: passes, advice: advice))
            }
        }
        return checks
    }

    /// For each target heard by two or more positions, the delay of each against the nearest.
    static func alignmentWarnings(
        _ used: [(position: PlacementKnowledge.Position, distance: Double)]
    )
        -> [PlacementPlan.AlignmentWarning]
    {
        var byTarget: [(target: String, mics: [(String, Double)])] = []
        func add(_ target: String, _ mic: String, _ d: Double) {
            if let i = byTarget.firstIndex(where: { $0.target == target }) {
                byTarget[i].mics.append((mic, d))
            } else {
                byTarget.append((target, [(mic, d)]))
            }
        }
        for (p, d) in used {
            add(p.target, p.name, d)
            let scale = p.distance > 0 ? d / p.distance : 1
            for (target, h) in (p.hears ?? [:]).sorted(by: { $0.key < $1.key }) where target != p.target {
                add(target, p.name, h * scale)
            }
        }
        var warnings: [PlacementPlan.AlignmentWarning] = []
        for group in byTarget where group.mics.count >= 2 {
            let nearest = group.mics.min { $0.1 < $1.1 }!
            for (mic, d) in group.mics where mic != nearest.0 {
                let diff = d - nearest.1
                guard diff >= 0.01 else { continue }
                let seconds = diff / speedOfSound
                warnings.append(
                    PlacementPlan.AlignmentWarning(
                        target: group.target, reference: nearest.0, mic: mic, referenceDistance: nearest.1,
                        micDistance: d, difference: diff, milliseconds: seconds * 1000, samplesAt48k: seconds * 48_000))
            }
        }
        return warnings
    }

    static func metres(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
