/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private var lastDrawnPercent = -1

    /// - Parameters:
    ///   - label: what is being done, e.g. the file's name.
    ///   - enabled: draw at all (off for `--json` or when stderr is not a terminal).
    init(label: String, enabled: Bool = ProgressBar.standardErrorIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    /// Whether standard error is a terminal.
    static var standardErrorIsTerminal: Bool { Terminal.current.isInteractive }

    /// Shows `fraction` (0...1) done; redraws only when the whole percent changes.
    mutating func update(_ fraction: Double) {
        guard enabled else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != lastDrawnPercent else { return }
        lastDrawnPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let name = label.count > 40 ? "…" + label.suffix(39) : label
        writeStandardError("\r\(name) \(bar) \(percent)%")
    }

    /// Clears the line.
    mutating func finish() {
        guard enabled, lastDrawnPercent >= 0 else { return }
        writeStandardError("\r\u{1B}[2K")
        lastDrawnPercent = -1
    }
}
