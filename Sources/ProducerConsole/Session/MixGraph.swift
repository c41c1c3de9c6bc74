import RealModule

/// A session checked whole and resolved into the graph the mixer renders: every output and send
/// as a bus index, the order buses are summed in, the tracks keyed by other tracks' sidechains,
/// and which tracks sound (mute and solo).
///
/// Reading a session builds its graph, so a file with a routing or sidechain problem is an error
/// before anything renders; ``Mixer`` renders only this value.
public struct MixGraph: Sendable {
    /// The session, with its parameters checked against their declarations.
    public let session: Session
    /// Where each track's signal goes, in track order.
    let trackRoutes: [Route]
    /// Where each bus's signal goes, in bus order.
    let busRoutes: [Route]
    /// Bus indices in an order where every bus comes after all buses that feed it.
    let busOrder: [Int]
    /// Buses grouped so that every bus comes after all buses that feed it.
    let busLevels: [[Int]]
    /// Tracks grouped so that a track keyed by another's sidechain comes in a later group.
    let trackLevels: [[Int]]
    /// For each track, the track its sidechain listens to.
    let sidechainOf: [Int?]
    /// Whether each track is heard (not muted, and soloed when any track is).
    let audible: [Bool]

    /// Where a strip's signal goes: its output (a bus, or nil for the master) and its sends.
    struct Route: Sendable {
        var output: Int?
        var sends: [(bus: Int, gain: Float, preFader: Bool)]
    }

    /// Resolves and checks `session`: its routing, its sidechains, every insert's parameters and
    /// every automation lane against the declarations (``ProcessorKind``).
    /// - Throws: ``SessionError`` for a send or output to a bus that does not exist, a routing
    ///   cycle, a sidechain naming no other track, sidechains that form a loop, a parameter
    ///   unknown or out of range, or automation of what cannot be automated.
    public init(session: Session) throws(SessionError) {
        try SessionParser(path: session.path, yaml: "", checkFiles: false).checkRouting(session)
        try Self.checkParameters(session)
        self.session = session
        // Sidechains: an insert parameter `sidechain: TRACK` keys it from that track.
        var keyOf: [Int?] = Array(repeating: nil, count: session.tracks.count)
        for (i, t) in session.tracks.enumerated() {
            for insert in t.strip.inserts {
                guard let name = insert.parameters["sidechain"]?.text else { continue }
                guard let k = session.tracks.firstIndex(where: { $0.name == name }), k != i else {
                    throw SessionError(
                        file: session.path, line: insert.line, column: insert.column,
                        key: insert.keyPath + ".sidechain",
                        "there is no other track named \"\(name)\" to key from")
                }
                keyOf[i] = k
            }
        }
        let count = session.tracks.count
        var level = Array(repeating: 0, count: count)
        for _ in 0..<count {
            for i in 0..<count { if let k = keyOf[i] { level[i] = max(level[i], level[k] + 1) } }
        }
        guard level.allSatisfy({ $0 < count }) else {
            throw SessionError(file: session.path, key: "tracks", code: .cycle, "sidechains form a loop")
        }
        trackLevels = (0...(level.max() ?? 0)).map { l in (0..<count).filter { level[$0] == l } }
        sidechainOf = keyOf

        // Bus order: buses that feed other buses first.
        var order: [Int] = []
        var placed = Set<Int>()
        func feeds(_ b: Int) -> [Int] {
            let s = session.buses[b].strip
            let targets = Set([s.output].compactMap { $0 } + s.sends.map(\.bus))
            return session.buses.indices.filter { targets.contains(session.buses[$0].name) }
        }
        func place(_ b: Int) {
            if placed.contains(b) { return }
            for other in session.buses.indices where feeds(other).contains(b) { place(other) }
            placed.insert(b)
            order.append(b)
        }
        for b in session.buses.indices { place(b) }
        busOrder = order
        var busLevel = Array(repeating: 0, count: session.buses.count)
        for b in order { for next in feeds(b) { busLevel[next] = max(busLevel[next], busLevel[b] + 1) } }
        busLevels =
            session.buses.isEmpty ? [] : (0...(busLevel.max() ?? 0)).map { l in order.filter { busLevel[$0] == l } }

        let anySolo = session.tracks.contains { $0.solo }
        audible = session.tracks.map { !$0.mute && (!anySolo || $0.solo) }
        trackRoutes = session.tracks.map { Self.route($0.strip, in: session) }
        busRoutes = session.buses.map { Self.route($0.strip, in: session) }
    }

    static func route(_ spec: Session.Strip, in session: Session) -> Route {
        let output = spec.output.flatMap { out in
            out == "master" ? nil : session.buses.firstIndex(where: { $0.name == out })
        }
        let sends = spec.sends.compactMap { send -> (bus: Int, gain: Float, preFader: Bool)? in
            guard let b = session.buses.firstIndex(where: { $0.name == send.bus }) else { return nil }
            return (b, Float(Double.exp10(send.levelDecibels / 20)), send.preFader)
        }
        return Route(output: output, sends: sends)
    }
}
