/// Builds processors from inserts as a session writes them.
///
/// The insert's parameters are first checked against the kind's declarations
/// (``ProcessorKind/parameters``): an unknown name or a value out of range is an error with its
/// line and key, never clamped. Each processor then starts from its defaults (the declared
/// ones) and every number in the insert is set through ``Processor/setParameter(_:to:)``.
public enum ProcessorFactory {
    /// The processor for `insert`, with its parameters checked.
    /// - Throws: ``SessionError`` naming the insert's line and key for an unknown or invalid parameter.
    public static func make(_ insert: Session.Insert, _ session: Session) throws(SessionError) -> any Processor {
        func fail(_ key: String?, code: SessionError.Code = .badValue, _ message: String) -> SessionError {
            SessionError(
                file: session.path, line: insert.line, column: insert.column,
                key: insert.keyPath + (key.map { "." + $0 } ?? ""), code: code, message)
        }
        guard let kind = ProcessorKind(rawValue: insert.kind) else {
            throw fail(nil, "unknown processor \"\(insert.kind)\"")
        }
        if let problem = kind.problem(in: insert.parameters, sampleRate: session.sampleRate) {
            throw fail(problem.key, code: problem.code, problem.message)
        }
        let p = kind.canonical(insert.parameters)
        var processor: any Processor
        /// Parameters handled here rather than as numbers.
        var special: Set<String> = []
        switch kind {
        case .saturation:
            processor = Saturation(curve: p["curve"]?.text.flatMap(SaturationCurve.init(rawValue:)) ?? .tanh)
            special = ["curve"]
        case .delay:
            processor = StereoDelay(sync: p["sync"]?.text, tempo: session.tempo)
            special = ["sync"]
        case .reverb:
            processor = Reverb()
        case .width:
            processor = StereoWidth()
        case .limiter:
            processor = Limiter()
        case .eq, .filter, .compressor, .gate, .deesser:
            processor = makeDynamicsOrEQ(kind, p, special: &special)
        }
        for (name, value) in p.sorted(by: { $0.key < $1.key }) where !special.contains(name) {
            switch value {
            case .number(let n): processor.setParameter(name, to: n)
            case .flag(let b): processor.setParameter(name, to: b ? 1 : 0)
            default: break  // checked above: only numbers and flags reach here
            }
        }
        return processor
    }
}
