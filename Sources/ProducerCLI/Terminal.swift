import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's words go: the process's standard output and standard error, or, when a
/// test or a server runs a command in process, a recording of both.
public struct Terminal: Sendable {
    /// Receives standard output's text.
    public var standardOutput: @Sendable (String) -> Void
    /// Receives standard error's text.
    public var standardError: @Sendable (String) -> Void
    /// Whether standard error is a terminal a person watches (progress bars are drawn only then).
    public var isInteractive: Bool

    public init(
        standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void,
        isInteractive: Bool = false
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.isInteractive = isInteractive
    }

    /// The process's own standard output and standard error, written unbuffered (so the two
    /// interleave in the order they were written).
    public static let process = Terminal(
        standardOutput: { text in writeAll(text, to: 1) },
        standardError: { text in writeAll(text, to: 2) },
        isInteractive: isatty(2) != 0)

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// The terminal of the running command (a task-local value: set it with `$current.withValue`).
    @TaskLocal public static var current: Terminal = .process

    /// A terminal that keeps what it is given, for running a command in process.
    public final class Recording: @unchecked Sendable {
        private let lock = NSLock()
        private var out = ""
        private var err = ""
        public init() {}
        /// What was written to standard output.
        public var output: String { lock.withLock { out } }
        /// What was written to standard error.
        public var error: String { lock.withLock { err } }
        /// The terminal that writes into this recording.
        public var terminal: Terminal {
            Terminal(
                standardOutput: { s in self.lock.withLock { self.out += s } },
                standardError: { s in self.lock.withLock { self.err += s } })
        }
    }
}

/// Prints to the running command's standard output (shadows `Swift.print` inside the commands).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Terminal.current.standardOutput(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Writes text to the running command's standard error.
func writeStandardError(_ text: String) {
    Terminal.current.standardError(text)
}
