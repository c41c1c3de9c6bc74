import Foundation
import ProducerFiles
import ProducerMusic
import Yams

extension Session {
    /// Reads a session file and checks it whole (its ``MixGraph``) before returning.
    /// - Throws: ``SessionError`` naming the line and the key of the first problem: unknown keys,
    ///   wrong types, values out of their declared range (``ProcessorKind``), missing files, sends
    ///   to buses that do not exist, routing cycles, sidechains naming no other track.
    ///   A folder, a pipe, a device, a file larger than ``maximumFileBytes`` and text that is not
    ///   UTF-8 are refused before the YAML is read.
    public init(path: String) throws(SessionError) {
        let text: String
        do {
            text = try InputFile.text(atPath: path, what: "session file", limit: Self.maximumFileBytes)
        } catch {
            throw SessionError(file: path, line: error.line, column: error.column, code: .unreadable, error.reason)
        }
        try self.init(yaml: text, path: path)
    }

    /// Reads a session from YAML text; `path` names it in errors and anchors relative file paths.
    /// - Throws: ``SessionError`` as ``init(path:)`` does, also for text longer than
    ///   ``maximumFileBytes``.
    public init(yaml: String, path: String, checkFiles: Bool = true) throws(SessionError) {
        guard yaml.utf8.count <= Self.maximumFileBytes else {
            throw SessionError(
                file: path, code: .unreadable,
                InputFile.tooLargeReason(size: yaml.utf8.count, what: "session file", limit: Self.maximumFileBytes))
        }
        self = try SessionParser(path: path, yaml: yaml, checkFiles: checkFiles).parse()
    }

    /// The largest session file read, in bytes (4 MB): a session of hundreds of tracks is a few
    /// tens of kilobytes.
    public static let maximumFileBytes = 4 << 20
}

/// Reads the YAML node tree, checking every key and type, with line numbers for errors.
struct SessionParser {
    let path: String
    let yaml: String
    let checkFiles: Bool
    var directory: String { (path as NSString).deletingLastPathComponent }

    func error(_ node: Node?, _ key: String?, code: SessionError.Code = .badValue, _ message: String) -> SessionError {
        SessionError(file: path, line: node?.mark?.line, column: node?.mark?.column, key: key, code: code, message)
    }

