import ArgumentParser
import ProducerStore

/// Where the office commands find the project.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project folder (default: the folder you are in, or one above it).", valueName: "path"))
    var project: String?

    @Option(name: .long, help: ArgumentHelp("The project's database instead: postgres://user:password@host/db (or $PRODUCER_DATABASE).", valueName: "url"))
    var database: String?

    var place: ProjectPlace { ProjectPlace(project: project, database: database) }
}

/// Runs an office job, printing its error as one sentence on standard error with exit status 1.
func runOffice(_ command: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ProjectStoreError where error.code == .notAProject {
        writeStandardError("producer \(command): \(error): run `producer project init NAME`, or pass --project PATH or --database URL\n")
        throw ExitCode(1)
    } catch {
        writeStandardError("producer \(command): \(error)\n")
        throw ExitCode(1)
    }
}
