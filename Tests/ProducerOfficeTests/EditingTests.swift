import Foundation
import ProducerOffice
import Testing

/// Editing a project record by record: the checks are the plan's, the errors name the options.
@Suite struct EditingTests {
    static let settings = ProjectSettings(name: "Test", currency: "EUR", timeZone: "Europe/Berlin")

    static let plan = """
        songs:
          - { id: s1, title: Night Trains, tempo: 92, key: E minor }
        people:
          - { id: ada, name: Ada Novak, roles: [engineer], rate: { amount: 55, per: hour },
              availability: { weekly: ["Mon-Fri 10:00-20:00"], busy: [{ on: 2027-03-09, note: dentist }] } }
        studios:
          - { id: k, name: Kranich, rooms: [{ id: hall, name: Hall, hourlyRate: 95, capacity: 10 }] }
        sessions:
          - { id: t1, song: s1, kind: tracking, title: Tracking, needs: [engineer], duration: 6h }
          - { id: m1, song: s1, kind: mixing, title: Mix, people: [ada], duration: 7h, after: [t1] }
        """

    static func store() throws -> InMemoryProjectStore {
        var project = ProjectSnapshot(settings: settings)
        _ = try ProjectPlan(yaml: plan, path: "plan.yaml", settings: settings).apply(to: &project)
        return InMemoryProjectStore(project)
    }

    func message(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch { return "\(error)" }
    }

    @Test func editChangesOnlyWhatIsGiven() async throws {
        let store = try Self.store()
        var edit = RecordEdit()
        edit.set("energy", text: "7", option: "--energy")
        edit.set("ratings", "artist", text: "9", option: "--artist-rating")
        let outcome = try await OfficeJobs.editRecord(.songs, "night trains", edit: edit, store: store)
        #expect(outcome.change == "updated")
        let song = try #require(try await store.snapshot().songs.first)
        #expect(song.energy == 7)
        #expect(song.ratings.artist == 9)
        #expect(song.tempo == 92)
        #expect(song.key == "E minor")
        #expect(song.id == "s1")
    }

    @Test func editingAPersonKeepsTheirBusyDaysAndRate() async throws {
        let store = try Self.store()
        let before = try await store.snapshot().people[0]
        var edit = RecordEdit()
        edit.set("styles", texts: ["Soul"], option: "--style")
        _ = try await OfficeJobs.editRecord(.people, "ada", edit: edit, store: store)
        var after = try await store.snapshot().people[0]
        #expect(after.styles == ["soul"])
        after.styles = []
        #expect(after == before)
    }

    @Test func aMistakeNamesTheOptionWithThePlansWords() async throws {
        let store = try Self.store()
        var edit = RecordEdit()
        edit.set("tempo", text: "500", option: "--tempo")
        let said = await message { _ = try await OfficeJobs.editRecord(.songs, "s1", edit: edit, store: store) }
        #expect(said == "--tempo: 500 is out of range (20 to 400 beats per minute)")
        // The plan says the same after its place.
        do {
            _ = try ProjectPlan(yaml: "songs:\n  - { title: A, tempo: 500 }", path: "p.yaml", settings: Self.settings)
            Issue.record("a tempo of 500 was read")
        } catch {
            #expect(error.message == "500 is out of range (20 to 400 beats per minute)")
        }
        var bad = RecordEdit()
        bad.set("isrc", text: "XX", option: "--isrc")
        let isrc = await message { _ = try await OfficeJobs.editRecord(.songs, "s1", edit: bad, store: store) }
        #expect(isrc?.hasPrefix("--isrc: \"XX\" is not an ISRC") == true)
        var need = RecordEdit()
        need.set("needs", to: .list([.text("tuba")]), option: "--need")
        let role = await message { _ = try await OfficeJobs.editRecord(.sessions, "t1", edit: need, store: store) }
        #expect(role == "--need: nobody in the plan or the project plays \"tuba\"; the roles are: engineer")
        // Nothing changed.
        #expect(try await store.snapshot().songs[0].tempo == 92)
    }

