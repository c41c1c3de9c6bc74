import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerJobs
import ProducerOffice
import ProducerServer
import Testing

/// The plan in the browser: the calendar per person and room, the budget where the role sees
/// money, deliverables with their checks, status, and the report's pages.
@Suite struct PlanPagesTests {
    @Test func theCalendarShowsHoldsAndConfirmedPerPersonAndPerRoom() async throws {
        // Given the fixture's week: the vocals on hold Monday, the mix confirmed Wednesday
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let project = try await test.addProject(owner: producer.account)
        try await test.application().test(.router) { client in
            // When the producer opens the schedule (its first week is the one with the next booking)
            let page = try await client.execute(
                uri: "/projects/\(project.id)/schedule", method: .get, headers: producer.headers
            ).text
            // Then the week is Monday 1 March, in Berlin time
            #expect(page.contains("Week of Mon 1 Mar 2027"))
            #expect(page.contains("Europe/Berlin"))
            // And each person has a row with their bookings, the hold and the confirmed apart
            let ana = try #require(Self.row("Ana Sol", in: page))
            #expect(ana.contains("<div class=\"hold\"><strong>10:00–13:00</strong> Vocals — Night Trains"))
            #expect(!ana.contains("Mix — Night Trains"))
            let rui = try #require(Self.row("Rui Costa", in: page))
            #expect(rui.contains("10:00–13:00"))
            #expect(rui.contains("<div class=\"confirmed\"><strong>14:00–18:00</strong> Mix — Night Trains"))
            // And by room, the hall's row lists who is in each booking
            let rooms = try await client.execute(
                uri: "/projects/\(project.id)/schedule?by=room&week=2027-03-02", method: .get,
                headers: producer.headers
            ).text
            let hall = try #require(Self.row("Kranich Studios — Hall", in: rooms))
            #expect(hall.contains("Ana Sol, Rui Costa · hold"))
            #expect(hall.contains("Rui Costa · confirmed"))
            // And one person's calendar shows only their row
            let only = try await client.execute(
                uri: "/projects/\(project.id)/schedule?only=ana&week=2027-03-01", method: .get,
                headers: producer.headers
            ).text
            #expect(Self.row("Ana Sol", in: only) != nil)
            #expect(Self.row("Rui Costa", in: only) == nil)
            // And a week that does not read is refused in words
            let bad = try await client.execute(
                uri: "/projects/\(project.id)/schedule?week=March", method: .get, headers: producer.headers)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("week: &quot;March&quot; is not a day written as 2027-03-01."))
        }
    }

    @Test func moneyIsShownOnlyToRolesThatMaySeeIt() async throws {
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let engineer = try await test.account("Rui Costa")
        let project = try await test.addProject(owner: producer.account)
        try await test.join(engineer.account, project, as: .engineer, person: "rui")
        try await test.application().test(.router) { client in
            // The producer sees the budget: €500 planned for the cover, nothing spent
            let budget = try await client.execute(
                uri: "/projects/\(project.id)/budget", method: .get, headers: producer.headers)
            #expect(budget.status == .ok)
            #expect(budget.text.contains("€500.00 planned"))
            #expect(budget.text.contains("href=\"/projects/\(project.id)/budget\""))
            let json = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/budget", method: .get, headers: producer.headers
                ).json() as? [String: Any])
            let total = try #require(json["total"] as? [String: Any])
            let plan = try #require(total["plan"] as? [String: Any])
            #expect(plan["minorUnits"] as? Int == 50_000)
            // The engineer may not: 403 in words, no link, and the status's JSON has no money in it
            let refused = try await client.execute(
                uri: "/projects/\(project.id)/budget", method: .get, headers: engineer.headers)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("As engineer on Night Trains you may not see the money."))
            let status = try await client.execute(
                uri: "/projects/\(project.id)/status", method: .get, headers: engineer.headers)
            #expect(status.status == .ok)
            #expect(!status.text.contains("/budget\""))
            #expect(!status.text.contains("€"))
            let api = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/status", method: .get, headers: engineer.headers
                ).json() as? [String: Any])
            #expect(api["budget"] == nil && api["bookedCost"] == nil && api["cancellationFees"] == nil)
            #expect(api["sessionsTotal"] as? Int == 2)
            let full = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/status", method: .get, headers: producer.headers
                ).json() as? [String: Any])
            #expect((full["bookedCost"] as? [String: Any])?["minorUnits"] as? Int == 143_000)
            let schedule = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/schedule", method: .get, headers: engineer.headers
                ).json() as? [[String: Any]])
            #expect(schedule.count == 2)
            #expect(schedule.allSatisfy { $0["cost"] == nil })
        }
    }

    @Test func deliverablesShowTheirCheckResults() async throws {
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let project = try await test.addProject(owner: producer.account)
        try await test.application().test(.router) { client in
            let page = try await client.execute(
                uri: "/projects/\(project.id)/deliverables", method: .get, headers: producer.headers
            ).text
            #expect(page.contains("main mix"))
            #expect(page.contains("✗ sample rate 44.1 kHz; the project takes 48 kHz"))
            #expect(page.contains("Fri 5 Mar 2027"))
            let list = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/deliverables", method: .get, headers: producer.headers
                ).json() as? [String: Any])
            let tasks = try #require(list["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["state"] as? String } == ["rejected"])
        }
    }

    @Test func theReportsPagesAreServedFromTheProjectFolderAndNothingElse() async throws {
        // Given a project folder with a report and a file beside it that must not be served
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let folder = test.files + "/Album"
        try FileManager.default.createDirectory(atPath: folder + "/report/songs", withIntermediateDirectories: true)
        try "<h1>Night Trains report</h1>".write(
            toFile: folder + "/report/index.html", atomically: true, encoding: .utf8)
        try "<svg/>".write(toFile: folder + "/report/songs/plot.svg", atomically: true, encoding: .utf8)
        try "secret".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/report/escape.txt", withDestinationPath: folder + "/notes.txt")
        let project = try await test.addProject(location: folder + "/project.sqlite", owner: producer.account)
        try await test.application().test(.router) { client in
            let start = try await client.execute(
                uri: "/projects/\(project.id)/report", method: .get, headers: producer.headers)
            #expect(start.status == .seeOther)
            #expect(start.headers[.location] == "/projects/\(project.id)/report/index.html")
            let index = try await client.execute(
                uri: "/projects/\(project.id)/report/index.html", method: .get, headers: producer.headers)
            #expect(index.status == .ok && index.text == "<h1>Night Trains report</h1>")
            let plot = try await client.execute(
                uri: "/projects/\(project.id)/report/songs/plot.svg", method: .get, headers: producer.headers)
            #expect(plot.headers[.contentType] == "image/svg+xml")
            for path in ["../notes.txt", "songs/../../notes.txt", "%2e%2e/notes.txt", "escape.txt", "songs"] {
                let response = try await client.execute(
                    uri: "/projects/\(project.id)/report/\(path)", method: .get, headers: producer.headers)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("secret"), "\(path)")
            }
        }
    }

    /// The `<tr>` whose header names `name`, up to its end.
    static func row(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: ">\(name)</a></th>") else { return nil }
        let rest = page[start.upperBound...]
        guard let end = rest.range(of: "</tr>") else { return nil }
        return String(rest[..<end.lowerBound])
    }
}

