import ArgumentParser

/// `producer`: the command-line tool. It only parses arguments and calls the modules.

struct ProducerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "producer",
        abstract:
            "A music producer in your terminal: listens to recordings, measures them, mixes and plans the sessions.",
        discussion: """
            Start with `producer demo`, which writes a few flawed files and shows what Producer \
            finds in them. `producer help COMMAND` explains a command.
            """,
        version: Producer.version,
        subcommands: [
            Analyze.self, Listen.self, Takes.self, Mix.self, Automix.self, Produce.self, Master.self, Align.self,
            Mics.self, ChartCommand.self, Arrange.self, Vary.self,
            Convert.self, ProjectCommand.self,
            ScheduleCommand.self,
            SessionsCommand.self, BookingsCommand.self, PeopleCommand.self, SongsCommand.self, StudiosCommand.self,
            BudgetCommand.self, ExpensesCommand.self, HireCommand.self, OffersCommand.self, TasksCommand.self,
            DeliverablesCommand.self, CreditsCommand.self, TracklistCommand.self, StatusCommand.self, DemoCommand.self,
            ServeCommand.self,
            WorkerCommand.self,
        ])
}

/// Options every reporting command shares.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON instead of a readable report.")
    var json = false
}
