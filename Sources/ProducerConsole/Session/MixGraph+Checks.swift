extension MixGraph {
    /// Checks what a session built in code (not read from a file) may still get wrong: every
    /// insert's parameters against their declarations, and every automation lane's target and
    /// values. A session read from a file has passed these checks already, with the line and
    /// column of each value.
    static func checkParameters(_ session: Session) throws(SessionError) {
        for strip in session.tracks.map(\.strip) + session.buses.map(\.strip) + [session.master.strip] {
            for insert in strip.inserts {
                guard let kind = ProcessorKind(rawValue: insert.kind) else {
                    throw SessionError(
                        file: session.path, line: insert.line, column: insert.column, key: insert.keyPath,
                        "unknown processor \"\(insert.kind)\"")
                }
                if let problem = kind.problem(in: insert.parameters, sampleRate: session.sampleRate) {
                    throw SessionError(
                        file: session.path, line: insert.line, column: insert.column,
                        key: insert.keyPath + "." + problem.key, code: problem.code, problem.message)
                }
            }
            for lane in strip.automation {
                let spec = try automationTarget(lane, of: strip, session: session)
                for (i, point) in lane.points.enumerated() {
                    if let problem = spec.automationProblem(point.value, sampleRate: session.sampleRate) {
                        throw SessionError(
                            file: session.path, line: lane.line, key: lane.keyPath + "[\(i)].value", problem)
                    }
                }
            }
        }
    }

    private static func automationTarget(
        _ lane: Session.AutomationLane, of strip: Session.Strip,
        session: Session
    ) throws(SessionError) -> ParameterSpec {
        func fail(_ message: String) -> SessionError {
            SessionError(file: session.path, line: lane.line, key: lane.keyPath, message)
        }
        if let spec = ProcessorKind.stripParameters.first(where: { $0.name == lane.target && $0.automatable }) {
            return spec
        }
        let parts = lane.target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let insert = strip.inserts.first(where: { $0.kind == parts[0] }),
            let kind = ProcessorKind(rawValue: insert.kind)
        else {
            throw fail(
                "automation targets gain, pan or INSERT.PARAMETER of an insert on this strip (e.g. compressor.threshold)"
            )
        }
        var bandCount = 0
        if case .list(let bands) = insert.parameters["bands"] { bandCount = bands.count }
        switch kind.automatable(parts[1], bandCount: bandCount) {
        case .success(let spec): return spec
        case .failure(let problem): throw fail(problem.message)
        }
    }
}