@Suite struct ProduceFromTheServerTests {
    @Test func aProducerQueuesAProduceRunAndAViewerMayNot() async throws {
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let viewer = try await test.account("Vic Viewer")
        let folder = test.files + "/Album"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let project = try await test.addProject(location: folder + "/project.sqlite", owner: producer.account)
        let elsewhere = try await test.addProject(owner: producer.account)
        try await test.join(viewer.account, project, as: .viewer)
        try await test.application().test(.router) { client in
            // With no report yet, the report page offers to produce
            let page = try await client.execute(
                uri: "/projects/\(project.id)/report", method: .get, headers: producer.headers)
            #expect(page.status == .ok && page.text.contains("There is no report yet."))
            #expect(page.text.contains("action=\"/projects/\(project.id)/produce\""))
            let seen = try await client.execute(
                uri: "/projects/\(project.id)/report", method: .get, headers: viewer.headers)
            #expect(!seen.text.contains("/produce\""))
            // The API queues a produce job on the project's folder
            let queued = try await client.execute(
                uri: "/api/projects/\(project.id)/produce", method: .post, headers: producer.headers)
            #expect(queued.status == .accepted)
            let state = try #require(try queued.json() as? [String: Any])
            #expect(state["kind"] as? String == "produce" && state["state"] as? String == "queued")
            let jobs = await test.queue.all
            #expect(jobs.count == 1)
            #expect(jobs.first?.job == .produce(ProduceJob(project: folder)))
            #expect(jobs.first?.projectID == project.id)
            // Its state is readable on its project, not on another
            let id = try #require(state["id"] as? String)
            let mine = try await client.execute(
                uri: "/api/projects/\(project.id)/jobs/\(id)", method: .get, headers: producer.headers)
            #expect(mine.status == .ok)
            let other = try await client.execute(
                uri: "/api/projects/\(elsewhere.id)/jobs/\(id)", method: .get, headers: producer.headers)
            #expect(other.status == .notFound)
            // A viewer may not queue work; a project with no folder cannot be produced here
            let refused = try await client.execute(
                uri: "/api/projects/\(project.id)/produce", method: .post, headers: viewer.headers)
            #expect(refused.status == .forbidden)
            let noFolder = try await client.execute(
                uri: "/api/projects/\(elsewhere.id)/produce", method: .post, headers: producer.headers)
            #expect(noFolder.status == .conflict)
        }
    }
}
