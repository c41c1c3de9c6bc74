import Foundation
import ProducerOffice
import ProducerStore
import ProducerTestSupport
import Testing

/// `producer offers` on the demo album (Examples/album.yaml) scheduled from 1 March 2027: sent,
/// listed, expired, accepted into the schedule, declined; answer-by days relative to today.
@Suite("offers command")
struct OffersCommandTests {
    /// `yyyy-MM-dd` in Berlin, `days` from today.
    static func day(_ days: Int) -> String {
        let zone = TimeZone(identifier: "Europe/Berlin")!
        return DateFormatter.fixed("yyyy-MM-dd", timeZone: zone).string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    /// The album imported and scheduled from 1 March 2027.
    static func scheduledAlbum() async throws -> String {
        let project = try await albumProject()
        let r = try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.5", "--project", project])
        #expect(r.status == 0, "\(r.err)")
        return project
    }

    static func send(_ project: String, _ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await producer(["offers", "send"] + arguments + ["--project", project])
    }

    static func list(_ project: String, all: Bool = false) async throws -> [[String: Any]] {
        let r = try await producer(["offers", "list", "--json", "--project", project] + (all ? ["--all"] : []))
        #expect(r.status == 0, "\(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        return try #require(object["offers"] as? [[String: Any]])
    }

    @Test("send, list, accept: the person joins the session and its booking after the repair")
    func sendListAccept() async throws {
        // Given the album scheduled, Ines Koch (bassist) not on the Night Trains overdubs
        let project = try await Self.scheduledAlbum()
        let overdubs = "Overdubs — Night Trains"
        #expect(try await bookings(project).first { $0.session == overdubs }?.people.contains("Ines Koch") == false)
        // When she is offered them as a bassist
        let sent = try await Self.send(
            project,
            ["Ines Koch", "--role", "bassist", "--session", overdubs, "--fee", "300", "--answer-by", Self.day(3),
             "--note", "bring the fretless"])
        #expect(sent.status == 0, "\(sent.err)")
        #expect(sent.out.hasPrefix("Sent o1: Ines Koch, bassist, €300.00 for \(overdubs); answer by "), "\(sent.out)")
        // Then the list shows it sent
        let listed = try await Self.list(project)
        #expect(listed.count == 1 && listed[0]["status"] as? String == "sent" && listed[0]["id"] as? String == "o1")
        #expect(listed[0]["sessions"] as? [String] == [overdubs] && listed[0]["note"] as? String == "bring the fretless")
        let text = try await producer(["offers", "list", "--project", project])
        #expect(text.out.contains("o1   sent      Ines Koch, bassist, €300.00 — \(overdubs); answer by "), "\(text.out)")
        // When she accepts
        let accepted = try await producer(["offers", "accept", "o1", "--project", project])
        #expect(accepted.status == 0, "\(accepted.err)")
        #expect(accepted.out.contains("Accepted o1: Ines Koch, bassist, for \(overdubs). Fee €300.00 committed"))
        #expect(accepted.out.contains("joined \(overdubs): extra: it has no bassist need"), "\(accepted.out)")
        #expect(accepted.out.contains("bookings cost €"), "\(accepted.out)")
        // Then the booking of the session has her, and the offer is accepted
        #expect(try await bookings(project).first { $0.session == overdubs }?.people.contains("Ines Koch") == true)
        #expect(try await Self.list(project).first?["status"] as? String == "accepted")
        let snapshot = try await ProjectPlace(project: project).with { try await $0.snapshot() }
        #expect(snapshot.sessions.first { $0.title == overdubs }?.people == ["ines"])
    }

    @Test("accepting a backup singer fills the session's need; --json parses")
    func acceptFillsNeed() async throws {
        let project = try await Self.scheduledAlbum()
        let bvs = "Backing vocals — Night Trains"
        let sent = try await Self.send(
            project,
            ["Lena & Sofi", "--role", "backup singer", "--session", "song1-bvs", "--fee", "540 EUR", "--answer-by",
             Self.day(5)])
        #expect(sent.status == 0, "\(sent.err)")
        let r = try await producer(["offers", "accept", "Lena & Sofi", "--json", "--project", project])
        #expect(r.status == 0, "\(r.err)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect((answer["offer"] as? [String: Any])?["status"] as? String == "accepted")
        #expect((answer["joined"] as? [[String: Any]])?.first?["how"] as? String == "fills its backup singer need")
        #expect(answer["repaired"] as? Bool == true)
        let snapshot = try await ProjectPlace(project: project).with { try await $0.snapshot() }
        let session = try #require(snapshot.sessions.first { $0.title == bvs })
        #expect(session.people == ["lena"] && session.needs == [.init(.engineer)])
        #expect(try await bookings(project).first { $0.session == bvs }?.people.contains("Lena & Sofi") == true)
    }

    @Test("an offer whose answer-by day was 2 days ago lists as expired and cannot be accepted")
    func expired() async throws {
        // Given an offer sent, its answer-by time then put 2 days back
        let project = try await Self.scheduledAlbum()
        let sent = try await Self.send(
            project,
            ["Jonas Berg", "--role", "drummer", "--session", "Tracking — Blue Hour", "--fee", "320", "--answer-by",
             Self.day(1)])
        #expect(sent.status == 0, "\(sent.err)")
        try await ProjectPlace(project: project).with { store in
            try await store.update { $0.offers[0].answerBy = Date().addingTimeInterval(-2 * 86_400) }
        }
        // Then it lists as expired, and the expiry is recorded
        let text = try await producer(["offers", "list", "--project", project])
        #expect(text.out.contains("o1   expired   Jonas Berg, drummer, €320.00"), "\(text.out)")
        #expect(try await ProjectPlace(project: project).with { try await $0.snapshot() }.offers[0].status == .expired)
        // And accepting it exits 1 saying why, changing nothing
        let r = try await producer(["offers", "accept", "o1", "--project", project])
        #expect(r.status == 1)
        #expect(r.err.contains("o1 expired: its answer was due by "), "\(r.err)")
        let snapshot = try await ProjectPlace(project: project).with { try await $0.snapshot() }
        #expect(snapshot.sessions.first { $0.title == "Tracking — Blue Hour" }?.people == ["mara"])
    }

    @Test("decline: gone from the list, shown with --all")
    func decline() async throws {
        let project = try await Self.scheduledAlbum()
        _ = try await Self.send(
            project,
            ["Teo Marin", "--role", "guitarist", "--session", "Overdubs — Blue Hour", "--fee", "200", "--answer-by",
             Self.day(2)])
        let r = try await producer(["offers", "decline", "o1", "--project", project])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Declined o1: Teo Marin will not do Overdubs — Blue Hour."), "\(r.out)")
        #expect(try await Self.list(project).isEmpty)
        #expect(try await Self.list(project, all: true).map { $0["status"] as? String } == ["declined"])
        let again = try await producer(["offers", "accept", "o1", "--project", project])
        #expect(again.status == 1 && again.err.contains("o1 was declined"), "\(again.err)")
    }

    @Test(
        "bad input exits 1 naming the option or the record",
        arguments: [
            (["Zed Nobody", "--role", "drummer", "--session", "Tracking — Blue Hour", "--fee", "300"], "no person \"Zed Nobody\""),
            (["Jonas Berg", "--role", "drummer", "--session", "Choir", "--fee", "300"], "--session Choir: no session"),
            (["Jonas Berg", "--role", "drummer", "--session", "Tracking — Blue Hour", "--fee", "-5"], "--fee must be an amount of 0 or more, not -5"),
            (["Jonas Berg", "--role", "singer", "--session", "Tracking — Blue Hour", "--fee", "300"], "Jonas Berg does not play singer"),
        ])
    func badInput(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let r = try await Self.send(project, arguments + ["--answer-by", Self.day(3)])
        #expect(r.status == 1)
        #expect(r.err.contains(message), "\(r.err)")
        #expect(try await ProjectPlace(project: project).with { try await $0.snapshot() }.offers.isEmpty)
    }

    @Test("an answer-by day in the past exits 1 naming --answer-by")
    func pastAnswerBy() async throws {
        let project = try await albumProject()
        let r = try await Self.send(
            project,
            ["Jonas Berg", "--role", "drummer", "--session", "Tracking — Blue Hour", "--fee", "300", "--answer-by",
             Self.day(-1)])
        #expect(r.status == 1)
        #expect(r.err.contains("--answer-by \(Self.day(-1)) 23:59 is in the past"), "\(r.err)")
    }
}
