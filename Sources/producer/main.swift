import ArgumentParser
import ProducerFiles
import ProducerKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a parsed command's asynchronous `run()` (not the synchronous one it also has).
func runAsynchronously<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

// Ctrl-C or SIGTERM removes what was being written and exits 130 or 143.
Interrupts.removePartialFilesOnSignal()
do {
    var command = try ProducerCommand.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsynchronously(&asyncCommand)
    } else {
        try command.run()
    }
} catch {
    // A mistake in the arguments is bad input like any other: its message and exit status 1.
    if ProducerCommand.exitCode(for: error) == .validationFailure {
        writeStandardError(ProducerCommand.fullMessage(for: error) + "\n")
        exit(1)
    }
    ProducerCommand.exit(withError: error)
}
