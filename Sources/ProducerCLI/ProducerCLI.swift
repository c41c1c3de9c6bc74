import ArgumentParser
import ProducerFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `producer` command line as a library: the executable calls ``main()``; tests and, later,
/// the server call ``run(_:)`` in process.
public enum ProducerCLI {
    /// Runs `producer` with `arguments` (without the program's name) on ``Terminal/current`` and
    /// returns the exit status: 0 when all went well, 1 for bad input of any kind (a usage
    /// mistake included), 130 or 143 when interrupted.
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try ProducerCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await runAsynchronously(&asyncCommand)
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = ProducerCommand.exitCode(for: error)
            let message = ProducerCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty {
                if arguments.contains("--json") && code == .validationFailure {
                    // With --json, a usage mistake is a JSON object like any other error.
                    let command = commandName(in: arguments)
                    report(
                        UsageError(message: ProducerCommand.message(for: error), full: message), command: command,
                        json: true)
                } else {
                    writeStandardError(message + "\n")
                }
            }
            // A mistake in the arguments is bad input like any other: exit status 1.
            return code == .validationFailure ? 1 : code.rawValue
        }
    }

    /// Runs the process's command line and exits with its status; Ctrl-C or SIGTERM removes
    /// what was being written and exits 130 or 143.
    public static func main() async -> Never {
        Interrupts.removePartialFilesOnSignal()
        let status = await run(Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    /// The (sub)command that `arguments` name: "analyze", "bookings confirm".
    private static func commandName(in arguments: [String]) -> String {
        var names: [String] = []
        var commands = ProducerCommand.configuration.subcommands
        for argument in arguments {
            guard let next = commands.first(where: { $0._commandName == argument }) else { break }
            names.append(argument)
            commands = next.configuration.subcommands
        }
        return names.joined(separator: " ")
    }

    /// Runs a parsed command's asynchronous `run()` (not the synchronous one it also has).
    private static func runAsynchronously<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
        try await command.run()
    }
}

/// A mistake in a command line's words: an unknown option, a missing argument, a bad value.
struct UsageError: ProducerError {
    /// The mistake, as one sentence.
    var message: String
    /// The mistake with the command's usage, as printed without `--json`.
    var full: String
    var code: String { "usage" }
    var place: ErrorPlace { ErrorPlace() }
    var description: String { full }
}
