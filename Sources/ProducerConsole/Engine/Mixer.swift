import Dispatch
import Foundation
public import ProducerAudio
import RealModule

/// Renders a checked ``MixGraph`` offline, block by block: tracks (in parallel), sends and
/// buses, the master.
///
/// Memory does not grow with the song's length: each strip keeps one block and its processors'
/// state. The result does not depend on the number of threads: every track is computed on its
/// own and the sums are taken in a fixed order.
public final class Mixer: @unchecked Sendable {
    /// Frames per block.
    public let blockFrames: Int
    /// The session being rendered.
    public let session: Session
    /// Frames the render lasts: the session's `length`, or the end of the last track plus the
    /// tail (the session's `tail`, or the longest any chain of processors can ring on, at most
    /// ``Session/maximumAutomaticTailSeconds``).
    public let lengthFrames: Int64
    /// Where the last track ends, frames.
    public let timelineFrames: Int64
    /// Whether the render's end is the sound's end: no `length` or `tail` in the session, so
    /// what follows the last track is cut once it stays below ``Session/tailThresholdDecibels``.
    public var endsWhenSoundEnds: Bool { session.lengthFrames == nil && session.tailFrames == nil }

    private let sources: [TrackSource]
    private let trackStrips: [ChannelStrip]
    private let busStrips: [ChannelStrip]
    private let masterStrip: ChannelStrip
    /// The checked, resolved routing the render follows.
    public let graph: MixGraph
    private let masterLatency: Int
    /// Render tracks and buses on all cores (the result is the same either way).
    public let parallel: Bool
    // The graph's routing, held here for the render's inner loops.
    private let sidechainOf: [Int?]
    private let audible: [Bool]
    private let busLevels: [[Int]]
    private let trackRoutes: [MixGraph.Route]
    private let busRoutes: [MixGraph.Route]

    /// Checks `session` whole (``MixGraph``) and builds its render.
    /// - Throws: ``SessionError`` for a routing problem, a file that cannot be read or an insert
    ///   that cannot be built.
    public convenience init(
        session: Session, blockFrames: Int = 8192, parallel: Bool = true,
        makeProcessor: (Session.Insert, Session) throws(SessionError) -> any Processor = ProcessorFactory.make
    )
        throws(SessionError)
    {
        try self.init(
            graph: MixGraph(session: session), blockFrames: blockFrames, parallel: parallel,
            makeProcessor: makeProcessor)
    }

