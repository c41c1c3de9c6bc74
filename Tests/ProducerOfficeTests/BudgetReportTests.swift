import Foundation
import ProducerOffice
import Testing

/// A small album worked by hand (EUR, example union rates).
///
/// Room "Live" €50.00/hour (day €400.00). Ana, engineer, €40.00/hour, 4 h minimum. Bo, drummer,
/// €300.00/session. Cy, strings, union (scale). Di, backup singer, €80.00/hour, hired by an
/// accepted offer of €500.00 for T1.
///
/// T1 (tracking, Slow Signal) 10:00–13:00, cost €890.00, people Ana, Bo, Di. From the rates:
/// room 3 h × €50 = €150.00, Ana max(3, 4) h × €40 = €160.00, Bo €300.00, Di 3 × €80 = €240.00:
/// €850.00; the €40.00 left (a lateness penalty) goes to the room: €190.00. Di is paid by the
/// offer, so T1 commits studio €190.00, engineering €160.00, musicians €300.00.
///
/// T2 (overdub, Slow Signal) 14:00–17:30, cost €500.00, Cy. Room 3.5 h × €50 = €175.00, Cy €200.00
/// (session rate): €375.00; the room takes the €125.00 left: €300.00. Cy is union: 240 s of music,
/// 1 session, 30 min over = 1 half hour; leader €860.00 + overtime €215.00 = €1,075.00, pension
/// 13 % = €139.75, H&W €26.00: €1,240.75 to musicians instead of Cy's €200.00.
///
/// T3 (tracking, Northern Line) cancelled with a €100.00 fee: studio, Northern Line, €100.00 (no
/// line for it). Offer: musicians, Slow Signal, €500.00.
///
/// Expenses: €190.00 studio covering T1 (its studio part: committed €190.00 → actual); €1,200.00
/// artwork for the album.
///
/// Lines and figures (forecast = actual + committed + the plan's rest while not done):
///   Studio — Slow Signal       plan 400.00  committed 300.00   actual 190.00   forecast 490.00
///   Strings and players — SS   plan 1,500   committed 2,040.75 (300 + 1,240.75 + 500)  forecast 2,040.75
///   Engineering — album        plan 300.00  committed 160.00 (SS has no line: album-wide)  forecast 300.00
///   Artwork — album            plan 1,000   actual 1,200.00                  forecast 1,200.00
///   Studio — Northern Line     plan 0       committed 100.00                 forecast 100.00
/// Total: plan 3,200.00, committed 2,600.75, actual 1,390.00, forecast 4,130.75, variance −930.75.
@Suite struct BudgetReportTests {
    static let day = Date(timeIntervalSince1970: 1_799_971_200)  // a UTC midnight (2027-01-15)
    static func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "EUR") }
    static func at(_ hours: Double) -> Date { day.addingTimeInterval(hours * 3600) }

    static func project() -> ProjectSnapshot {
        let open = Availability(timeZone: "UTC")
        let slow = Song(id: "ss", title: "Slow Signal", lengthSeconds: 240)
        let northern = Song(id: "nl", title: "Northern Line")
        let room = Room(
            id: "live", name: "Live", hourlyRate: eur(5_000), dailyRate: eur(40_000), capacity: 8, openingHours: open)
        let studio = Studio(id: "rd", name: "Red Door", timeZone: "UTC", rooms: [room])
        let people = [
            Person(
                id: "ana", name: "Ana", roles: [.engineer], rate: Rate(eur(4_000), per: .hour, minimumHours: 4),
                availability: open),
            Person(id: "bo", name: "Bo", roles: [.drummer], rate: Rate(eur(30_000), per: .session), availability: open),
            Person(
                id: "cy", name: "Cy", roles: [.strings], rate: Rate(eur(20_000), per: .session), availability: open,
                unionScale: "AFM scale"),
            Person(
                id: "di", name: "Di", roles: [.backupSinger], rate: Rate(eur(8_000), per: .hour), availability: open),
        ]
        let sessions = [
            StudioSession(
                id: "t1", songID: "ss", kind: .tracking, title: "Tracking — Slow Signal", needs: [.init(.drummer)],
                people: ["ana"], durationMinutes: 180),
            StudioSession(
                id: "t2", songID: "ss", kind: .overdub, title: "Strings — Slow Signal", people: ["cy"],
                durationMinutes: 210),
            StudioSession(
                id: "t3", songID: "nl", kind: .tracking, title: "Tracking — Northern Line", durationMinutes: 240),
        ]
        let bookings = [
            Booking(
                id: "b1", sessionID: "t1", roomID: "live", start: at(10), end: at(13), people: ["ana", "bo", "di"],
                cost: eur(89_000)),
            Booking(
                id: "b2", sessionID: "t2", roomID: "live", start: at(14), end: at(17.5), people: ["cy"],
                cost: eur(50_000)),
            Booking(
                id: "b3", sessionID: "t3", roomID: "live", start: at(34), end: at(38), people: [], status: .cancelled,
                cost: eur(20_000), cancellationFee: eur(10_000)),
        ]
        let offers = [
            Offer(
                id: "o1", personID: "di", role: .backupSinger, sessionIDs: ["t1"], fee: eur(50_000), sentAt: at(-48),
                answerBy: at(-24), status: .accepted, answeredAt: at(-30)),
            // Declined and expired offers commit nothing
            Offer(
                id: "o2", personID: "bo", role: .drummer, sessionIDs: ["t2"], fee: eur(99_900), sentAt: at(-48),
                answerBy: at(-24), status: .declined),
            Offer(
                id: "o3", personID: "bo", role: .drummer, sessionIDs: ["t2"], fee: eur(99_900), sentAt: at(-48),
                answerBy: at(-24)),
        ]
        let budget = [
            BudgetLine(id: "l1", songID: "ss", category: .studio, planned: eur(40_000)),
            BudgetLine(
                id: "l2", songID: "ss", category: .musicians, description: "Strings and players", planned: eur(150_000)),
            BudgetLine(id: "l3", category: .engineering, planned: eur(30_000)),
            BudgetLine(id: "l4", category: .artwork, description: "Artwork", planned: eur(100_000)),
        ]
        let expenses = [
            Expense(
                id: "e1", date: at(20), category: .studio, description: "Red Door invoice", amount: eur(19_000),
                covers: "b1"),
            Expense(id: "e2", date: at(21), category: .artwork, description: "Cover photo", amount: eur(120_000)),
        ]
        return ProjectSnapshot(
            settings: ProjectSettings(name: "Test", currency: "EUR", timeZone: "UTC"), songs: [slow, northern],
            people: people, studios: [studio], sessions: sessions, bookings: bookings, budget: budget,
            expenses: expenses,
            offers: offers)
    }

    func cents(_ f: BudgetReport.Figures) -> [Int64] {
        [f.plan, f.committed, f.actual, f.variance, f.forecast].map(\.minorUnits)
    }

    @Test func bookingsSplitIntoRoomAndPeopleToTheCent() throws {
        let commitments = Commitment.all(in: Self.project(), now: Self.at(30))
        #expect(commitments.map(\.id) == ["b1", "b2", "b3", "o1"])
        let t1 = commitments[0]
        #expect(t1.parts.map(\.amount.minorUnits) == [19_000, 16_000, 30_000])
        #expect(t1.parts.map(\.category) == [.studio, .engineering, .musicians])
        let t2 = commitments[1]
        #expect(t2.parts.map(\.amount.minorUnits) == [30_000, 124_075])
        #expect(t2.scale?.total.minorUnits == 124_075)
        #expect(t2.scale?.lines.map(\.amount.minorUnits) == [86_000, 21_500, 13_975, 2_600])
        #expect(commitments[2].parts.map(\.amount.minorUnits) == [10_000])
        #expect(commitments[3].amount.minorUnits == 50_000)
    }

    @Test func aSharedDayMakesTheSplitProportional() throws {
        // Shares from the rates (room €150.00 + Ana €160.00 + Bo €300.00 + Di €240.00 = €850.00)
        // above a cost of €425.00: split in proportion by largest remainder.
        // 42,500 × 15,000 / 85,000 = 7,500; × 16,000 / 85,000 = 8,000; × 30,000 / 85,000 = 15,000;
        // × 24,000 / 85,000 = 12,000 — Di's then drops out (paid by the offer).
        var project = Self.project()
        project.bookings[0].cost = Self.eur(42_500)
        let t1 = Commitment.all(in: project, now: Self.at(30))[0]
        #expect(t1.parts.map(\.amount.minorUnits) == [7_500, 8_000, 15_000])
        // €425.01: the odd cent goes to the largest remainder (each share's is 15,000/85,000…)
        project.bookings[0].cost = Self.eur(42_501)
        let odd = Commitment.all(in: project, now: Self.at(30))[0]
        #expect(odd.parts.map(\.amount.minorUnits).reduce(0, +) + 12_000 == 42_501)
    }

    @Test func handWorkedReport() throws {
        let report = BudgetReport(project: Self.project(), now: Self.at(30))
        #expect(
            report.lines.map(\.label) == [
                "Studio — Slow Signal", "Strings and players — Slow Signal", "Engineering — album", "Artwork — album",
                "Studio — Northern Line",
            ])
        #expect(
            report.lines.map { cents($0.figures) } == [
                [40_000, 30_000, 19_000, -9_000, 49_000],
                [150_000, 204_075, 0, -54_075, 204_075],
                [30_000, 16_000, 0, 0, 30_000],
                [100_000, 0, 120_000, -20_000, 120_000],
                [0, 10_000, 0, -10_000, 10_000],
            ])
        #expect(report.songs.map(\.label) == ["Slow Signal", "Northern Line", "Album"])
        #expect(
            report.songs.map { cents($0.figures) } == [
                [190_000, 234_075, 19_000, -63_075, 253_075],
                [0, 10_000, 0, -10_000, 10_000],
                [130_000, 16_000, 120_000, -20_000, 150_000],
            ])
        #expect(report.categories.map(\.label) == ["Studio", "Musicians", "Engineering", "Artwork"])
        #expect(report.categories[0].figures.forecast.minorUnits == 59_000)
        #expect(cents(report.total) == [320_000, 260_075, 139_000, -413_075 + 320_000, 413_075])
        #expect(
            report.warnings == [
                "Studio — Slow Signal: forecast €490.00 is €90.00 (22.5 %) over the €400.00 planned",
                "Strings and players — Slow Signal: forecast €2,040.75 is €540.75 (36.1 %) over the €1,500.00 planned",
                "Artwork — album: forecast €1,200.00 is €200.00 (20.0 %) over the €1,000.00 planned",
                "Studio — Northern Line: €100.00 committed with no budget line",
                "Slow Signal: forecast €2,530.75 is €630.75 (33.2 %) over the €1,900.00 planned",
                "Northern Line: forecast €100.00 with nothing planned",
                "Album as a whole: forecast €1,500.00 is €200.00 (15.4 %) over the €1,300.00 planned",
                "Studio (all songs): forecast €590.00 is €190.00 (47.5 %) over the €400.00 planned",
                "Musicians (all songs): forecast €2,040.75 is €540.75 (36.1 %) over the €1,500.00 planned",
                "Artwork (all songs): forecast €1,200.00 is €200.00 (20.0 %) over the €1,000.00 planned",
                "The whole budget: forecast €4,130.75 is €930.75 (29.1 %) over the €3,200.00 planned",
            ])
    }

    @Test func anExpenseCoveringACommitmentMovesItToActual() throws {
        var project = Self.project()
        // Before: no expense on the offer; €500.00 committed in the musicians line
        let before = BudgetReport(project: project, now: Self.at(30))
        // €300.00 paid on the €500.00 offer: €200.00 stays committed, €300.00 is actual
        project.expenses.append(
            Expense(
                id: "e3", date: Self.at(22), songID: "ss", category: .musicians, description: "Di, deposit",
                amount: Self.eur(30_000), covers: "o1"))
        let after = BudgetReport(project: project, now: Self.at(30))
        #expect(after.lines[1].figures.committed.minorUnits == before.lines[1].figures.committed.minorUnits - 30_000)
        #expect(after.lines[1].figures.actual.minorUnits == 30_000)
        #expect(after.lines[1].figures.forecast == before.lines[1].figures.forecast)
        // Paying €600.00 more than is committed: the rest is actual in the expense's own line
        project.expenses.append(
            Expense(
                id: "e4", date: Self.at(23), songID: "ss", category: .musicians, description: "Di, rest",
                amount: Self.eur(80_000), covers: "o1"))
        let paid = BudgetReport(project: project, now: Self.at(30))
        #expect(paid.lines[1].figures.committed.minorUnits == 154_075)
        #expect(paid.lines[1].figures.actual.minorUnits == 110_000)
        #expect(paid.total.forecast.minorUnits == before.total.forecast.minorUnits + 60_000)
    }

    @Test func finishedWorkDropsThePlansRest() throws {
        // Engineering's album line forecast €300.00 while tracking goes on; when every tracking
        // and overdub session is done it falls to what was spent: €160.00.
        var project = Self.project()
        for i in project.sessions.indices { project.sessions[i].isDone = true }
        let report = BudgetReport(project: project, now: Self.at(30))
        #expect(report.lines[2].figures.forecast.minorUnits == 16_000)
        #expect(report.lines[2].figures.variance.minorUnits == 14_000)
        // Artwork is never done by sessions: its plan stays
        #expect(report.lines[3].figures.forecast.minorUnits == 120_000)
    }

    @Test func onlyOneSong() throws {
        // Slow Signal's two lines, and its engineering (€160.00, kept in the album's engineering
        // line) shown beside them with no plan of its own: plan €1,900.00, committed €2,340.75 +
        // €160.00, actual €190.00, forecast €2,530.75 + €160.00 = €2,690.75.
        let report = BudgetReport(project: Self.project(), now: Self.at(30)).only(songID: "ss")
        #expect(
            report.lines.map(\.label) == [
                "Studio — Slow Signal", "Strings and players — Slow Signal",
                "Engineering — Slow Signal (on the album's line)",
            ])
        #expect(cents(report.lines[2].figures) == [0, 16_000, 0, -16_000, 16_000])
        #expect(cents(report.total) == [190_000, 250_075, 19_000, -79_075, 269_075])
        #expect(report.songs.map { cents($0.figures) } == [cents(report.total)])
        #expect(report.csv.rows.count == 3 + 1 + 3 + 1)
        // No warning that the engineering has no line: it has the album's
        #expect(!report.warnings.contains { $0.contains("no budget line") })
        #expect(
            report.warnings.last
                == "The whole budget: forecast €2,690.75 is €790.75 (41.6 %) over the €1,900.00 planned")
    }

    @Test func anEmptyProjectHasNothingToWarnAbout() {
        let report = BudgetReport(project: ProjectSnapshot(settings: ProjectSettings(name: "E")), now: Date())
        #expect(report.warnings.isEmpty && report.lines.isEmpty && report.total.forecast.minorUnits == 0)
        #expect(report.text.contains("No budget lines yet"))
    }
}
