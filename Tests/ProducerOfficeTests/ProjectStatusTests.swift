import Foundation
import ProducerOffice
import Testing

/// `producer status`'s budget health, open offers and late deliverables, at a fixed moment.
@Suite("project status")
struct ProjectStatusTests {
    static let now = Date(timeIntervalSince1970: 1_804_000_000)  // Tue 2 Mar 2027 15:06 UTC
    static let day: TimeInterval = 86_400

    static var project: ProjectSnapshot {
        let eur = { (cents: Int64) in Money(minorUnits: cents, currency: "EUR") }
        let singer = Person(
            id: "ana", name: "Ana Sol", roles: [.backupSinger], rate: Rate(eur(30_000), per: .session),
            availability: Availability(timeZone: "UTC"))
        let engineer = Person(
            id: "rui", name: "Rui Costa", roles: [.mixEngineer], rate: Rate(eur(48_000), per: .day),
            availability: Availability(timeZone: "UTC"))
        let song = Song(id: "song1", title: "Night Trains")
        let session = StudioSession(
            id: "bv", songID: "song1", kind: .vocals, title: "BVs — Night Trains", durationMinutes: 180)
        return ProjectSnapshot(
            settings: ProjectSettings(name: "Night Trains", timeZone: "UTC"), songs: [song],
            people: [singer, engineer],
            sessions: [session],
            budget: [
                BudgetLine(id: "l1", songID: "song1", category: .artwork, description: "cover", planned: eur(50_000))
            ],
            expenses: [
                Expense(date: now - day, songID: "song1", category: .artwork, description: "cover", amount: eur(62_000))
            ],
            offers: [
                Offer(
                    id: "o1", personID: "ana", role: .backupSinger, sessionIDs: ["bv"], fee: eur(30_000),
                    sentAt: now - 2 * day, answerBy: now + 2 * day),
                Offer(
                    id: "o2", personID: "ana", role: .backupSinger, sessionIDs: ["bv"], fee: eur(25_000),
                    sentAt: now - 9 * day, answerBy: now - 3 * day),
                Offer(
                    id: "o3", personID: "ana", role: .backupSinger, sessionIDs: ["bv"], fee: eur(25_000),
                    sentAt: now - 9 * day, answerBy: now - 3 * day, status: .declined, answeredAt: now - 4 * day),
            ],
            tasks: [
                ProjectTask(
                    id: "t1", personID: "rui", title: "main mix", songID: "song1", deliverable: .mainMix,
                    due: now - 2 * day, state: .rejected, findings: ["44.1 kHz, not 48 kHz"]),
                ProjectTask(id: "t2", personID: "rui", title: "instrumental", due: now - 5 * day),
                ProjectTask(id: "t3", personID: "rui", title: "stems", due: now - 5 * day, state: .delivered),
                ProjectTask(id: "t4", personID: "rui", title: "tv mix", due: now + day),
            ])
    }

    @Test("open offers, expired ones counted, late tasks most overdue first, the budget's overrun")
    func figures() throws {
        // Given a project with three offers, four tasks and an artwork line overspent by €120
        let status = ProjectStatus(project: Self.project, now: Self.now)
        // Then only the offer still in time is open, and the unanswered past one is expired
        #expect(status.openOffers.map(\.id) == ["o1"])
        #expect(status.openOffers.first?.sessions == ["BVs — Night Trains"])
        #expect(status.expiredOffers == 1)
        // And the two tasks past due and not delivered are late, the older first
        #expect(status.lateTasks.map(\.id) == ["t2", "t1"])
        #expect(status.lateTasks.map(\.daysLate) == [5, 2])
        #expect(status.lateTasks.map(\.rejected) == [false, true])
        // And the budget shows €500 planned and €620 spent: €120 over
        #expect(status.budget.plan.minorUnits == 50_000)
        #expect(status.budget.actual.minorUnits == 62_000)
        #expect(status.budget.variance.minorUnits == -12_000)
        #expect(!status.budget.warnings.isEmpty)
        // And the text says all three
        let text = status.text(timeZone: "UTC")
        #expect(text.contains("Budget: €500.00 planned"))
        #expect(text.contains("— €120.00 over"))
        #expect(text.contains("? Ana Sol, backup singer, €300.00 for BVs — Night Trains — answer by Thu 4 Mar 15:06"))
        #expect(text.contains("1 offer expired unanswered"))
        #expect(
            text.contains(
                "! Rui Costa: main mix, Night Trains, due Sun 28 Feb — 2 days late (a file arrived and was rejected)"))
    }
}

extension ProjectStatusTests {
    @Test("a status saved before the budget, offers and late tasks were in it still reads")
    func readsAnOlderStatus() throws {
        // Given a status as JSON with the new keys taken out
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let full = ProjectStatus(project: Self.project, now: Self.now)
        var json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(full)) as? [String: Any])
        for key in ["budget", "openOffers", "expiredOffers", "lateTasks"] { json.removeValue(forKey: key) }
        // When it is read
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let old = try decoder.decode(ProjectStatus.self, from: JSONSerialization.data(withJSONObject: json))
        // Then what it had is kept and the new parts are empty
        #expect(old.project == full.project && old.sessionsTotal == full.sessionsTotal)
        #expect(old.openOffers.isEmpty && old.lateTasks.isEmpty && old.expiredOffers == 0)
        #expect(old.budget.plan == .zero("EUR") && old.budget.warnings.isEmpty)
        // And the full one reads back whole
        let again = try decoder.decode(ProjectStatus.self, from: encoder.encode(full))
        #expect(again.openOffers.map(\.id) == ["o1"] && again.lateTasks.count == 2)
    }
}
