import Yams

extension SessionParser {
    /// The declared parameter an automation lane moves: `gain`, `pan`, or `INSERT.PARAMETER` of
    /// an insert on this strip that the insert's declarations mark automatable.
    func automationTarget(
        _ target: String, of strip: Session.Strip, lane: Node, path: String
    ) throws(SessionError)
        -> ParameterSpec
    {
        if let spec = ProcessorKind.stripParameters.first(where: { $0.name == target && $0.automatable }) {
            return spec
        }
        let parts = target.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let insert = strip.inserts.first(where: { $0.kind == parts[0] }),
            let kind = ProcessorKind(rawValue: insert.kind)
        else {
            throw error(
                lane, path,
                "automation targets gain, pan or INSERT.PARAMETER of an insert on this strip (e.g. compressor.threshold)"
            )
        }
        var bandCount = 0
        if case .list(let bands) = insert.parameters["bands"] { bandCount = bands.count }
        switch kind.automatable(parts[1], bandCount: bandCount) {
        case .success(let spec): return spec
        case .failure(let problem): throw error(lane, path, problem.message)
        }
    }
}

extension ParameterSpec {
    /// What is wrong with a breakpoint's value for this parameter, or nil.
    func automationProblem(_ value: Double, sampleRate: Double) -> String? {
        switch self.value {
        case .number: return numberProblem(value, sampleRate: sampleRate)
        case .steps(let steps):
            return steps.contains(value) ? nil : "must be \(Self.list(steps.map(Self.format), "or")) (\(unit))"
        case .flag: return (0...1).contains(value) ? nil : "must be 0 (off) to 1 (on)"
        default: return "\(name) cannot be automated"
        }
    }
}
