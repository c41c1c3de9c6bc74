import ArgumentParser
import ProducerStore

/// Where the office commands find the project.
struct ProjectOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The project folder (default: the folder you are in, or one above it).", valueName: "path"))
    var project: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The project's database instead: postgres://user:password@host/db (or $PRODUCER_DATABASE).",
            valueName: "url"))
    var database: String?

    var place: ProjectPlace { ProjectPlace(project: project, database: database) }
}

/// Runs an office job, reporting its error on standard error (a sentence, or with `--json` a
/// JSON object) with exit status 1.
func runOffice(_ command: String, json: Bool, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch var error as ProjectStoreError where error.code == .notAProject {
        error.message += ": run `producer project init NAME`, or pass --project PATH or --database URL"
        report(error, command: command, json: json)
        throw ExitCode(1)
    } catch {
        report(error, command: command, json: json)
        throw ExitCode(1)
    }
}
