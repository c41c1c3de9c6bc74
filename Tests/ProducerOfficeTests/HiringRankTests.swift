import Foundation
import ProducerOffice
import Testing

/// `Hiring.rank` on a small roster in UTC, the order and points worked by hand: role 25 (related
/// 10), availability 30 × (free 1, part ½, busy 0), rate 20 × cheapest ÷ cost, style 15, past work
/// 2.5 each up to 10. A needed day is 8 hours at an hourly rate.
@Suite struct HiringRankTests {
    static let calendar = Calendar.gregorian(timeZone: "UTC")
    /// Tuesday 2 March 2027, 00:00 UTC.
    static let tuesday = calendar.date(from: DateComponents(year: 2027, month: 3, day: 2))!

    static func at(_ hour: Int, day: Int = 2) -> Date {
        calendar.date(from: DateComponents(year: 2027, month: 3, day: day, hour: hour))!
    }

    static func eur(_ euros: Int64) -> Money { Money(minorUnits: euros * 100, currency: "EUR") }

    /// A singer free Tuesday to Saturday 14:00–22:00 (UTC) at `euros` an hour.
    static func singer(
        _ name: String, euros: Int64, minimumHours: Double = 0, styles: [String] = [],
        busy: [Availability.Exception] = [], roles: [Role] = [.backupSinger]
    ) -> Person {
        var availability = Availability.daily(
            from: 14 * 60, to: 22 * 60, timeZone: "UTC", except: [.sunday, .monday])
        availability.exceptions = busy
        return Person(
            id: name.lowercased(), name: name, roles: roles,
            rate: Rate(eur(euros), per: .hour, minimumHours: minimumHours), availability: availability,
            styles: styles)
    }

    static func project(_ people: [Person], sessions: [StudioSession] = [], bookings: [Booking] = [])
        -> ProjectSnapshot
    {
        ProjectSnapshot(
            settings: ProjectSettings(name: "Test", currency: "EUR", timeZone: "UTC"), people: people,
            sessions: sessions, bookings: bookings)
    }

