import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

/// `producer tasks add|list|done` on the album project, with dates relative to today.
@Suite("tasks", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct TasksCommandTests {
    static func day(_ daysFromToday: Int) -> String {
        DateFormatter.fixed("yyyy-MM-dd", timeZone: TimeZone(identifier: "Europe/Berlin")!)
            .string(from: Date().addingTimeInterval(Double(daysFromToday) * 86_400))
    }

    @Test("a task due two days ago is listed as 2 days late; --late and --person filter; done finishes it")
    func addListDone() async throws {
        let project = try await albumProject()
        // Given a task for Ada due two days ago and one for Rui due in a week
        let added = try await producer([
            "tasks", "add", "Ada Novak", "comp lead vocal", "--song", "Slow Signal", "--due", Self.day(-2),
            "--project", project,
        ])
        #expect(added.status == 0, "\(added.err)")
        #expect(added.out.hasPrefix("Added Ada Novak: comp lead vocal, Slow Signal, due "), "\(added.out)")
        #expect(added.out.contains("— 2 days late [t1]."), "\(added.out)")
        let second = try await producer([
            "tasks", "add", "rui costa", "print the mix", "--due", Self.day(7), "--deliverable", "main-mix", "--json",
            "--project", project,
        ])
        let task = try #require(try JSONSerialization.jsonObject(with: Data(second.out.utf8)) as? [String: Any])
        #expect(
            task["id"] as? String == "t2" && task["deliverable"] as? String == "main mix"
                && task["personID"] as? String == "rui")
        // When the late ones are listed
        let late = try await producer(["tasks", "list", "--late", "--project", project])
        #expect(late.status == 0)
        #expect(
            late.out.split(separator: "\n").count == 1 && late.out.contains("! Ada Novak: comp lead vocal"),
            "\(late.out)")
        let rui = try await producer(["tasks", "list", "--person", "Rui Costa", "--project", project])
        #expect(rui.out.contains("Rui Costa: print the mix") && !rui.out.contains("Ada"), "\(rui.out)")
        // Then done finishes it, and the report counts it 2 days late
        let done = try await producer(["tasks", "done", "t1", "--project", project])
        #expect(done.status == 0 && done.out.contains("— done ") && done.out.contains("2 days late"), "\(done.out)")
        let report = try await producer(["deliverables", "report", "--json", "--project", project])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])
        let ada = try #require((json["people"] as? [[String: Any]])?.first { $0["person"] as? String == "Ada Novak" })
        #expect((ada["deliveredLate"] as? [[String: Any]])?.first?["days"] as? Int == 2, "\(ada)")
        #expect(ada["onTime"] as? Int == 0 && ada["onTimePercent"] as? Int == 0)
    }

    @Test(
        "errors name what is wrong, exit 1, and change nothing",
        arguments: [
            (["tasks", "add", "Nobody", "x", "--due", "2027-03-12"], "Nobody: nobody of that name"),
            (["tasks", "add", "Ada Novak", "x", "--due", "2027-02-30"], "--due 2027-02-30: not a date"),
            (["tasks", "add", "Ada Novak", "x", "--due", "2027-03-12", "--song", "Nope"], "--song Nope: no song"),
            (
                ["tasks", "add", "Ada Novak", "x", "--due", "2027-03-12", "--deliverable", "radio edit"],
                "--deliverable radio edit"
            ),
            (["tasks", "done", "t9"], "no task \"t9\""),
        ])
    func errors(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let r = try await producer(arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err.contains(message), "\(r.err)")
        let list = try await producer(["tasks", "list", "--project", project])
        #expect(list.out.trimmingCharacters(in: .whitespacesAndNewlines) == "No tasks.")
    }
}
