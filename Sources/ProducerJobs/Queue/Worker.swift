import Foundation
import ProducerOffice

/// Runs jobs from a ``JobQueue``: leases up to ``concurrency`` at once, renews each lease every
/// third of its duration while the job runs, and completes or fails the job when it ends.
///
/// A job whose lease was lost (the renewal found another worker holding it) is left to that
/// worker: it is not completed, and its result is dropped. The analysis of a studio version
/// writes its ``VersionAnalysis`` into the ``studio`` store and records the activity.
///
/// ```swift
/// let worker = Worker(queue: queue, studio: studio, concurrency: 2) { event in print(event) }
/// await worker.run(idleExit: 10)
/// ```
public struct Worker: Sendable {
    /// What a worker tells as it goes.
    public enum Event: Sendable {
        /// It leased a job (``JobRecord/attempts`` counts this lease).
        case took(JobRecord)
        /// The job ended well; its result (JSON text) is in the queue.
        case finished(JobRecord, result: String?, seconds: Double)
        /// The job failed, for this reason; the queue records it.
        case failed(JobRecord, reason: String, seconds: Double)
        /// Another worker holds the job's lease now; this one stopped it without finishing it.
        case lostLease(JobRecord)
        /// The queue could not be reached; the worker tries again.
        case queueUnavailable(String)
    }

    public var queue: any JobQueue
    /// Where `.analyzeVersion` writes its analysis (nil: such jobs fail).
    public var studio: (any StudioStore)?
    /// This worker's name on its leases.
    public var owner: String
    /// Jobs run at once.
    public var concurrency: Int
    /// How long a lease lasts without renewal.
    public var leaseDuration: TimeInterval
    /// How long an idle worker waits before asking the queue again.
    public var pollInterval: Duration
    public var now: @Sendable () -> Date
    public var report: @Sendable (Event) -> Void

    public init(
        queue: any JobQueue, studio: (any StudioStore)?, owner: String = Worker.uniqueOwner(), concurrency: Int = 1,
        leaseDuration: TimeInterval = 30, pollInterval: Duration = .milliseconds(500),
        now: @escaping @Sendable () -> Date = { Date() }, report: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.queue = queue
        self.studio = studio
        self.owner = owner
        self.concurrency = min(max(concurrency, 1), 64)
        self.leaseDuration = min(max(leaseDuration, 0.3), 24 * 3_600)
        self.pollInterval = pollInterval
        self.now = now
        self.report = report
    }

    /// A name no other worker has: host, process and 32 random bits.
    public static func uniqueOwner() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):"
            + String(UInt32.random(in: .min ... .max), radix: 16)
    }

    /// Takes and runs jobs until the task is cancelled, or (with `idleExit`) until no job came for
    /// that many seconds.
    public func run(idleExit: TimeInterval? = nil) async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask { await takeJobs(idleExit: idleExit) }
            }
        }
    }

    /// Leases and runs one job, if there is one; true when there was.
    public func runOnce() async throws -> Bool {
        guard let record = try await queue.lease(owner: owner, duration: leaseDuration, now: now()) else {
            return false
        }
        await process(record)
        return true
    }

    private func takeJobs(idleExit: TimeInterval?) async {
        var idleSince = ContinuousClock.now
        while !Task.isCancelled {
            do {
                if try await runOnce() {
                    idleSince = .now
                    continue
                }
            } catch is CancellationError {
                return
            } catch {
                report(.queueUnavailable(Self.words(error)))
            }
            if let idleExit, ContinuousClock.now - idleSince >= .milliseconds(Int64(idleExit * 1_000)) { return }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Runs a leased job, renewing its lease, and finishes it in the queue.
    func process(_ record: JobRecord) async {
        report(.took(record))
        let started = ContinuousClock.now
        let work = Task { try await execute(record) }
        let outcome = OneOutcome()
        let keeper = Task {
            if await keepLease(record) {
                work.cancel()
                outcome.settle(.lost)
            }
        }
        Task {
            let result = await work.result
            outcome.settle(.ended(result))
        }
        let ended = await outcome.value
        keeper.cancel()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch ended {
        case .lost:
            report(.lostLease(record))
        case .ended(.success(let result)):
            if (try? await queue.complete(id: record.id, owner: owner, result: result, now: now())) == true {
                report(.finished(record, result: result, seconds: seconds))
            } else {
                report(.lostLease(record))
            }
        case .ended(.failure(let error)):
            let reason = Self.words(error)
            if (try? await queue.fail(id: record.id, owner: owner, error: reason, now: now())) == true {
                report(.failed(record, reason: reason, seconds: seconds))
            } else {
                report(.lostLease(record))
            }
        }
    }

    /// Renews the lease every third of its duration until cancelled; true when it was lost.
    private func keepLease(_ record: JobRecord) async -> Bool {
        while true {
            do {
                try await Task.sleep(for: .milliseconds(Int64(leaseDuration * 1_000 / 3)))
            } catch {
                return false
            }
            do {
                let until = now().addingTimeInterval(leaseDuration)
                if try await !queue.renew(id: record.id, owner: owner, until: until) { return true }
            } catch is CancellationError {
                return false
            } catch {
                // The queue is out of reach: keep working and try again; if the lease runs out
                // meanwhile, another worker takes the job and this one's completion is refused.
                report(.queueUnavailable(Self.words(error)))
            }
        }
    }

    /// An error as the sentence the queue keeps.
    static func words(_ error: any Error) -> String {
        if error is CancellationError { return "stopped" }
        return String(describing: error)
    }

    /// How a job ended, or that its lease was lost first: settled once, awaited once.
    private enum Ending: Sendable {
        case ended(Result<String?, any Error>)
        case lost
    }

    private final class OneOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var ending: Ending?
        private var waiter: CheckedContinuation<Ending, Never>?

        func settle(_ value: Ending) {
            lock.lock()
            guard ending == nil else {
                lock.unlock()
                return
            }
            ending = value
            let waiter = self.waiter
            self.waiter = nil
            lock.unlock()
            waiter?.resume(returning: value)
        }

        var value: Ending {
            get async {
                await withCheckedContinuation { continuation in
                    lock.lock()
                    if let ending {
                        lock.unlock()
                        continuation.resume(returning: ending)
                    } else {
                        waiter = continuation
                        lock.unlock()
                    }
                }
            }
        }
    }
}