    func parse() throws(SessionError) -> Session {
        let composed: Node?
        do {
            composed = try YAMLSyntax.compose(yaml)
        } catch {
            throw SessionError(file: path, line: error.line, column: error.column, code: .syntax, error.message)
        }
        guard let root = composed else { throw error(nil, nil, "the session file is empty") }
        let top = try mapping(
            root, "",
            allowed: [
                "sampleRate", "tempo", "beatsPerBar", "panLaw", "tracks", "buses", "master",
                "length", "tail",
            ])
        guard let rateNode = top["sampleRate"] else {
            throw error(root, "sampleRate", "is missing (e.g. sampleRate: 48000)")
        }
        let rate = try number(rateNode, "sampleRate", in: 8000...768_000)
        let tempo = try top["tempo"].map { n throws(SessionError) in try number(n, "tempo", in: 20...400) } ?? 120
        let beatsPerBar = Int(
            try top["beatsPerBar"].map { n throws(SessionError) in try number(n, "beatsPerBar", in: 1...32) } ?? 4)
        let clock = Clock(rate: rate, tempoMap: Session.tempoMap(tempo: tempo, beatsPerBar: beatsPerBar))

        var buses: [Session.Bus] = []
        if let node = top["buses"] {
            for (i, item) in try sequence(node, "buses").enumerated() {
                buses.append(try bus(item, "buses[\(i)]", clock: clock))
            }
        }
        let master =
            try top["master"].map { n throws(SessionError) in try bus(n, "master", clock: clock, isMaster: true) }
            ?? Session.Bus(name: "master", strip: Session.Strip())
        var tracks: [Session.Track] = []
        guard let tracksNode = top["tracks"] else {
            throw error(root, "tracks", "is missing: a session needs at least one track")
        }
        for (i, item) in try sequence(tracksNode, "tracks").enumerated() {
            tracks.append(try track(item, "tracks[\(i)]", clock: clock))
        }
        if tracks.isEmpty { throw error(tracksNode, "tracks", "is empty: a session needs at least one track") }
        var session = Session(
            sampleRate: rate, tempo: tempo, beatsPerBar: beatsPerBar, tracks: tracks, buses: buses,
            master: master, path: path)
        if let lawNode = top["panLaw"] {
            let text = try text(lawNode, "panLaw")
            guard let law = PanLaw(rawValue: text) else {
                throw error(
                    lawNode, "panLaw", "must be one of \(PanLaw.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            session.panLaw = law
        }
        if let n = top["length"] { session.lengthFrames = try clock.frames(n, "length", parser: self) }
        if let n = top["tail"] {
            if top["length"] != nil { throw error(n, "tail", "give length or tail, not both") }
            session.tailFrames = Int64((try number(n, "tail", in: 0...Session.maximumTailSeconds) * rate).rounded())
        }
        _ = try MixGraph(session: session)  // routing and sidechains, checked whole
        return session
    }

    // MARK: - Tracks and buses

    func track(_ node: Node, _ key: String, clock: Clock) throws(SessionError) -> Session.Track {
        let m = try mapping(
            node, key,
            allowed: Self.stripKeys.union(["file", "midi", "track", "instrument", "start", "trim", "mute", "solo"]))
        guard let nameNode = m["name"] else { throw error(node, key + ".name", "is missing") }
        let resolved: String
        var midi: MIDIPart?
        if let midiNode = m["midi"] {
            if let fileNode = m["file"] {
                throw error(fileNode, key + ".file", "give file (audio) or midi (a MIDI file), not both")
            }
            (resolved, midi) = try midiPart(midiNode, m, key)
        } else {
            guard let fileNode = m["file"] else {
                throw error(node, key + ".file", "is missing (an audio file; or midi: for a MIDI file)")
            }
            for extra in ["track", "instrument"] {
                if let n = m[extra] {
                    throw error(n, key + "." + extra, "goes with midi: (a MIDI file), not with file:")
                }
            }
            let file = try text(fileNode, key + ".file")
            resolved = file.hasPrefix("/") ? file : directory.isEmpty ? file : directory + "/" + file
            if checkFiles && !FileManager.default.fileExists(atPath: resolved) {
                throw error(fileNode, key + ".file", "the audio file \(resolved) does not exist")
            }
        }
        var trimStart: Int64 = 0, trimLength: Int64?
        if let trim = m["trim"] {
            let t = try mapping(trim, key + ".trim", allowed: ["start", "end"])
            if let s = t["start"] { trimStart = try clock.frames(s, key + ".trim.start", parser: self) }
            if let e = t["end"] {
                let end = try clock.frames(e, key + ".trim.end", parser: self)
                guard end > trimStart else { throw error(e, key + ".trim.end", "must come after trim.start") }
                trimLength = end - trimStart
            }
        }
        return Session.Track(
            name: try text(nameNode, key + ".name"), file: resolved, midi: midi,
            startFrame: try m["start"].map { n throws(SessionError) in try clock.frames(n, key + ".start", parser: self)
            } ?? 0,
            trimStartFrame: trimStart, trimLengthFrames: trimLength,
            strip: try strip(m, node, key, clock: clock),
            mute: try m["mute"].map { n throws(SessionError) in try flag(n, key + ".mute") } ?? false,
            solo: try m["solo"].map { n throws(SessionError) in try flag(n, key + ".solo") } ?? false)
    }

    func bus(_ node: Node, _ key: String, clock: Clock, isMaster: Bool = false) throws(SessionError) -> Session.Bus {
        let allowed = isMaster ? Set(["inserts", "gain", "automation", "width"]) : Self.stripKeys
        let m = try mapping(node, key, allowed: allowed)
        let name: String
        if isMaster {
            name = "master"
        } else {
            guard let n = m["name"] else { throw error(node, key + ".name", "is missing") }
            name = try text(n, key + ".name")
        }
        return Session.Bus(name: name, strip: try strip(m, node, key, clock: clock))
    }

    static let stripKeys: Set<String> = [
        "name", "gain", "pan", "width", "polarity", "delay", "inserts", "sends", "output",
        "automation",
    ]

    func strip(_ m: [String: Node], _ node: Node, _ key: String, clock: Clock) throws(SessionError) -> Session.Strip {
        var s = Session.Strip()
        s.line = node.mark?.line
        let stripSpec = ProcessorKind.stripParameters
        if let n = m["gain"] { s.gainDecibels = try number(n, key + ".gain", in: stripSpec[0].range) }
        if let n = m["pan"] { s.pan = try number(n, key + ".pan", in: stripSpec[1].range) }
        if let n = m["width"] { s.width = try number(n, key + ".width", in: stripSpec[2].range) }
        if let n = m["polarity"] {
            switch try text(n, key + ".polarity") {
            case "normal": s.inverted = false
            case "inverted": s.inverted = true
            case let other: throw error(n, key + ".polarity", "must be normal or inverted, not \"\(other)\"")
            }
        }
        if let n = m["delay"] { s.delayFrames = try clock.delayFrames(n, key + ".delay", parser: self) }
        if let n = m["output"] { s.output = try text(n, key + ".output") }
        if let n = m["inserts"] {
            for (i, item) in try sequence(n, key + ".inserts").enumerated() {
                let path = key + ".inserts[\(i)]"
                let one = try mapping(item, path, allowed: nil)
                guard one.count == 1, let (kind, valueNode) = one.first else {
                    throw error(item, path, "an insert is one processor, e.g. `- compressor: { threshold: -18 }`")
                }
                guard let processor = ProcessorKind(rawValue: kind) else {
                    let known = ProcessorKind.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                    throw error(item, path, "unknown processor \"\(kind)\"; known: \(known)")
                }
                var marks: [String: Node] = [:]
                let parameters = try parameterMap(valueNode, path + "." + kind, marks: &marks)
                if let problem = processor.problem(in: parameters, sampleRate: clock.rate) {
                    let key = path + "." + kind + "." + problem.key
                    throw error(marks[key] ?? item, key, code: problem.code, problem.message)
                }
                s.inserts.append(
                    .init(
                        kind: kind, parameters: processor.canonical(parameters), line: item.mark?.line,
                        column: item.mark?.column, keyPath: path + "." + kind))
            }
        }
        if let n = m["sends"] {
            for (i, item) in try sequence(n, key + ".sends").enumerated() {
                let path = key + ".sends[\(i)]"
                let send = try mapping(item, path, allowed: ["bus", "level", "pre"])
                guard let bus = send["bus"] else { throw error(item, path + ".bus", "is missing") }
                s.sends.append(
                    .init(
                        bus: try text(bus, path + ".bus"),
                        levelDecibels: try send["level"].map { n throws(SessionError) in
                            try number(n, path + ".level", in: -144...24)
                        } ?? 0,
                        preFader: try send["pre"].map { n throws(SessionError) in try flag(n, path + ".pre") } ?? false,
                        line: bus.mark?.line, keyPath: path + ".bus"))
            }
        }
        if let n = m["automation"] {
            for (target, lane) in try mapping(n, key + ".automation", allowed: nil).sorted(by: { $0.key < $1.key }) {
                let path = key + ".automation." + target
                let spec = try automationTarget(target, of: s, lane: lane, path: path)
                var points: [(Int64, Double)] = []
                for (i, p) in try sequence(lane, path).enumerated() {
                    let point = try mapping(p, path + "[\(i)]", allowed: ["time", "value"])
                    guard let t = point["time"], let v = point["value"] else {
                        throw error(
                            p, path + "[\(i)]", "a breakpoint needs time and value, e.g. { time: \"5:1\", value: -6 }")
                    }
                    let value = try number(v, path + "[\(i)].value")
                    if let problem = spec.automationProblem(value, sampleRate: clock.rate) {
                        throw error(v, path + "[\(i)].value", problem)
                    }
                    points.append((try clock.frames(t, path + "[\(i)].time", parser: self), value))
                }
                guard !points.isEmpty else { throw error(lane, path, "has no breakpoints") }
                if zip(points, points.dropFirst()).contains(where: { $0.0 > $1.0 }) {
                    throw error(lane, path, "breakpoints must be in time order")
                }
                s.automation.append(.init(target: target, points: points, line: lane.mark?.line, keyPath: path))
            }
        }
        return s
    }

    // MARK: - Routing

    func checkRouting(_ session: Session) throws(SessionError) {
        let names = Set(session.buses.map(\.name))
        var seen = Set<String>()
        for bus in session.buses {
            if !seen.insert(bus.name).inserted {
                throw SessionError(
                    file: path, line: bus.strip.line, key: "buses", code: .duplicate,
                    "two buses are named \"\(bus.name)\"")
            }
        }
        var trackNames = Set<String>()
        for (i, t) in session.tracks.enumerated() {
            if !trackNames.insert(t.name).inserted {
                throw SessionError(
                    file: path, line: t.strip.line, key: "tracks[\(i)].name", code: .duplicate,
                    "two tracks are named \"\(t.name)\"")
            }
        }
        func check(_ strip: Session.Strip, _ key: String) throws(SessionError) {
            if let out = strip.output, out != "master", !names.contains(out) {
                throw SessionError(
                    file: path, line: strip.line, key: key + ".output", code: .unknownReference,
                    "there is no bus named \"\(out)\"")
            }
            for send in strip.sends where !names.contains(send.bus) {
                throw SessionError(
                    file: path, line: send.line, key: send.keyPath, code: .unknownReference,
                    "there is no bus named \"\(send.bus)\"")
            }
        }
        for (i, t) in session.tracks.enumerated() { try check(t.strip, "tracks[\(i)]") }
        for (i, b) in session.buses.enumerated() { try check(b.strip, "buses[\(i)]") }
        // A bus may feed other buses (output or sends), never itself through a loop.
        var edges: [String: [String]] = [:]
        for b in session.buses {
            edges[b.name] = [b.strip.output].compactMap { $0 }.filter { $0 != "master" } + b.strip.sends.map(\.bus)
        }
        // Depth first with a stack of its own, so that a chain of any number of buses cannot
        // overflow the thread's stack.
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        for b in session.buses where state[b.name] != 2 {
            var trail = [b.name]
            var next = [0]  // per trail entry: the index of its next edge
            state[b.name] = 1
            while let name = trail.last {
                let targets = edges[name] ?? []
                let k = next[next.count - 1]
                guard k < targets.count else {
                    state[name] = 2
                    trail.removeLast()
                    next.removeLast()
                    continue
                }
                next[next.count - 1] = k + 1
                let target = targets[k]
                if state[target] == 2 { continue }
                if state[target] == 1 {
                    let cycle = (trail.drop { $0 != target } + [target]).joined(separator: " → ")
                    let line = session.buses.first { $0.name == target }?.strip.line
                    throw SessionError(file: path, line: line, key: "buses", code: .cycle, "routing cycle: \(cycle)")
                }
                state[target] = 1
                trail.append(target)
                next.append(0)
            }
        }
    }

    // MARK: - Typed values

    func mapping(_ node: Node, _ key: String, allowed: Set<String>?) throws(SessionError) -> [String: Node] {
        guard case .mapping(let m) = node else { throw error(node, key, "must be a mapping (key: value pairs)") }
        var result: [String: Node] = [:]
        for (k, v) in m {
            guard let name = k.string else { throw error(k, key, "keys must be text") }
            if let allowed, !allowed.contains(name) {
                let place = key.isEmpty ? name : key + "." + name
                throw error(k, place, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[name] = v
        }
        return result
    }

    func sequence(_ node: Node, _ key: String) throws(SessionError) -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, key, "must be a list") }
        return Array(s)
    }

    func number(_ node: Node, _ key: String, in range: ClosedRange<Double>? = nil) throws(SessionError) -> Double {
        guard case .scalar = node, let v = node.float ?? node.int.map(Double.init), v.isFinite else {
            throw error(node, key, "must be a number, not \"\(node.string ?? "a list or mapping")\"")
        }
        if let range, !range.contains(v) {
            let f = ParameterSpec.format
            throw error(
                node, key, code: .outOfRange,
                "\(f(v)) is out of range (\(f(range.lowerBound)) to \(f(range.upperBound)))")
        }
        return v
    }

    func text(_ node: Node, _ key: String) throws(SessionError) -> String {
        guard case .scalar(let s) = node else { throw error(node, key, "must be text") }
        return s.string
    }

    func flag(_ node: Node, _ key: String) throws(SessionError) -> Bool {
        guard case .scalar = node, let b = node.bool else { throw error(node, key, "must be true or false") }
        return b
    }

    /// The parameters of an insert; `marks` gets the node of every value by its key path.
    func parameterMap(
        _ node: Node, _ key: String, marks: inout [String: Node]
    ) throws(SessionError) -> [String: ParameterValue] {
        if case .scalar(let s) = node, s.string.isEmpty || node.null != nil { return [:] }
        guard case .map(let m) = try parameter(node, key, marks: &marks) else {
            throw error(node, key, "must be a mapping of parameters, e.g. { threshold: -18, ratio: 3 }")
        }
        return m
    }

    func parameter(_ node: Node, _ key: String, marks: inout [String: Node]) throws(SessionError) -> ParameterValue {
        marks[key] = node
        switch node {
        case .scalar:
            if let n = node.int { return .number(Double(n)) }
            if let n = node.float { return .number(n) }
            if let b = node.bool { return .flag(b) }
            return .text(node.string ?? "")
        case .sequence(let s):
            var items: [ParameterValue] = []
            for (i, item) in s.enumerated() { items.append(try parameter(item, key + "[\(i)]", marks: &marks)) }
            return .list(items)
        case .mapping(let m):
            var map: [String: ParameterValue] = [:]
            for (k, v) in m {
                guard let name = k.string else { throw error(k, key, "keys must be text") }
                map[name] = try parameter(v, key + "." + name, marks: &marks)
            }
            return .map(map)
        case .alias:
            throw error(node, key, "YAML aliases are not supported in sessions")
        }
    }
}

/// Converts session times to frames: seconds, "bar:beat" (from 1, read through the session's
/// tempo map), or "N samples".
struct Clock {
    let rate: Double
    let tempoMap: TempoMap

