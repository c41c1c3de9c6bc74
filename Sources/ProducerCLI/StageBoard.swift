import Foundation
import ProducerJobs

/// A progress bar per stage of `produce`, redrawn in place on standard error — only when it is a
/// terminal (never with `--json`).
final class StageBoard: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal: Terminal
    private let enabled: Bool
    private var drawnLines = 0
    private var lastDrawn: [Int] = []

    init(terminal: Terminal = .current, enabled: Bool) {
        self.terminal = terminal
        self.enabled = enabled && terminal.isInteractive
    }

    /// Draws the stages' bars (from any thread).
    func update(_ progress: ProduceProgress) {
        guard enabled else { return }
        lock.withLock {
            let stages = ProduceProgress.Stage.allCases.filter { (progress.total[$0] ?? 0) > 0 }
            let percents = stages.map { stage in
                (progress.done[stage] ?? 0) * 100 / max(1, progress.total[stage] ?? 1)
            }
            guard percents != lastDrawn else { return }
            lastDrawn = percents
            var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)A" : ""
            for (stage, percent) in zip(stages, percents) {
                let width = 24, filled = percent * width / 100
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                let label = stage.words.padding(toLength: 24, withPad: " ", startingAt: 0)
                text +=
                    "\r\u{1B}[2K\(label) \(bar) \(progress.done[stage] ?? 0)/\(progress.total[stage] ?? 0)\n"
            }
            drawnLines = stages.count
            terminal.standardError(text)
        }
    }

    /// Clears the bars.
    func finish() {
        guard enabled else { return }
        lock.withLock {
            guard drawnLines > 0 else { return }
            var text = "\u{1B}[\(drawnLines)A"
            for _ in 0..<drawnLines { text += "\r\u{1B}[2K\n" }
            text += "\u{1B}[\(drawnLines)A"
            terminal.standardError(text)
            drawnLines = 0
        }
    }
}
