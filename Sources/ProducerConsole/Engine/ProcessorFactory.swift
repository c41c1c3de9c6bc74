/// Builds processors from inserts as a session writes them.
///
/// Each processor starts from its documented defaults; every number in the insert is then set
/// through ``Processor/setParameter(_:to:)``, so the session uses exactly the parameter names the
/// processors document, and an unknown name is an error with its line and key.
public enum ProcessorFactory {
    /// The processor for `insert`, with its parameters checked.
    /// - Throws: ``SessionError`` naming the insert's line and key for an unknown or invalid parameter.
    public static func make(_ insert: Session.Insert, _ session: Session) throws(SessionError) -> any Processor {
        func fail(_ key: String?, _ message: String) -> SessionError {
            SessionError(file: session.path, line: insert.line, column: insert.column,
                         key: insert.keyPath + (key.map { "." + $0 } ?? ""), message)
        }
        let p = insert.parameters
        func text(_ name: String, _ allowed: [String]) throws(SessionError) -> String? {
            guard let value = p[name] else { return nil }
            guard let t = value.text, allowed.isEmpty || allowed.contains(t) else {
                throw fail(name, "must be one of \(allowed.joined(separator: ", "))")
            }
            return t
        }
        var processor: any Processor
        /// Parameters handled here rather than as numbers.
        var special: Set<String> = []
        switch insert.kind {
        case "saturation":
            let curve = try text("curve", SaturationCurve.allCases.map(\.rawValue)).flatMap(SaturationCurve.init(rawValue:))
            processor = Saturation(curve: curve ?? .tanh)
            special = ["curve"]
        case "delay":
            let sync = try text("sync", [])
            if let sync, StereoDelay.syncedTime(sync, tempo: session.tempo) == nil {
                throw fail("sync", "\"\(sync)\" is not a note value (e.g. 1/8, 1/4., 1/8t)")
            }
            processor = StereoDelay(sync: sync, tempo: session.tempo)
            special = ["sync"]
        case "reverb":
            processor = Reverb()
        case "width":
            processor = StereoWidth()
        case "limiter":
            processor = Limiter()
        default:
            processor = try makeDynamicsOrEQ(insert, session, fail: fail, special: &special)
        }
        for (name, value) in p.sorted(by: { $0.key < $1.key }) where !special.contains(name) {
            switch value {
            case .number(let n):
                guard processor.setParameter(name, to: n) else { throw fail(name, "\(insert.kind) has no parameter \"\(name)\"") }
            case .flag(let b):
                guard processor.setParameter(name, to: b ? 1 : 0) else { throw fail(name, "\(insert.kind) has no parameter \"\(name)\"") }
            default:
                throw fail(name, "must be a number")
            }
        }
        return processor
    }
}