    /// The latest position a session may name: ``Session/maximumDurationSeconds`` in frames.
    var limit: Int64 { Int64(Session.maximumDurationSeconds * rate) }

    func frames(_ node: Node, _ key: String, parser: SessionParser) throws(SessionError) -> Int64 {
        let hours = Int(Session.maximumDurationSeconds / 3600)
        let tooLate = "is past the \(hours)-hour limit of a session's timeline"
        if let seconds = node.float ?? node.int.map(Double.init) {
            guard seconds.isFinite, seconds >= 0 else {
                throw parser.error(node, key, "\(seconds) s is not a time: give 0 s or later")
            }
            guard seconds <= Session.maximumDurationSeconds else {
                throw parser.error(node, key, "\(seconds) s \(tooLate)")
            }
            return Int64((seconds * rate).rounded())
        }
        let text = (node.string ?? "").trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("samples"), let n = Int64(text.dropLast(7).trimmingCharacters(in: .whitespaces)), n >= 0 {
            guard n <= limit else {
                throw parser.error(node, key, "\"\(text)\" \(tooLate) (\(limit) samples at \(Int(rate)) Hz)")
            }
            return n
        }
        let parts = text.split(separator: ":")
        if parts.count == 2, let bar = Double(parts[0]), let beat = Double(parts[1]), bar.isFinite, beat.isFinite,
            bar >= 1, beat >= 1
        {
            // A fractional bar ("2.5:1") counts its fraction in beats of the bar's meter.
            let wholeBar = bar.rounded(.down)
            let beatsPerBar = Double(tempoMap.meter(atQuarterNotes: 0).beatsPerBar)
            let beats = (bar - wholeBar) * beatsPerBar + (beat - 1)
            guard wholeBar < Double(Int32.max), beats < 1e12 else {
                throw parser.error(node, key, "\"\(text)\" \(tooLate)")
            }
            let wholeBeats = beats.rounded(.down)
            let seconds = tempoMap.seconds(
                at: BarBeat(bar: Int(wholeBar), beat: 1 + Int(wholeBeats), fraction: beats - wholeBeats))
            // The same bound as for seconds (and no Int64 overflow for "1e300:1").
            guard seconds <= Session.maximumDurationSeconds else {
                throw parser.error(node, key, "\"\(text)\" \(tooLate)")
            }
            return Int64((seconds * rate).rounded())
        }
        throw parser.error(
            node, key, "\"\(text)\" is not a time: give seconds (12.5), bar:beat (\"17:3\") or \"N samples\"")
    }

    /// A delay: ms as a number, or "N samples".
    func delayFrames(_ node: Node, _ key: String, parser: SessionParser) throws(SessionError) -> Double {
        if let ms = node.float ?? node.int.map(Double.init) {
            guard (0...1000).contains(ms) else {
                throw parser.error(node, key, code: .outOfRange, "\(ms) ms is out of range (0 to 1000 ms)")
            }
            return ms / 1000 * rate
        }
        let text = (node.string ?? "").trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("samples"), let n = Double(text.dropLast(7).trimmingCharacters(in: .whitespaces)), n >= 0,
            n <= rate
        {
            return n
        }
        throw parser.error(node, key, "\"\(text)\" is not a delay: give ms (1.5) or \"N samples\"")
    }
}
