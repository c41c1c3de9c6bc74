import Dispatch
public import ProducerAudio
import RealModule

/// Renders a ``Session`` offline, block by block: tracks (in parallel), sends and buses, the master.
///
/// Memory does not grow with the song's length: each strip keeps one block and its processors'
/// state. The result does not depend on the number of threads: every track is computed on its
/// own and the sums are taken in a fixed order.
public final class Mixer: @unchecked Sendable {
    /// Frames per block.
    public let blockFrames: Int
    /// The session being rendered.
    public let session: Session
    /// Frames the render lasts: to the end of the last track, plus the master's latency compensated.
    public let lengthFrames: Int64

    private let sources: [TrackSource]
    private let trackStrips: [ChannelStrip]
    private let busStrips: [ChannelStrip]
    private let masterStrip: ChannelStrip
    /// Bus indices in an order where every bus comes after all buses that feed it.
    private let busOrder: [Int]
    /// Tracks grouped so that a track keyed by another's sidechain comes in a later group.
    private let trackLevels: [[Int]]
    private let sidechainOf: [Int?]
    private let masterLatency: Int
    private let audible: [Bool]
    /// Render tracks and buses on all cores (the result is the same either way).
    public let parallel: Bool
    /// Buses grouped so that every bus comes after all buses that feed it; each group in parallel.
    private var busLevels: [[Int]] = []

    /// Builds the render graph.
    /// - Parameters:
    ///   - makeProcessor: turns an insert as written into a processor (see ``ProcessorFactory``).
    /// - Throws: ``SessionError`` for a file that cannot be read or an insert that cannot be built.
    public init(session: Session, blockFrames: Int = 8192, parallel: Bool = true,
                makeProcessor: (Session.Insert, Session) throws(SessionError) -> any Processor = ProcessorFactory.make)
        throws(SessionError)
    {
        self.session = session
        self.blockFrames = blockFrames
        self.parallel = parallel
        var sources: [TrackSource] = []
        for t in session.tracks {
            sources.append(try TrackSource(track: t, sessionPath: session.path, sampleRate: session.sampleRate,
                                           blockFrames: blockFrames))
        }
        self.sources = sources
        var built: [[any Processor]] = []
        for strip in session.tracks.map(\.strip) + session.buses.map(\.strip) + [session.master.strip] {
            var list: [any Processor] = []
            for i in strip.inserts { list.append(try makeProcessor(i, session)) }
            built.append(list)
        }
        var tracks: [ChannelStrip] = []
        for (i, t) in session.tracks.enumerated() {
            tracks.append(ChannelStrip(name: t.name, spec: t.strip, inputChannels: sources[i].channelCount, inserts: built[i]))
        }
        var buses: [ChannelStrip] = []
        for (j, b) in session.buses.enumerated() {
            buses.append(ChannelStrip(name: b.name, spec: b.strip, inputChannels: 2, inserts: built[tracks.count + j]))
        }
        let master = ChannelStrip(name: "master", spec: session.master.strip, inputChannels: 2,
                                  inserts: built[built.count - 1])
        for strip in tracks + buses + [master] {
            try Self.bindAutomation(strip, session: session)
            strip.panLaw = session.panLaw
        }

        // Sidechains: an insert parameter `sidechain: TRACK` keys it from that track.
        var keyOf: [Int?] = Array(repeating: nil, count: tracks.count)
        for (i, t) in session.tracks.enumerated() {
            for insert in t.strip.inserts {
                guard let name = insert.parameters["sidechain"]?.text else { continue }
                guard let k = session.tracks.firstIndex(where: { $0.name == name }), k != i else {
                    throw SessionError(file: session.path, line: insert.line, key: insert.keyPath + ".sidechain",
                                       "there is no other track named \"\(name)\" to key from")
                }
                keyOf[i] = k
            }
        }
        var level = Array(repeating: 0, count: tracks.count)
        for _ in 0..<tracks.count {
            for i in tracks.indices { if let k = keyOf[i] { level[i] = max(level[i], level[k] + 1) } }
        }
        guard level.allSatisfy({ $0 < tracks.count }) else {
            throw SessionError(file: session.path, key: "tracks", "sidechains form a loop")
        }
        trackLevels = (0...(level.max() ?? 0)).map { l in tracks.indices.filter { level[$0] == l } }
        sidechainOf = keyOf

        // Latency: line every track up with the slowest one; the master's look-ahead is cut from the start.
        let worst = tracks.map(\.insertLatency).max() ?? 0
        for t in tracks { t.compensationFrames = worst - t.insertLatency }
        masterLatency = master.insertLatency + (buses.map(\.insertLatency).max() ?? 0)

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
            // Everything that feeds b first.
            for other in session.buses.indices where feeds(other).contains(b) { place(other) }
            placed.insert(b)
            order.append(b)
        }
        for b in session.buses.indices { place(b) }
        busOrder = order
        var busLevel = Array(repeating: 0, count: session.buses.count)
        for b in order { for next in feeds(b) { busLevel[next] = max(busLevel[next], busLevel[b] + 1) } }
        busLevels = session.buses.isEmpty ? [] : (0...(busLevel.max() ?? 0)).map { l in order.filter { busLevel[$0] == l } }