    @Test("the only singer free on the day ranks first despite a higher rate")
    func freeBeatsCheap() throws {
        // Given Ana (€60/h, free Tuesday) and Bea (€40/h, away all Tuesday)
        let away = Availability.Exception(start: Self.at(0), end: Self.at(0, day: 3), note: "tour")
        let roster = [Self.singer("Ana", euros: 60), Self.singer("Bea", euros: 40, busy: [away])]
        // When a backup singer is wanted for that Tuesday
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, days: [Self.tuesday]), in: Self.project(roster))
        // Then Ana: 25 + 30 + 20 × 320/480 = 68.3 and Bea: 25 + 0 + 20 = 45
        #expect(ranking.candidates.map(\.name) == ["Ana", "Bea"])
        #expect(ranking.candidates.map(\.score) == [68.3, 45])
        let ana = ranking.candidates[0]
        #expect(ana.cost == Self.eur(480) && ranking.candidates[1].cost == Self.eur(320))
        #expect(ana.points == .init(role: 25, availability: 30, rate: 13.3, style: 0, pastWork: 0))
        #expect(ana.reasons.contains("free all day Tue 2 Mar 2027 (14:00–22:00)"), "\(ana.reasons)")
        #expect(ana.reasons.contains("€480.00 for 1 day of 8 h: 8 h at €60.00/hour (the cheapest costs €320.00)"))
        #expect(ranking.candidates[1].reasons.contains("busy Tue 2 Mar 2027 (tour)"))
    }

    @Test("part of the day counts half; the soul singers rank above the country one")
    func partOfTheDayAndStyle() throws {
        // Given Ana (€60/h, soul, free), Cleo (€40/h, soul, away 14:00–18:00), Bea (€40/h, country, away)
        let rehearsal = Availability.Exception(start: Self.at(14), end: Self.at(18), note: "rehearsal")
        let away = Availability.Exception(start: Self.at(0), end: Self.at(0, day: 3), note: "tour")
        let roster = [
            Self.singer("Bea", euros: 40, styles: ["country"], busy: [away]),
            Self.singer("Cleo", euros: 40, styles: ["soul", "gospel"], busy: [rehearsal]),
            Self.singer("Ana", euros: 60, styles: ["soul"]),
        ]
        // When a soul backup singer is wanted on Tuesday
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, style: "Soul", days: [Self.tuesday]), in: Self.project(roster))
        // Then Ana 25+30+13.3+15 = 83.3, Cleo 25+15+20+15 = 75, Bea 25+0+20+0 = 45
        #expect(ranking.candidates.map(\.name) == ["Ana", "Cleo", "Bea"])
        #expect(ranking.candidates.map(\.score) == [83.3, 75, 45])
        let cleo = ranking.candidates[1]
        #expect(cleo.availability.map(\.fit) == [.part])
        #expect(cleo.reasons.contains("free part of Tue 2 Mar 2027: 18:00–22:00 (rehearsal)"), "\(cleo.reasons)")
        #expect(cleo.reasons.contains("soul is one of their styles (soul, gospel)"))
        #expect(ranking.candidates[2].reasons.contains("soul is not among their styles (country)"))
    }

    @Test("style alone moves a singer up, past the name order")
    func styleDecides() {
        // Given two singers alike but for their style, the country one first by name
        let roster = [
            Self.singer("Amy", euros: 50, styles: ["country"]), Self.singer("Zoe", euros: 50, styles: ["soul"]),
        ]
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, style: "soul", days: [Self.tuesday]), in: Self.project(roster))
        // Then Zoe (90) ranks above Amy (75)
        #expect(ranking.candidates.map(\.name) == ["Zoe", "Amy"])
        #expect(ranking.candidates.map(\.score) == [90, 75])
        // And without a style asked they tie at 75 and go by name
        let plain = Hiring.rank(HiringRequest(role: .backupSinger, days: [Self.tuesday]), in: Self.project(roster))
        #expect(plain.candidates.map(\.name) == ["Amy", "Zoe"])
        #expect(plain.candidates.map(\.score) == [75, 75])
    }

    @Test("past work on the project moves a singer up: 2.5 per session done or confirmed booking")
    func pastWorkDecides() {
        // Given Ava and Yara alike, Yara on a done session and on a confirmed booking on Friday
        let done = StudioSession(id: "s1", kind: .vocals, title: "BVs — One", people: ["yara"], durationMinutes: 180,
            isDone: true)
        let later = StudioSession(id: "s2", kind: .vocals, title: "BVs — Two", durationMinutes: 180)
        let friday = Booking(
            sessionID: "s2", roomID: "r", start: Self.at(15, day: 5), end: Self.at(18, day: 5), people: ["yara"],
            status: .confirmed, cost: Self.eur(0))
        let roster = [Self.singer("Ava", euros: 50), Self.singer("Yara", euros: 50)]
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, days: [Self.tuesday]),
            in: Self.project(roster, sessions: [done, later], bookings: [friday]))
        // Then Yara 75 + 5 = 80 ranks above Ava 75
        #expect(ranking.candidates.map(\.name) == ["Yara", "Ava"])
        #expect(ranking.candidates.map(\.score) == [80, 75])
        #expect(ranking.candidates[0].pastWork == 2)
        #expect(
            ranking.candidates[0].reasons.contains(
                "past work: 1 session done on the project (BVs — One); 1 confirmed booking (BVs — Two)"))
        #expect(ranking.candidates[1].reasons.contains("no work on the project yet"))
    }

    @Test("over the budget scores no rate points")
    func budget() {
        let roster = [Self.singer("Ana", euros: 60), Self.singer("Bea", euros: 40)]
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, days: [Self.tuesday], budget: Self.eur(400)), in: Self.project(roster))
        // Then Bea (€320, 75) ranks above Ana (€480 over €400: 25 + 30 + 0 = 55)
        #expect(ranking.candidates.map(\.name) == ["Bea", "Ana"])
        #expect(ranking.candidates.map(\.score) == [75, 55])
        #expect(ranking.candidates[1].reasons.contains { $0.hasSuffix("over the budget of €400.00 by €80.00") })
        #expect(ranking.candidates[0].reasons.contains { $0.hasSuffix("within the budget of €400.00, €80.00 to spare") })
    }

    @Test("a related role is shown as could also, with 10 role points; other roles are left out")
    func relatedRole() {
        // Given a lead singer free and cheap, a backup singer away, and a drummer
        let away = Availability.Exception(start: Self.at(0), end: Self.at(0, day: 3), note: "tour")
        let roster = [
            Self.singer("Lia", euros: 40, roles: ["lead singer"]), Self.singer("Bea", euros: 40, busy: [away]),
            Self.singer("Dan", euros: 10, roles: [.drummer]),
        ]
        let ranking = Hiring.rank(HiringRequest(role: .backupSinger, days: [Self.tuesday]), in: Self.project(roster))
        // Then Lia 10 + 30 + 20 = 60 ranks above Bea 25 + 0 + 20 = 45; Dan is not shown
        #expect(ranking.candidates.map(\.name) == ["Lia", "Bea"])
        #expect(ranking.candidates.map(\.score) == [60, 45])
        #expect(ranking.candidates.map(\.couldAlso) == [true, false])
        #expect(ranking.others == 1)
        #expect(ranking.candidates[0].reasons[0] == "could also: plays lead singer, not backup singer")
        #expect(ranking.text().contains("1. Lia (could also) — 60 points, €320.00"))
    }

    @Test("with sessions: the cost is their lengths with the minimum call, the time is their booking")
    func sessions() {
        // Given a 3-hour session booked Tuesday 15:00–18:00 and Bea booked elsewhere 17:00–19:00
        let bvs = StudioSession(id: "bvs", kind: .vocals, title: "BVs", durationMinutes: 180)
        let other = StudioSession(id: "other", kind: .vocals, title: "Choir", durationMinutes: 120)
        let bookings = [
            Booking(sessionID: "bvs", roomID: "r", start: Self.at(15), end: Self.at(18), people: [], cost: Self.eur(0)),
            Booking(
                sessionID: "other", roomID: "r", start: Self.at(17), end: Self.at(19), people: ["bea"],
                cost: Self.eur(0)),
        ]
        let roster = [Self.singer("Ana", euros: 60, minimumHours: 3), Self.singer("Bea", euros: 40, minimumHours: 4)]
        let ranking = Hiring.rank(
            HiringRequest(role: .backupSinger, sessionIDs: ["bvs"]),
            in: Self.project(roster, sessions: [bvs, other], bookings: bookings))
        // Then Ana €180 (3 h), free: 25 + 30 + 20 × 160/180 = 72.8; Bea €160 (4 h minimum), part: 25 + 15 + 20 = 60
        #expect(ranking.candidates.map(\.name) == ["Ana", "Bea"])
        #expect(ranking.candidates.map(\.cost) == [Self.eur(180), Self.eur(160)])
        #expect(ranking.candidates.map(\.score) == [72.8, 60])
        #expect(ranking.candidates[1].availability.map(\.fit) == [.part])
        #expect(ranking.candidates[1].reasons.contains { $0.contains("booked for Choir 17:00–18:00") })
        #expect(ranking.needed == ["BVs (Tue 2 Mar 2027 15:00–18:00)"])
    }

    @Test("day, session and flat rates turn into the fee for the needed time")
    func rateUnits() {
        func person(_ rate: Rate) -> Person {
            Person(id: "p", name: "P", roles: [.bassist], rate: rate, availability: Availability(timeZone: "UTC"))
        }
        let days = [Self.tuesday, Self.tuesday.addingTimeInterval(86_400)]
        let rank = { (rate: Rate) in
            Hiring.rank(HiringRequest(role: .bassist, days: days), in: Self.project([person(rate)])).candidates[0]
        }
        #expect(rank(Rate(Self.eur(480), per: .day)).cost == Self.eur(960))
        #expect(rank(Rate(Self.eur(320), per: .session)).cost == Self.eur(640))
        #expect(rank(Rate(Self.eur(1200), per: .flat)).cost == Self.eur(1200))
        // €55.55/h × 2 days of 8 h = €888.80; with a 10-hour minimum call, 20 h = €1,111.00
        #expect(rank(Rate(Money(minorUnits: 5555, currency: "EUR"), per: .hour)).cost.minorUnits == 88_880)
        #expect(
            rank(Rate(Money(minorUnits: 5555, currency: "EUR"), per: .hour, minimumHours: 10)).cost.minorUnits
                == 111_100)
    }
}
