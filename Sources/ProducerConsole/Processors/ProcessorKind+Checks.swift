extension ProcessorKind {
    /// A problem with an insert's parameters: the key under the insert (`threshold`,
    /// `bands[0].freq`) and the sentence that says what is wrong.
    struct Problem: Error, Equatable {
        var key: String
        var message: String
        /// `outOfRange` for a number outside its declared range, `badValue` for anything else.
        var code: SessionError.Code = .badValue
    }

    /// The parameters with every alias replaced by the declared name.
    func canonical(_ parameters: [String: ParameterValue]) -> [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for (name, value) in parameters { out[parameter(name)?.name ?? name] = value }
        return out
    }

    /// Checks an insert's parameters (as written, aliases allowed) against the declarations;
    /// the first problem in key order, or nil.
    func problem(in parameters: [String: ParameterValue], sampleRate: Double) -> Problem? {
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let spec = parameter(name) else {
                return Problem(
                    key: name,
                    message: "\(rawValue) has no parameter \"\(name)\"; it takes "
                        + self.parameters(joined: ", "), code: .unknownReference)
            }
            if let p = spec.problem(with: value, sampleRate: sampleRate) {
                return Problem(key: name + p.key, message: p.message, code: p.code)
            }
        }
        if self == .filter, parameters["type"] == nil {
            return Problem(key: "type", message: "is missing; give one of " + Self.filterParameters[0].rangeText)
        }
        return nil
    }

    func parameters(joined separator: String) -> String { parameters.map(\.name).joined(separator: separator) }

    /// The declaration automation of `name` on this kind moves: a declared automatable
    /// parameter, or for an EQ `bandN.freq`, `bandN.gain`, `bandN.q` (N from 1 to its band count).
    func automatable(_ name: String, bandCount: Int) -> Result<ParameterSpec, Problem> {
        if self == .eq, name.hasPrefix("band"), let dot = name.firstIndex(of: ".") {
            let sub = String(name[name.index(after: dot)...])
            guard let n = Int(name[name.index(name.startIndex, offsetBy: 4)..<dot]), n >= 1, n <= bandCount,
                let spec = Self.bandParameters.first(where: {
                    $0.name == sub || (sub == "frequency" && $0.name == "freq")
                }),
                spec.automatable
            else {
                return .failure(
                    Problem(
                        key: "",
                        message: "eq has no parameter \"\(name)\" to automate: it has \(bandCount) "
                            + (bandCount == 1 ? "band" : "bands") + "; give bandN.freq, bandN.gain or bandN.q"))
            }
            return .success(spec)
        }
        guard let spec = parameter(name) else {
            return .failure(Problem(key: "", message: "\(rawValue) has no parameter \"\(name)\""))
        }
        guard spec.automatable else {
            let movable = parameters.filter(\.automatable).map(\.name)
            return .failure(
                Problem(
                    key: "",
                    message: "\(rawValue).\(spec.name) cannot be automated; "
                        + (movable.isEmpty
                            ? "\(rawValue) has nothing to automate" : "automate " + movable.joined(separator: ", "))))
        }
        return .success(spec)
    }
}

extension ParameterSpec {
    /// What is wrong with `value` for this parameter, with the key below it (`[0].freq` for a
    /// band), or nil when it is allowed.
    func problem(with value: ParameterValue, sampleRate: Double) -> ProcessorKind.Problem? {
        func fail(_ message: String, _ key: String = "") -> ProcessorKind.Problem { .init(key: key, message: message) }
        switch self.value {
        case .number:
            if let word, value.text == word { return nil }
            guard let n = value.number else {
                return fail("must be a number" + (unit.isEmpty ? "" : " of \(unit)") + (word.map { " or \($0)" } ?? ""))
            }
            return numberProblem(n, sampleRate: sampleRate).map { .init(key: "", message: $0, code: .outOfRange) }
        case .steps(let steps):
            guard let n = value.number, steps.contains(n) else {
                return fail("must be \(Self.list(steps.map(Self.format), "or")) (\(unit))")
            }
        case .choice(let words):
            guard let t = value.text, words.contains(t) else {
                return fail("must be one of \(words.joined(separator: ", "))")
            }
        case .flag:
            switch value {
            case .flag: break
            case .number(let n) where n == 0 || n == 1: break
            default: return fail("must be true or false")
            }
        case .noteValue:
            guard let t = value.text, StereoDelay.syncedTime(t, tempo: 120) != nil else {
                return fail("\"\(value.text ?? "")\" is not a note value (e.g. 1/8, 1/4., 1/8t)")
            }
        case .track:
            guard value.text != nil else { return fail("must be the name of another track") }
        case .bands(let count):
            guard case .list(let items) = value else { return fail("must be a list of { freq, gain, q, type }") }
            guard items.count <= count else { return fail("has \(items.count) bands; the EQ has \(count)") }
            let names = ProcessorKind.bandParameters.map(\.name)
            for (i, item) in items.enumerated() {
                let key = "[\(i)]"
                guard case .map(let band) = item else { return fail("must be { freq, gain, q, type }", key) }
                for (name, v) in band.sorted(by: { $0.key < $1.key }) {
                    guard let spec = ProcessorKind.bandParameters.first(where: { $0.name == name }) else {
                        return fail("unknown key; expected \(names.joined(separator: ", "))", key + "." + name)
                    }
                    if let p = spec.problem(with: v, sampleRate: sampleRate) {
                        return fail(p.message, key + "." + name + p.key)
                    }
                }
                if band["freq"] == nil { return fail("is missing", key + ".freq") }
            }
        }
        return nil
    }

    /// What is wrong with the number `n` here ("-200 is out of range (-80 to 0 dBFS)"), or nil.
    func numberProblem(_ n: Double, sampleRate: Double) -> String? {
        guard n.isFinite else { return "must be a finite number" }
        if allows(n, sampleRate: sampleRate) { return nil }
        return "\(Self.format(n)) is out of range \(rangeInMessage(sampleRate: sampleRate))"
    }

    static func list(_ items: [String], _ last: String) -> String {
        items.count < 2
            ? items.joined() : items.dropLast().joined(separator: ", ") + " \(last) " + items[items.count - 1]
    }
}
