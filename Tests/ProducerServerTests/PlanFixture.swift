import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import ProducerServer

/// A small project with a known week: Ana (singer) and Rui (engineer), one room, a vocal session
/// on hold on Mon 1 Mar 2027 10:00–13:00 Berlin time and a confirmed mix on Wed 3 Mar 14:00–18:00.
enum PlanFixture {
    static let zone = "Europe/Berlin"
    /// Fri 26 Feb 2027 12:00 UTC: before the week shown.
    static let now = Date(timeIntervalSince1970: 1_803_643_200)

    static func at(_ day: Int, _ hour: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: 2027, month: 3, day: day, hour: hour))!
    }

    static var project: ProjectSnapshot {
        let eur = { (cents: Int64) in Money(minorUnits: cents, currency: "EUR") }
        let ana = Person(
            id: "ana", name: "Ana Sol", roles: [.artist], rate: Rate(eur(30_000), per: .session),
            availability: .daily(from: 9 * 60, to: 20 * 60, timeZone: zone))
        let rui = Person(
            id: "rui", name: "Rui Costa", roles: [.mixEngineer], rate: Rate(eur(48_000), per: .day),
            availability: .daily(from: 9 * 60, to: 20 * 60, timeZone: zone))
        let hall = Room(
            id: "hall", name: "Hall", hourlyRate: eur(5_000), capacity: 8,
            openingHours: .daily(from: 8 * 60, to: 22 * 60, timeZone: zone))
        let studio = Studio(id: "kranich", name: "Kranich Studios", timeZone: zone, rooms: [hall])
        let song = Song(id: "song1", title: "Night Trains")
        let vocals = StudioSession(
            id: "bv", songID: "song1", kind: .vocals, title: "Vocals — Night Trains", people: ["ana", "rui"],
            durationMinutes: 180)
        let mix = StudioSession(
            id: "mix", songID: "song1", kind: .mixing, title: "Mix — Night Trains", people: ["rui"],
            durationMinutes: 240, after: ["bv"])
        return ProjectSnapshot(
            settings: ProjectSettings(name: "Night Trains", deadline: at(31, 0), timeZone: zone), songs: [song],
            people: [ana, rui], studios: [studio], sessions: [vocals, mix],
            bookings: [
                Booking(
                    id: "b1", sessionID: "bv", roomID: "hall", start: at(1, 10), end: at(1, 13),
                    people: ["ana", "rui"],
                    status: .hold, cost: eur(75_000)),
                Booking(
                    id: "b2", sessionID: "mix", roomID: "hall", start: at(3, 14), end: at(3, 18), people: ["rui"],
                    status: .confirmed, cost: eur(68_000)),
            ],
            budget: [
                BudgetLine(id: "l1", songID: "song1", category: .artwork, description: "cover", planned: eur(50_000))
            ],
            tasks: [
                ProjectTask(
                    id: "t1", personID: "rui", title: "main mix", songID: "song1", deliverable: .mainMix,
                    due: at(5, 12), state: .rejected, findings: ["sample rate 44.1 kHz; the project takes 48 kHz"])
            ])
    }
}

extension TestStudio {
    /// Adds the fixture's project (or `snapshot`) at `location`, returns its studio project.
    func addProject(
        _ snapshot: ProjectSnapshot = PlanFixture.project, location: String? = nil, owner: Account
    ) async throws -> StudioProject {
        let id = Identifier.secret()
        let place = location ?? "memory:\(id)"
        await projects.add(snapshot, at: place)
        let project = StudioProject(id: id, name: snapshot.settings.name, location: place, createdAt: PlanFixture.now)
        try await studio.addProject(
            project, owner: Membership(projectID: id, accountID: owner.id, role: .producer, joinedAt: PlanFixture.now))
        return project
    }

    /// A new account signed in by a Bearer token; returns it and the `Authorization` header.
    func account(_ name: String) async throws -> (account: Account, headers: HTTPFields) {
        let account = Account(
            email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.com", name: name,
            passwordHash: "-", createdAt: PlanFixture.now)
        try await studio.addAccount(account)
        let token = Identifier.secret() + Identifier.secret()
        try await studio.addSignIn(
            SignInSession(
                tokenHash: TestStudio.sha256(token), accountID: account.id, createdAt: PlanFixture.now,
                expiresAt: PlanFixture.now.addingTimeInterval(86_400 * 365)))
        return (account, [.authorization: "Bearer \(token)"])
    }

    /// `account` joins `project` as `role`, as `person` of the project when given.
    func join(_ account: Account, _ project: StudioProject, as role: StudioRole, person: String? = nil) async throws {
        try await studio.setMembership(
            Membership(
                projectID: project.id, accountID: account.id, role: role, personID: person, joinedAt: PlanFixture.now))
    }
}

extension HTTPFields {
    /// These headers with `Content-Type: type`.
    func sending(_ type: String) -> HTTPFields {
        var fields = self
        fields[.contentType] = type
        return fields
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) }
}
