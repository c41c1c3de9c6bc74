import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct TasksCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tasks",
            abstract: "Work given to people with due dates: add, list, mark done.",
            subcommands: [List.self, Add.self, Done.self],
            defaultSubcommand: List.self)

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Give someone a piece of work with a due date.",
                discussion: """
                    A day (2027-03-12) is due at the end of that day in the project's time zone; \
                    a time (2027-03-12T18:00) then.

                    Example: producer tasks add "Ada Novak" "comp lead vocal" --song "Slow Signal" --due 2027-03-12
                    """)
            @Argument(help: "Who does it: a person's name or id.")
            var person: String
            @Argument(help: "What to do, in words.")
            var title: String
            @Option(help: "The song it is for: a title or id.")
            var song: String?
            @Option(help: ArgumentHelp("When it is due.", valueName: "YYYY-MM-DD[THH:MM]"))
            var due: String
            @Option(help: "The file it delivers: main mix, instrumental, a cappella, tv mix, stems or master.")
            var deliverable: String?
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("tasks add", json: output.json) {
                    try await project.place.with { store in
                        let task = try await OfficeJobs.addTask(
                            person: person, title: title, song: song, due: due, deliverable: deliverable, store: store)
                        let snapshot = try await store.snapshot()
                        let line = TaskList(project: snapshot, now: Date()).tasks.first { $0.id == task.id }
                        if output.json {
                            try printJSON(task)
                        } else {
                            print("Added \(line?.text ?? task.title) [\(task.id)].")
                        }
                    }
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the tasks by due date, with how late each is.",
                discussion: "Example: producer tasks list --person \"Ada Novak\" --late")
            @Option(help: "Only this person's tasks.")
            var person: String?
            @Flag(help: "Only tasks still to do and past due.")
            var late = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("tasks list", json: output.json) {
                    try await project.place.with { store in
                        let snapshot = try await store.snapshot()
                        var id: String?
                        if let person {
                            guard
                                let found = snapshot.person(named: person)
                                    ?? snapshot.people.first(where: { $0.id == person })
                            else { throw OfficeError("--person \(person): nobody of that name in the project") }
                            id = found.id
                        }
                        let list = TaskList(project: snapshot, now: Date(), person: id, lateOnly: late)
                        if output.json { try printJSON(list) } else { print(list.text()) }
                    }
                }
            }
        }

        struct Done: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Mark a task done now.",
                discussion: "Example: producer tasks done t3")
            @Argument(help: "The task's id (or its title, when only one task has it).")
            var task: String
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("tasks done", json: output.json) {
                    try await project.place.with { store in
                        let task = try await OfficeJobs.finishTask(task, store: store)
                        let snapshot = try await store.snapshot()
                        let line = TaskList(project: snapshot, now: Date()).tasks.first { $0.id == task.id }
                        if output.json {
                            try printJSON(task)
                        } else {
                            print("Done: \(line?.text ?? task.title) [\(task.id)].")
                        }
                    }
                }
            }
        }
    }
}