    @Test func addRefusesARecordTheProjectHas() async throws {
        let store = try Self.store()
        var edit = RecordEdit()
        edit.set("title", text: "NIGHT TRAINS", option: "the title")
        let said = await message { _ = try await OfficeJobs.addRecord(.songs, edit: edit, store: store) }
        #expect(
            said == "the project already has the song \"Night Trains\" (id s1); change it with `producer songs edit`")
        var other = RecordEdit()
        other.set("title", text: "Paper Harbour", option: "the title")
        other.set("energy", text: "8", option: "--energy")
        let added = try await OfficeJobs.addRecord(.songs, edit: other, store: store)
        #expect(added.id == "paper-harbour")
        #expect(try await store.snapshot().songs.map(\.energy) == [nil, 8])
    }

    @Test func removeRefusesWhatOthersReferTo() async throws {
        let store = try Self.store()
        let song = await message { _ = try await OfficeJobs.removeRecord(.songs, "s1", force: false, store: store) }
        #expect(
            song == "Night Trains is still the song of 2 sessions (Tracking, Mix); give --force to remove it anyway")
        let person = await message {
            _ = try await OfficeJobs.removeRecord(.people, "Ada Novak", force: false, store: store)
        }
        #expect(person == "Ada Novak is still in 1 sessions (Mix); give --force to remove them anyway")
        let session = await message {
            _ = try await OfficeJobs.removeRecord(.sessions, "t1", force: false, store: store)
        }
        #expect(session == "Tracking is still waited for by Mix (after:); give --force to remove it anyway")
        // Mix is last: it goes.
        _ = try await OfficeJobs.removeRecord(.sessions, "Mix", force: false, store: store)
        #expect(try await store.snapshot().sessions.map(\.id) == ["t1"])
        // With --force the song goes and its session stays, without a song.
        _ = try await OfficeJobs.removeRecord(.songs, "s1", force: true, store: store)
        let after = try await store.snapshot()
        #expect(after.songs.isEmpty)
        #expect(after.sessions[0].songID == nil)
    }

    @Test func roomsAreAddedEditedAndRemoved() async throws {
        let store = try Self.store()
        var room = RecordEdit()
        room.set("name", text: "Booth 2", option: "the room's name")
        room.set("hourlyRate", text: "40", option: "--hourly-rate")
        room.set("capacity", text: "3", option: "--capacity")
        _ = try await OfficeJobs.addRoom(studio: "Kranich", edit: room, store: store)
        var edit = RecordEdit()
        edit.set("capacity", text: "0", option: "--capacity")
        let said = await message {
            _ = try await OfficeJobs.editRoom(studio: "k", room: "booth-2", edit: edit, store: store)
        }
        #expect(said == "--capacity: 0 is out of range (1 to 500)")
        edit = RecordEdit()
        edit.set("capacity", text: "4", option: "--capacity")
        _ = try await OfficeJobs.editRoom(studio: "k", room: "Booth 2", edit: edit, store: store)
        #expect(try await store.snapshot().studios[0].rooms.map(\.capacity) == [10, 4])
        _ = try await OfficeJobs.removeRoom(studio: "k", room: "hall", force: false, store: store)
        #expect(try await store.snapshot().studios[0].rooms.map(\.id) == ["booth-2"])
        let last = await message {
            _ = try await OfficeJobs.removeRoom(studio: "k", room: "booth-2", force: false, store: store)
        }
        #expect(last?.contains("only room") == true)
    }

    @Test func projectSettingsAreSetAsThePlanSetsThem() async throws {
        let store = try Self.store()
        var edit = RecordEdit()
        edit.set("maxWorkPerDay", text: "9h", option: "--max-work-per-day")
        edit.set("break", text: "45m", option: "--break")
        edit.set("latenessPenalty", text: "150", option: "--lateness-penalty")
        let (changed, settings) = try await OfficeJobs.setProject(edit: edit, store: store)
        #expect(changed == ["longest working day 9 h", "break 45 min", "lateness €150.00 a day"])
        #expect(settings.maxWorkMinutesPerDay == 540)
        var bad = RecordEdit()
        bad.set("break", text: "forever", option: "--break")
        let said = await message { _ = try await OfficeJobs.setProject(edit: bad, store: store) }
        #expect(said == "--break: \"forever\" is not a length of time; write 45m, 1h, 0 or 60 (minutes), at most 8h")
    }

    @Test func theScheduleStartsOnThePlansStartWhileItIsAhead() throws {
        var settings = Self.settings
        let calendar = settings.calendar
        let today = calendar.date(from: DateComponents(year: 2027, month: 1, day: 10))!
        let start = calendar.date(from: DateComponents(year: 2027, month: 3, day: 1))!
        settings.planStart = start
        settings.deadline = calendar.date(from: DateComponents(year: 2027, month: 3, day: 26))!
        #expect(try ScheduleJob(repair: true).horizon(settings: settings, now: today).start == start)
        // Once the start has passed, the plan starts today: nothing is planned in the past.
        let later = calendar.date(from: DateComponents(year: 2027, month: 3, day: 5, hour: 15))!
        #expect(
            try ScheduleJob(repair: true).horizon(settings: settings, now: later).start
                == calendar.startOfDay(for: later))
        // --from wins.
        #expect(try ScheduleJob(from: today).horizon(settings: settings, now: today).start == today)
    }
}
