import Foundation
import ProducerTestSupport
import Testing

/// `producer hire` on the demo album (Examples/album.yaml).
@Suite("hire command")
struct HireCommandTests {
    @Test("the engineers ranked for a Tuesday, best first, with reasons; --json parses")
    func ranksEngineers() async throws {
        let project = try await albumProject()
        let r = try await producer(["hire", "--role", "engineer", "--on", "2027-03-02", "--json", "--project", project])
        #expect(r.status == 0, "\(r.err)")
        let ranking = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let candidates = try #require(ranking["candidates"] as? [[String: Any]])
        // Ada (€55/h, 4 h minimum: €440 a day of 8 h) and Rui (€480/day), both free all day:
        // Ada 25 + 30 + 20 = 75; Rui 25 + 30 + 20 × 440/480 = 18.3 → 73.3
        #expect(candidates.map { $0["name"] as? String } == ["Ada Novak", "Rui Costa"])
        #expect(candidates.map { $0["score"] as? Double } == [75, 73.3])
        // The mix engineer role of Rui does not make anyone else related; the other 6 are left out
        #expect(ranking["others"] as? Int == 6)
        let text = try await producer(["hire", "--role", "engineer", "--on", "2027-03-02", "--project", project])
        #expect(text.out.contains("1. Ada Novak — 75 points, €440.00"), "\(text.out)")
        #expect(text.out.contains("free all day Tue 2 Mar 2027 (09:00–21:00)"), "\(text.out)")
    }

    @Test("a booked session gives the time: the backup singers for a session, against a budget")
    func forASession() async throws {
        let project = try await albumProject()
        let s = try await producer(["schedule", "--from", "2027-03-01", "--time-limit", "0.5", "--project", project])
        #expect(s.status == 0, "\(s.err)")
        let r = try await producer([
            "hire", "--role", "backup singer", "--style", "soul", "--session", "Backing vocals — Night Trains",
            "--budget", "100", "--project", project,
        ])
        #expect(r.status == 0, "\(r.err)")
        // Lena & Sofi: 3 h at €60/h = €180, over the budget of €100 by €80
        #expect(r.out.contains("€180.00 for 1 session: 3 h at €60.00/hour (3 h minimum); over the budget of €100.00 by €80.00"), "\(r.out)")
    }

    @Test(
        "bad input exits 1 naming the option",
        arguments: [
            (["--on", "2027-02-30"], "--on 2027-02-30: not a date"),
            (["--session", "Choir"], "--session Choir: no session"),
            (["--on", "2027-03-02", "--budget", "-5"], "--budget must be an amount of 0 or more, not -5"),
            ([], "--on: give the day"),
        ])
    func badInput(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let r = try await producer(["hire", "--role", "drummer"] + arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err.contains(message), "\(r.err)")
    }
}
