import Foundation
import ProducerOffice
import Testing

/// Tasks with due dates: how they read, who is late and by how many days, the delivery set.
@Suite struct TaskTests {
    static let zone = "Europe/Berlin"
    static let calendar = Calendar.gregorian(timeZone: zone)

    /// A time in March 2027 in Berlin (1 March 2027 is a Monday).
    static func march(_ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: 2027, month: 3, day: day, hour: hour, minute: minute, second: second))!
    }

    /// The end of a day in March: what `--due 2027-03-DD` means.
    static func endOf(_ day: Int) -> Date { march(day, 23, 59, 59) }

    static func project(tasks: [ProjectTask] = []) -> ProjectSnapshot {
        let anytime = Availability(timeZone: zone)
        let rate = Rate(Money(minorUnits: 0, currency: "EUR"), per: .flat)
        return ProjectSnapshot(
            settings: ProjectSettings(name: "Night Trains", timeZone: zone),
            songs: [Song(id: "song1", title: "Night Trains"), Song(id: "song3", title: "Slow Signal")],
            people: [
                Person(id: "ada", name: "Ada Novak", roles: [.engineer], rate: rate, availability: anytime),
                Person(id: "rui", name: "Rui Costa", roles: [.mixEngineer], rate: rate, availability: anytime),
            ],
            tasks: tasks)
    }

    @Test("a task two days past its due day reads \"due Fri 12 Mar — 2 days late\"")
    func lateTaskReads() throws {
        // Given a task due at the end of Friday 12 March, and now Sunday 14 March at noon
        let task = ProjectTask(
            id: "t1", personID: "ada", title: "comp lead vocal", songID: "song3", due: Self.endOf(12))
        let list = TaskList(project: Self.project(tasks: [task]), now: Self.march(14, 12))
        // Then it is late by two days and says so
        let line = try #require(list.tasks.first)
        #expect(line.text == "Ada Novak: comp lead vocal, Slow Signal, due Fri 12 Mar — 2 days late")
        #expect(line.isLate && line.daysLate == 2)
        // On the day itself, until midnight, it is not late
        let onTheDay = TaskList(project: Self.project(tasks: [task]), now: Self.march(12, 23, 59))
        #expect(onTheDay.tasks.first?.isLate == false)
        #expect(onTheDay.tasks.first?.text == "Ada Novak: comp lead vocal, Slow Signal, due Fri 12 Mar")
        // And one second after midnight it is one day late
        let after = TaskList(project: Self.project(tasks: [task]), now: Self.march(13, 0, 0, 1))
        #expect(after.tasks.first?.daysLate == 1)
    }

    @Test("--late and --person filter; the list is by due date")
    func filters() {
        let tasks = [
            ProjectTask(id: "t1", personID: "rui", title: "main mix", songID: "song1", due: Self.endOf(20)),
            ProjectTask(id: "t2", personID: "ada", title: "edit drums", due: Self.endOf(10)),
            ProjectTask(
                id: "t3", personID: "ada", title: "comp lead vocal", due: Self.endOf(9), state: .done,
                completedAt: Self.march(9, 15)),
        ]
        let now = Self.march(14, 12)
        let all = TaskList(project: Self.project(tasks: tasks), now: now)
        #expect(all.tasks.map(\.id) == ["t3", "t2", "t1"])
        #expect(TaskList.late(in: Self.project(tasks: tasks), now: now).map(\.id) == ["t2"])
        #expect(TaskList(project: Self.project(tasks: tasks), now: now, person: "rui").tasks.map(\.id) == ["t1"])
        #expect(all.tasks[0].text == "Ada Novak: comp lead vocal, due Tue 9 Mar — done Tue 9 Mar 15:00")
    }

    @Test("on-time report per person: due, on time, late with days, open, overdue, worked by hand")
    func onTimeReport() throws {
        // Given Ada with one task overdue, one on time, one delivered 3 days late and one not yet due,
        // and Rui with one done on time, as of Sunday 14 March noon
        let tasks = [
            ProjectTask(id: "t1", personID: "ada", title: "comp lead vocal", songID: "song3", due: Self.endOf(12)),
            ProjectTask(
                id: "t2", personID: "ada", title: "edit drums", due: Self.endOf(10), state: .done,
                completedAt: Self.march(9, 17)),
            ProjectTask(
                id: "t3", personID: "ada", title: "main mix", songID: "song1", deliverable: .mainMix,
                due: Self.endOf(10),
                state: .delivered, completedAt: Self.march(13, 10)),
            ProjectTask(id: "t4", personID: "ada", title: "stems", due: Self.endOf(20)),
            ProjectTask(
                id: "t5", personID: "rui", title: "tv mix", due: Self.endOf(11), state: .delivered,
                completedAt: Self.march(11, 18)),
            ProjectTask(
                id: "t6", personID: "rui", title: "instrumental", due: Self.endOf(11), state: .rejected,
                findings: ["16-bit"]),
        ]
        let report = DeliveryReport(project: Self.project(tasks: tasks), now: Self.march(14, 12))
        let ada = try #require(report.people.first { $0.person == "Ada Novak" })
        // Then Ada: 3 due (t1, t2, t3), 1 on time, t3 3 days late (10 → 13 March), t1 2 days overdue, 1 open: 33 %
        #expect(ada.tasks == 4 && ada.due == 3 && ada.onTime == 1 && ada.open == 1)
        #expect(ada.deliveredLate.map(\.task) == ["t3"] && ada.deliveredLate.map(\.days) == [3])
        #expect(ada.overdue.map(\.task) == ["t1"] && ada.overdue.map(\.days) == [2])
        #expect(ada.onTimePercent == 33)
        // And Rui: t5 on time, the rejected t6 overdue by 3 days (11 → 14 March): 1 of 2, 50 %
        let rui = try #require(report.people.first { $0.person == "Rui Costa" })
        #expect(rui.due == 2 && rui.onTime == 1 && rui.overdue.map(\.days) == [3] && rui.onTimePercent == 50)
        #expect(report.text().contains("Ada Novak: 1 of 3 due on time (33 %); 1 delivered late, 1 overdue, 1 open"))
        #expect(report.text().contains("late: main mix, Night Trains — 3 days late [t3]"))
    }

    @Test("--due as a day means the end of that day in the project's time zone; a time means then")
    func dueDates() throws {
        #expect(try OfficeJobs.dueDate("2027-03-12", timeZone: Self.zone) == Self.endOf(12))
        #expect(try OfficeJobs.dueDate("2027-03-12T18:00", timeZone: Self.zone) == Self.march(12, 18))
        #expect(throws: OfficeError.self) { try OfficeJobs.dueDate("2027-02-30", timeZone: Self.zone) }
        #expect(try OfficeJobs.deliverable("Main-Mix") == .mainMix)
        #expect(try OfficeJobs.deliverable("TV mix") == .tvMix)
        let error = #expect(throws: OfficeError.self) { try OfficeJobs.deliverable("radio edit") }
        #expect(error?.message.contains("main mix, instrumental, a cappella, tv mix, stems, master") == true)
    }

    @Test("deliverables plan gives the usual set per song once; tasks add and done")
    func planAndFinish() async throws {
        let store = InMemoryProjectStore(Self.project())
        // When the delivery set is planned for both songs
        let (added, skipped) = try await OfficeJobs.planDeliverables(
            songs: [], to: "rui costa", due: "2027-03-19", store: store)
        // Then five tasks per song, ids t1…t10, due at the end of 19 March
        #expect(added.count == 10 && skipped.isEmpty)
        #expect(added.prefix(5).map(\.title) == ["main mix", "instrumental", "a cappella", "tv mix", "stems"])
        #expect(added.map(\.id) == (1...10).map { "t\($0)" })
        #expect(added.allSatisfy { $0.personID == "rui" && $0.due == Self.endOf(19) && $0.state == .open })
        // And planning again adds nothing
        let again = try await OfficeJobs.planDeliverables(
            songs: ["Slow Signal"], to: "rui", due: "2027-03-19", store: store)
        #expect(again.added.isEmpty && again.skipped.count == 5)
        // A task by hand, then done
        let task = try await OfficeJobs.addTask(
            person: "Ada Novak", title: "comp lead vocal", song: "slow signal", due: "2027-03-12", deliverable: nil,
            store: store)
        #expect(task.id == "t11" && task.songID == "song3")
        let done = try await OfficeJobs.finishTask("comp lead vocal", store: store, now: Self.march(11, 9))
        #expect(done.state == .done && done.completedAt == Self.march(11, 9))
        // Errors name what is wrong
        await #expect(throws: OfficeError.self) {
            try await OfficeJobs.addTask(
                person: "Nobody", title: "x", song: nil, due: "2027-03-12", deliverable: nil, store: store)
        }
        let twice = await #expect(throws: OfficeError.self) { try await OfficeJobs.finishTask("t11", store: store) }
        #expect(twice?.message == "t11 is already done")
        let ambiguous = await #expect(throws: OfficeError.self) {
            try await OfficeJobs.finishTask("main mix", store: store)
        }
        #expect(ambiguous?.message.contains("2 tasks are called \"main mix\" (t1, t6)") == true)
    }
}