    /// Builds the render of a checked graph.
    /// - Parameters:
    ///   - makeProcessor: turns an insert as written into a processor (see ``ProcessorFactory``).
    /// - Throws: ``SessionError`` for a file that cannot be read or an insert that cannot be built.
    public init(
        graph: MixGraph, blockFrames: Int = 8192, parallel: Bool = true,
        makeProcessor: (Session.Insert, Session) throws(SessionError) -> any Processor = ProcessorFactory.make
    )
        throws(SessionError)
    {
        let session = graph.session
        self.graph = graph
        self.session = session
        sidechainOf = graph.sidechainOf
        audible = graph.audible
        busLevels = graph.busLevels
        trackRoutes = graph.trackRoutes
        busRoutes = graph.busRoutes
        self.blockFrames = blockFrames
        self.parallel = parallel
        var sources: [TrackSource] = []
        for (i, t) in session.tracks.enumerated() {
            sources.append(
                try TrackSource(
                    track: t, index: i, sessionPath: session.path, sampleRate: session.sampleRate,
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
            tracks.append(
                ChannelStrip(name: t.name, spec: t.strip, inputChannels: sources[i].channelCount, inserts: built[i]))
        }
        var buses: [ChannelStrip] = []
        for (j, b) in session.buses.enumerated() {
            buses.append(ChannelStrip(name: b.name, spec: b.strip, inputChannels: 2, inserts: built[tracks.count + j]))
        }
        let master = ChannelStrip(
            name: "master", spec: session.master.strip, inputChannels: 2,
            inserts: built[built.count - 1])
        for strip in tracks + buses + [master] {
            try Self.bindAutomation(strip, session: session)
            strip.panLaw = session.panLaw
        }

        // Latency: line every track up with the slowest one; the master's look-ahead is cut from the start.
        let worst = tracks.map(\.insertLatency).max() ?? 0
        for t in tracks { t.compensationFrames = worst - t.insertLatency }
        masterLatency = master.insertLatency + (buses.map(\.insertLatency).max() ?? 0)

        trackStrips = tracks
        busStrips = buses
        masterStrip = master
        timelineFrames = sources.map(\.endFrame).max() ?? 0
        // A track's tail, then the buses it may pass through one after another, then the master.
        let ringing =
            (tracks.map(\.tailSeconds).max() ?? 0) + buses.reduce(0) { $0 + $1.tailSeconds } + master.tailSeconds
        let automaticTail = Int64((min(ringing, Session.maximumAutomaticTailSeconds) * session.sampleRate).rounded(.up))
        lengthFrames = session.lengthFrames ?? (timelineFrames + (session.tailFrames ?? automaticTail))
        let limit = Int64(Session.maximumDurationSeconds * session.sampleRate)
        guard lengthFrames <= limit else {
            let hours = Int(Session.maximumDurationSeconds / 3600)
            throw SessionError(
                file: session.path, key: "tracks",
                "the mix would last \(lengthFrames / Int64(session.sampleRate)) s, past the \(hours)-hour limit of a session's timeline"
            )
        }
        for strip in tracks + buses + [master] {
            strip.prepare(sampleRate: session.sampleRate, blockFrames: blockFrames)
        }
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
                    throw SessionError(
                        file: session.path, line: lane.line, key: lane.keyPath,
                        "automation targets gain, pan or INSERT.PARAMETER of an insert on this strip (e.g. compressor.threshold)"
                    )
                }
                guard strip.inserts[index].setParameter(parts[1], to: curve.points[0].value) else {
                    throw SessionError(
                        file: session.path, line: lane.line, key: lane.keyPath,
                        "\(parts[0]) has no parameter \"\(parts[1])\"")
                }
                strip.insertAutomation.append((index, parts[1], curve))
            }
        }
    }

    /// Renders the whole session, handing each block of the stereo master (and, for stems, of
    /// every bus) to `deliver`, in order. `progress` gets the fraction done.
    ///
    /// The work is a graph of jobs on blocks, ordered by a ``BlockSchedule``: a track's block (reading, inserts, fader), a bus's
    /// block (the sum of the tracks that feed it, then its strip), the sum of the tracks into
    /// the master, and the master's block (the buses added, its strip, `deliver`). Workers, one
    /// per core, take whichever job is ready — the master first, then the buses, the sum, and
    /// the track furthest behind — so tracks run up to two blocks ahead of the buses and the
    /// master, and no core waits for the slowest job of a step. Every strip still processes its
    /// blocks in order, and every sum is taken into one buffer by one job in a fixed order, so
    /// the result is the same as a block-by-block render on one thread. `deliver` and
    /// `progress` may therefore be called on a worker thread (never two calls at once, always
    /// in order).
    public func render(
        progress: ((Double) -> Void)? = nil,
        deliver: (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(deliver) { deliver in
            let state = RenderState(mixer: self, deliver: deliver, progress: progress)
            try state.run()
        }
    }

    /// The buffers of a render and the schedule of its jobs. A buffer is touched by one job at
    /// a time: the schedule only starts a job once the jobs that write what it reads have
    /// finished and the jobs that read what it writes are done with the earlier block there.
    private final class RenderState: @unchecked Sendable {
        let mixer: Mixer
        let deliver: (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void
        let progress: ((Double) -> Void)?
        /// Per block (modulo 2): the tracks' lanes; block k's are read by the sums while the
        /// tracks render block k + 1.
        let lanes: [[TrackLane]]
        var busIn: [AudioBuffer]
        /// Per block (modulo 3): the buses' lanes and the master's input.
        let busLanes: [[TrackLane]]
        var masterIn: [AudioBuffer]
        var masterOut: AudioBuffer
        var skip: Int
        let total: Int64
        let blockCount: Int
        /// The schedule, guarded by `condition`.
        let condition = NSCondition()
        var schedule: BlockSchedule
        var failure: (any Error)?

        init(
            mixer: Mixer, deliver: @escaping (_ master: AudioBuffer, _ buses: [AudioBuffer]) throws -> Void,
            progress: ((Double) -> Void)?
        ) {
            self.mixer = mixer
            self.deliver = deliver
            self.progress = progress
            let n = mixer.blockFrames
            lanes = (0..<2).map { _ in mixer.sources.map { TrackLane(channels: $0.channelCount, frames: n) } }
            busIn = mixer.busStrips.map { _ in AudioBuffer(channelCount: 2, frameCapacity: n) }
            busLanes = (0..<3).map { _ in mixer.busStrips.map { _ in TrackLane(channels: 2, frames: n) } }
            masterIn = (0..<3).map { _ in AudioBuffer(channelCount: 2, frameCapacity: n) }
            masterOut = AudioBuffer(channelCount: 2, frameCapacity: n)
            skip = mixer.masterLatency
            total = mixer.lengthFrames + Int64(mixer.masterLatency)
            blockCount = Int((total + Int64(n) - 1) / Int64(n))
            schedule = BlockSchedule(
                trackCount: mixer.sources.count, busCount: mixer.busStrips.count,
                flatBuses: mixer.busLevels.count <= 1, sidechainOf: mixer.sidechainOf,
                blockCount: blockCount)
        }

        func start(_ k: Int) -> Int64 { Int64(k) * Int64(mixer.blockFrames) }
        func count(_ k: Int) -> Int { Int(min(Int64(mixer.blockFrames), total - start(k))) }

        typealias Job = BlockSchedule.Job

        func run() throws {
            let units = mixer.sources.count + schedule.busNext.count + 2
            let workers = mixer.parallel ? min(ProcessInfo.processInfo.activeProcessorCount, units) : 1
            if workers > 1 {
                DispatchQueue.concurrentPerform(iterations: workers) { _ in self.work() }
            } else {
                work()
            }
            if let failure { throw failure }
        }

        /// Takes ready jobs until the master has its last block (or a job failed).
        func work() {
            condition.lock()
            while failure == nil && !schedule.isFinished {
                guard let job = schedule.next() else { condition.wait(); continue }
                schedule.start(job)
                condition.unlock()
                let error = perform(job)
                condition.lock()
                schedule.finish(job)
                if let error, failure == nil { failure = error }
                condition.broadcast()
            }
            condition.broadcast()
            condition.unlock()
        }

        func perform(_ job: Job) -> (any Error)? {
            let m = mixer
            switch job {
            case .track(let k, let t):
                let lane = lanes[k % 2][t]
                do {
                    try m.sources[t].read(into: &lane.pre, frame: start(k), count: count(k))
                } catch {
                    return error
                }
                let key = m.sidechainOf[t].map { lanes[k % 2][$0].pre }
                m.trackStrips[t].processPreFader(&lane.pre, startFrame: start(k), sidechain: key)
                if m.trackStrips[t].fixedFaderGains == nil {
                    m.trackStrips[t].processFader(lane.pre, into: &lane.out, startFrame: start(k))
                }
            case .bus(let k, let b):
                gatherTracks(k, into: b)
                processBus(k, b)
            case .allBuses(let k):
                let p = k % 3, c = count(k)
                for b in busIn.indices { gatherTracks(k, into: b) }
                for level in m.busLevels {
                    for b in level { processBus(k, b) }
                    for b in level {
                        m.addToBuses(
                            m.busRoutes[b], post: busLanes[p][b].out, pre: busLanes[p][b].pre, count: c, busIn: &busIn)
                    }
                }
            case .masterSum(let k):
                var sum = MixSum()
                for t in m.trackStrips.indices where m.audible[t] && m.trackRoutes[t].output == nil {
                    sum.terms.append(trackTerm(k, t, post: true, gain: 1))
                }
                sum.render(into: &masterIn[k % 3], count: count(k))
            case .master(let k):
                let p = k % 3, c = count(k)
                for level in m.busLevels {
                    for b in level {
                        m.addToMaster(m.busRoutes[b], post: busLanes[p][b].out, count: c, master: &masterIn[p])
                    }
                }
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
                    return error
                }
                progress?(Double(start(k) + Int64(c)) / Double(max(1, total)))
            }
            return nil
        }

        /// Track `t`'s signal for block `k` as a term of a sum: post-fader (for a fader that
        /// never moves, the pre-fader signal with the fader's gains) or pre-fader.
        func trackTerm(_ k: Int, _ t: Int, post: Bool, gain: Float) -> MixSum.Term {
            let lane = lanes[k % 2][t]
            guard post else { return MixSum.Term(lane.pre, gain: gain) }
            if let (l, r) = mixer.trackStrips[t].fixedFaderGains {
                return MixSum.Term(lane.pre, fader: (l, r), gain: gain)
            }
            return MixSum.Term(lane.out, gain: gain)
        }

        /// Bus `b`'s input for block `k`: the tracks that feed it, in track order (for each
        /// track its output, then its sends).
        func gatherTracks(_ k: Int, into b: Int) {
            let m = mixer
            var sum = MixSum()
            for t in m.trackStrips.indices where m.audible[t] {
                let route = m.trackRoutes[t]
                if route.output == b { sum.terms.append(trackTerm(k, t, post: true, gain: 1)) }
                for send in route.sends where send.bus == b {
                    sum.terms.append(trackTerm(k, t, post: !send.preFader, gain: send.gain))
                }
            }
            sum.render(into: &busIn[b], count: count(k))
        }

        func processBus(_ k: Int, _ b: Int) {
            let m = mixer
            let lane = busLanes[k % 3][b]
            // The input's buffer becomes the lane's (and the lane's old one the next input, which
            // the next sum overwrites whole): no copy of the block.
            swap(&lane.pre, &busIn[b])
            m.busStrips[b].processPreFader(&lane.pre, startFrame: start(k), sidechain: nil)
            m.busStrips[b].processFader(lane.pre, into: &lane.out, startFrame: start(k))
        }
    }

    /// Adds a bus's output to the master, if that is where it goes.
    private func addToMaster(_ route: MixGraph.Route, post: AudioBuffer, count: Int, master: inout AudioBuffer) {
        if route.output == nil { Self.add(post, gain: 1, into: &master, count: count) }
    }

    /// Adds a bus's output (if it goes to another bus) and then its sends to their buses.
    private func addToBuses(
        _ route: MixGraph.Route, post: AudioBuffer, pre: AudioBuffer, count: Int, busIn: inout [AudioBuffer]
    ) {
        if let b = route.output {
            Self.add(post, gain: 1, into: &busIn[b], count: count)
        }
        for send in route.sends {
            Self.add(send.preFader ? pre : post, gain: send.gain, into: &busIn[send.bus], count: count)
        }
    }

    /// `target += source · gain` on both channels (a mono source on both).
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
        var out = AudioBuffer(
            channelCount: b.channelCount, frameCapacity: b.frameCount - from, frameCount: b.frameCount - from)
        for c in 0..<b.channelCount { for i in 0..<(b.frameCount - from) { out[c, i] = b[c, from + i] } }
        return out
    }
}

/// One track's buffers for a block, touched only by the thread rendering that track.
private final class TrackLane: @unchecked Sendable {
    var pre: AudioBuffer
    var out: AudioBuffer
    init(channels: Int, frames: Int) {
        pre = AudioBuffer(channelCount: channels, frameCapacity: frames)
        out = AudioBuffer(channelCount: 2, frameCapacity: frames)
    }
}
