import ArgumentParser
import Foundation
import ProducerOffice
import ProducerStore

extension ProducerCommand {
    struct StudiosCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "studios",
            abstract: "The studios and their rooms: list, add, edit and remove them.",
            discussion: """
                Every option is checked as `project import` checks the plan's studio and room keys.

                Example: producer studios add "Kranich Studios" --location Berlin --room Hall \\
                           --hourly-rate 95 --capacity 10 --gear "drum kit" --open "Mon-Sat 10:00-22:00"
                         producer studios add-room "Kranich Studios" "Booth 2" --hourly-rate 40 --capacity 3
                """,
            subcommands: [
                List.self, Add.self, Edit.self, Remove.self, AddRoom.self, EditRoom.self, RemoveRoom.self,
            ],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the studios and their rooms.")
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios list", json: output.json) {
                    try await project.place.with { store in
                        let studios = try await store.snapshot().studios
                        if output.json { return try printJSON(studios) }
                        for studio in studios {
                            print(
                                "\(studio.name) [\(studio.id)]"
                                    + (studio.location.isEmpty ? "" : " — \(studio.location)")
                                    + " — \(studio.timeZone)")
                            for room in studio.rooms {
                                var line =
                                    "    \(room.name) [\(room.id)] — \(room.hourlyRate.formatted)/hour"
                                    + (room.dailyRate.map { ", \($0.formatted)/day" } ?? "")
                                    + " — \(room.capacity) players"
                                if !room.gear.isEmpty { line += " — " + room.gear.joined(separator: ", ") }
                                print(line)
                                print("        open " + room.openingHours.summary())
                            }
                        }
                    }
                }
            }
        }

        /// A studio's own options.
        struct StudioFields: ParsableArguments {
            @Option(help: "Where it is.")
            var location: String?
            @Option(name: .customLong("time-zone"), help: "Its IANA time zone (default: the project's).")
            var timeZone: String?

            func add(to edit: inout RecordEdit) {
                edit.set("location", text: location, option: "--location")
                edit.set("timeZone", text: timeZone, option: "--time-zone")
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a studio with its first room.")
            @Argument(help: "The studio's name.")
            var name: String
            @Option(help: "Its id (default: the name in lower case with hyphens).")
            var id: String?
            @OptionGroup var studio: StudioFields
            @Option(help: ArgumentHelp("The name of its first room (add more with add-room).", valueName: "name"))
            var room: String
            @Option(name: .customLong("room-id"), help: "The room's id (default: its name in lower case with hyphens).")
            var roomID: String?
            @OptionGroup var fields: RoomFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios add", json: output.json) {
                    var roomEdit = RecordEdit()
                    roomEdit.set("name", text: room, option: "--room")
                    roomEdit.set("id", text: roomID, option: "--room-id")
                    fields.add(to: &roomEdit)
                    var edit = RecordEdit()
                    edit.set("name", text: name, option: "the name")
                    edit.set("id", text: id, option: "--id")
                    studio.add(to: &edit)
                    edit.set("rooms", to: .list([roomEdit.applied(to: .map([]))]), option: "--room")
                    for (key, option) in roomEdit.options { edit.name("rooms[0].\(key)", option: option) }
                    edit.name("rooms[0]", option: "--room")
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.addRecord(.studios, edit: edit, store: store)
                        try printOutcome(outcome, kind: .studios, json: output.json)
                    }
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change a studio's name, location or time zone (rooms: edit-room).")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var studio: String
            @Option(help: "A new name.")
            var name: String?
            @OptionGroup var fields: StudioFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios edit", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("name", text: name, option: "--name")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.editRecord(.studios, studio, edit: edit, store: store)
                        try printOutcome(outcome, kind: .studios, json: output.json)
                    }
                }
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a studio; refused while its rooms have holds, unless --force.",
                discussion: "A confirmed booking is never dropped: cancel it first.")
            @Argument(help: ArgumentHelp(recordKeyHelp))
            var studio: String
            @Flag(help: "Remove it anyway, with its holds.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios remove", json: output.json) {
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.removeRecord(.studios, studio, force: force, store: store)
                        try printOutcome(outcome, kind: .studios, json: output.json)
                    }
                }
            }
        }

        struct AddRoom: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add-room", abstract: "Add a room to a studio.")
            @Argument(help: "The studio's name or id.")
            var studio: String
            @Argument(help: "The room's name.")
            var room: String
            @Option(help: "The room's id (default: its name in lower case with hyphens).")
            var id: String?
            @OptionGroup var fields: RoomFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios add-room", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("name", text: room, option: "the room's name")
                    edit.set("id", text: id, option: "--id")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.addRoom(studio: studio, edit: edit, store: store)
                        try printRoom(outcome, json: output.json)
                    }
                }
            }
        }

        struct EditRoom: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "edit-room", abstract: "Change what the options give of a room; keep the rest.")
            @Argument(help: "The studio's name or id.")
            var studio: String
            @Argument(help: "The room's name or id.")
            var room: String
            @Option(help: "A new name.")
            var name: String?
            @OptionGroup var fields: RoomFields
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios edit-room", json: output.json) {
                    var edit = RecordEdit()
                    edit.set("name", text: name, option: "--name")
                    fields.add(to: &edit)
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.editRoom(
                            studio: studio, room: room, edit: edit, store: store)
                        try printRoom(outcome, json: output.json)
                    }
                }
            }
        }

        struct RemoveRoom: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove-room", abstract: "Remove a room; refused while it has holds, unless --force.")
            @Argument(help: "The studio's name or id.")
            var studio: String
            @Argument(help: "The room's name or id.")
            var room: String
            @Flag(help: "Remove it anyway, with its holds.")
            var force = false
            @OptionGroup var project: ProjectOptions
            @OptionGroup var output: OutputOptions

            func run() async throws {
                try await runOffice("studios remove-room", json: output.json) {
                    try await project.place.with { store in
                        let outcome = try await OfficeJobs.removeRoom(
                            studio: studio, room: room, force: force, store: store)
                        try printRoom(outcome, json: output.json)
                    }
                }
            }
        }
    }
}

/// What a room command did: a sentence, or with `--json` the room as it now is.
func printRoom(_ outcome: EditOutcome, json: Bool) throws {
    if json {
        if outcome.change == "removed" { return try printJSON(["removed": outcome.id, "name": outcome.name]) }
        return try printJSON(outcome.project.room(id: outcome.id)?.room)
    }
    let verb =
        ["added": "Added", "updated": "Changed", "removed": "Removed"][outcome.change] ?? "Nothing to change for"
    print("\(verb) room \(outcome.name) [\(outcome.id)].")
}
