import Foundation

/// How far `produce` has got, stage by stage, for a progress bar per stage.
public struct ProduceProgress: Sendable, Equatable {
    /// The stages, in the order a song goes through them.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case files, takes, mics, mix, masters, delivery

        /// What the stage does, for a progress line.
        public var words: String {
            switch self {
            case .files: return "checking files"
            case .takes: return "hearing takes, comping"
            case .mics: return "aligning mics"
            case .mix: return "mixing"
            case .masters: return "mastering"
            case .delivery: return "checking masters"
            }
        }
    }

    /// Per stage: how many pieces of work are done, and how many there are.
    public var done: [Stage: Int]
    public var total: [Stage: Int]

    /// Told each time a piece of work finishes (from any thread).
    public typealias Handler = @Sendable (ProduceProgress) -> Void
}

/// Counts finished work across songs running in parallel and tells the handler.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var progress = ProduceProgress(done: [:], total: [:])
    private let handler: ProduceProgress.Handler?

    init(handler: ProduceProgress.Handler?) { self.handler = handler }

    /// Adds `count` pieces of work to `stage` (told with the first piece that finishes).
    func plan(_ stage: ProduceProgress.Stage, _ count: Int) {
        lock.withLock { progress.total[stage, default: 0] += count }
    }

    func finished(_ stage: ProduceProgress.Stage) {
        let now = lock.withLock {
            progress.done[stage, default: 0] += 1
            return progress
        }
        handler?(now)
    }
}
