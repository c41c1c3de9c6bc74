import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct StatusCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "The project at a glance: what is done, what is next this week, what is late.")
        @OptionGroup var project: ProjectOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await runOffice("status", json: output.json) {
                try await project.place.with { store in
                    let snapshot = try await store.snapshot()
                    let status = ProjectStatus(project: snapshot, now: Date())
                    if output.json {
                        try printJSON(status)
                    } else {
                        print(status.text(timeZone: snapshot.settings.timeZone))
                    }
                }
            }
        }
    }
}