        let anySolo = session.tracks.contains { $0.solo }
        audible = session.tracks.map { !$0.mute && (!anySolo || $0.solo) }
        trackStrips = tracks
        busStrips = buses
        masterStrip = master
        lengthFrames = (sources.map(\.endFrame).max() ?? 0)
        for strip in tracks + buses + [master] { strip.prepare(sampleRate: session.sampleRate, blockFrames: blockFrames) }
    }

    private static func bindAutomation(_ strip: ChannelStrip, session: Session) throws(SessionError) {
        for lane in strip.spec.automation {
            let curve = AutomationCurve(points: lane.points)
            switch lane.target {
            case "gain": strip.gainCurve = curve
            case "pan": strip.panCurve = curve
            default:
                let parts = lane.target.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let index = strip.spec.inserts.firstIndex(where: { $0.kind == parts[0] }) else {
                    throw SessionError(file: session.path, line: lane.line, key: lane.keyPath,
                                       "automation targets gain, pan or INSERT.PARAMETER of an insert on this strip (e.g. compressor.threshold)")
                }
                guard strip.inserts[index].setParameter(parts[1], to: curve.points[0].value) else {
                    throw SessionError(file: session.path, line: lane.line, key: lane.keyPath,
                                       "\(parts[0]) has no parameter \"\(parts[1])\"")
                }
                strip.insertAutomation.append((index, parts[1], curve))
            }
        }
    }

    /// Stereo output of each bus for the current block (for stems).
    public private(set) var busOutputs: [AudioBuffer] = []

    /// Renders the whole session, handing each block of the stereo master (and, for stems, of
    /// every bus) to `deliver`, in order. `progress` gets the fraction done.
    ///
    /// The blocks go through three stages — tracks, buses, master (and `deliver`) — as a
    /// pipeline: one parallel pass runs the tracks of block k, the buses of block k − 1 and the
    /// master of block k − 2 side by side, so the buses and the master (one strip each, which
    /// would otherwise leave cores idle) overlap the tracks. Every strip still processes its
    /// blocks in order and the sums are taken in the same fixed order, between passes, so the
    /// result is the same as a block-by-block render on one thread. `deliver` may therefore be
    /// called on a worker thread (never two calls at once, always in order); `progress` is
    /// called on the calling thread.
    public func render(progress: ((Double) -> Void)? = nil,
                       deliver: (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void) throws {
        try withoutActuallyEscaping(deliver) { deliver in
            let state = RenderState(mixer: self, deliver: deliver)
            try state.run(progress: progress)
        }
    }

    /// The buffers of a pipelined render; each is touched by one job of a pass at a time.
    private final class RenderState: @unchecked Sendable {
        let mixer: Mixer
        let deliver: (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void
        let lanes: [TrackLane]
        var busIn: [AudioBuffer]
        /// Per block (modulo 3): the buses' lanes and the master's input.
        let busLanes: [[TrackLane]]
        var masterIn: [AudioBuffer]
        var masterOut: AudioBuffer
        var skip: Int
        var deliverError: (any Error)?
        let total: Int64
        let blockCount: Int
        /// Whether the buses run as separate jobs (one level) or in one job, level by level.
        let flatBuses: Bool

        init(mixer: Mixer, deliver: @escaping (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void) {
            self.mixer = mixer
            self.deliver = deliver
            let n = mixer.blockFrames
            lanes = mixer.sources.map { TrackLane(channels: $0.channelCount, frames: n) }
            busIn = mixer.busStrips.map { _ in AudioBuffer(channelCount: 2, frameCapacity: n) }
            busLanes = (0..<3).map { _ in mixer.busStrips.map { _ in TrackLane(channels: 2, frames: n) } }
            masterIn = (0..<3).map { _ in AudioBuffer(channelCount: 2, frameCapacity: n) }
            masterOut = AudioBuffer(channelCount: 2, frameCapacity: n)
            skip = mixer.masterLatency
            total = mixer.lengthFrames + Int64(mixer.masterLatency)
            blockCount = Int((total + Int64(n) - 1) / Int64(n))
            flatBuses = mixer.busLevels.count <= 1
        }

        func start(_ k: Int) -> Int64 { Int64(k) * Int64(mixer.blockFrames) }
        func count(_ k: Int) -> Int { Int(min(Int64(mixer.blockFrames), total - start(k))) }

        func run(progress: ((Double) -> Void)?) throws {
            let m = mixer
            let busCount = m.busStrips.count
            for k in 0..<(blockCount + 2) {
                // Jobs of this pass: the master of k − 2, the buses of k − 1, the tracks of k.
                var jobs: [Job] = []
                if k >= 2 { jobs.append(.master(k - 2)) }
                if k >= 1 && k - 1 < blockCount && busCount > 0 {
                    if flatBuses { for b in 0..<busCount { jobs.append(.bus(k - 1, b)) } } else { jobs.append(.allBuses(k - 1)) }
                }
                if k < blockCount, let first = m.trackLevels.first {
                    for t in first { jobs.append(.track(k, t)) }
                }
                let list = jobs
                Mixer.forEach(list.count, parallel: m.parallel) { j in self.perform(list[j]) }
                if k < blockCount {
                    for levelTracks in m.trackLevels.dropFirst() {
                        Mixer.forEach(levelTracks.count, parallel: m.parallel) { j in self.perform(.track(k, levelTracks[j])) }
                    }
                    if let e = lanes.lazy.compactMap(\.error).first { throw e }
                }
                if let e = deliverError { throw e }
                // Sums, in a fixed order: the buses of k − 1 into its master input (when they
                // ran as separate jobs), then the tracks of k into the buses and master.
                if flatBuses && k >= 1 && k - 1 < blockCount {
                    let p = (k - 1) % 3
                    for b in m.busLevels.first ?? [] {
                        m.route(m.busStrips[b].spec, post: busLanes[p][b].out, pre: busLanes[p][b].pre, count: count(k - 1),
                                busIn: &busIn, master: &masterIn[p])
                    }
                }
                if k < blockCount {
                    let c = count(k), p = k % 3
                    for i in busIn.indices { busIn[i].frameCount = c; busIn[i].silence() }
                    masterIn[p].frameCount = c
                    masterIn[p].silence()
                    for t in m.trackStrips.indices where m.audible[t] {
                        m.route(m.trackStrips[t].spec, post: lanes[t].out, pre: lanes[t].pre, count: c, busIn: &busIn, master: &masterIn[p])
                    }
                }
                if k >= 2 {
                    progress?(Double(start(k - 2) + Int64(count(k - 2))) / Double(max(1, total)))
                }
            }
        }

        enum Job { case track(Int, Int), bus(Int, Int), allBuses(Int), master(Int) }

        func perform(_ job: Job) {
            let m = mixer
            switch job {
            case .track(let k, let t):
                let lane = lanes[t]
                do {
                    try m.sources[t].read(into: &lane.pre, frame: start(k), count: count(k))
                    let key = m.sidechainOf[t].map { lanes[$0].pre }
                    m.trackStrips[t].processPreFader(&lane.pre, startFrame: start(k), sidechain: key)
                    m.trackStrips[t].processFader(lane.pre, into: &lane.out, startFrame: start(k))
                } catch {
                    lane.error = error
                }
            case .bus(let k, let b):
                processBus(k, b)
            case .allBuses(let k):
                let p = k % 3
                for level in m.busLevels {
                    for b in level { processBus(k, b) }
                    for b in level {
                        m.route(m.busStrips[b].spec, post: busLanes[p][b].out, pre: busLanes[p][b].pre, count: count(k),
                                busIn: &busIn, master: &masterIn[p])
                    }
                }
            case .master(let k):
                let p = k % 3, c = count(k)
                m.masterStrip.processPreFader(&masterIn[p], startFrame: start(k), sidechain: nil)
                m.masterStrip.processFader(masterIn[p], into: &masterOut, startFrame: start(k))
                let busOut = busLanes[p].map(\.out)
                // The master's look-ahead: drop the first frames so the output lines up with the sources.
                do {
                    if skip > 0 {
                        let drop = min(skip, c)
                        skip -= drop
                        if drop < c {
                            try deliver(Mixer.tail(masterOut, from: drop), busOut.map { Mixer.tail($0, from: drop) })
                        }
                    } else {
                        try deliver(masterOut, busOut)
                    }
                } catch {
                    deliverError = error
                }
            }
        }

        func processBus(_ k: Int, _ b: Int) {
            let m = mixer
            let lane = busLanes[k % 3][b]
            lane.pre = busIn[b]
            m.busStrips[b].processPreFader(&lane.pre, startFrame: start(k), sidechain: nil)
            m.busStrips[b].processFader(lane.pre, into: &lane.out, startFrame: start(k))
        }
    }

    /// Runs `body` for 0..<count, on all cores or one after another.
    private static func forEach(_ count: Int, parallel: Bool, _ body: @Sendable (Int) -> Void) {
        if parallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }

    /// Adds a strip's output to its destination and its sends to their buses.
    private func route(_ spec: Session.Strip, post: AudioBuffer, pre: AudioBuffer, count: Int,
                       busIn: inout [AudioBuffer], master: inout AudioBuffer) {
        if let out = spec.output, out != "master", let b = session.buses.firstIndex(where: { $0.name == out }) {
            Self.add(post, gain: 1, into: &busIn[b], count: count)
        } else {
            Self.add(post, gain: 1, into: &master, count: count)
        }
        for send in spec.sends {
            guard let b = session.buses.firstIndex(where: { $0.name == send.bus }) else { continue }
            let g = Float(pow10(send.levelDecibels / 20))
            Self.add(send.preFader ? pre : post, gain: g, into: &busIn[b], count: count)
        }
    }

    private static func add(_ source: AudioBuffer, gain: Float, into target: inout AudioBuffer, count: Int) {
        let sourceStride = source.frameCapacity, targetStride = target.frameCapacity
        let sourceChannels = source.channelCount
        source.withUnsafeStorage { s in
            target.withUnsafeMutableStorage { t in
                for c in 0..<2 {
                    let src = s.baseAddress! + min(c, sourceChannels - 1) * sourceStride
                    let dst = t.baseAddress! + c * targetStride
                    // Eight frames at a time in vectors (the same sum, frame by frame).
                    var i = 0
                    while i + 8 <= count {
                        let x = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self)
                        let y = UnsafeRawPointer(dst + i).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(dst + i).storeBytes(of: y + x * gain, as: SIMD8<Float>.self)
                        i += 8
                    }
                    while i < count { dst[i] += src[i] * gain; i += 1 }
                }
            }
        }
    }

    private static func tail(_ b: AudioBuffer, from: Int) -> AudioBuffer {
        var out = AudioBuffer(channelCount: b.channelCount, frameCapacity: b.frameCount - from, frameCount: b.frameCount - from)
        for c in 0..<b.channelCount { for i in 0..<(b.frameCount - from) { out[c, i] = b[c, from + i] } }
        return out
    }
}

private func pow10(_ x: Double) -> Double { Double.exp10(x) }

/// One track's buffers for a block, touched only by the thread rendering that track.
private final class TrackLane: @unchecked Sendable {
    var pre: AudioBuffer
    var out: AudioBuffer
    var error: (any Error)?
    init(channels: Int, frames: Int) {
        pre = AudioBuffer(channelCount: channels, frameCapacity: frames)
        out = AudioBuffer(channelCount: 2, frameCapacity: frames)
    }
}
