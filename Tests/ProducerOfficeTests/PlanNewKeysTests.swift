import Foundation
import ProducerOffice
import Testing

/// The plan's newer keys: songs' ratings, energy and codes, people's styles, `project:` and
/// `budget:`, read with the same care as the older ones.
@Suite struct PlanNewKeysTests {
    static let settings = ProjectSettings(name: "Test", currency: "EUR", timeZone: "Europe/Berlin")

    static let plan = """
        project: { maxWorkPerDay: 9h, break: 45m, latenessPenalty: 150, start: 2027-03-01 }
        songs:
          - { id: s1, title: Night Trains, ratings: { artist: 8, producer: 7, market: 6 }, energy: 6,
              isrc: dea122700001, iswc: T0345246801 }
        people:
          - { name: Lena Roth, roles: [backup singer], styles: [Soul, gospel, soul], rate: { amount: 60, per: hour } }
        budget:
          - { song: Night Trains, category: musicians, amount: 2500, description: strings }
          - { id: art, category: artwork, amount: "600.50" }
        """

    func read(_ yaml: String) throws(ProjectPlanError) -> ProjectPlan {
        try ProjectPlan(yaml: yaml, path: "album.yaml", settings: Self.settings)
    }

    func failure(_ yaml: String) -> ProjectPlanError? {
        var project = ProjectSnapshot(settings: Self.settings)
        do {
            _ = try read(yaml).apply(to: &project)
            return nil
        } catch { return error }
    }

    @Test func readsTheNewKeys() throws {
        var project = ProjectSnapshot(settings: Self.settings)
        let report = try read(Self.plan).apply(to: &project)
        let song = try #require(project.songs.first)
        #expect(song.ratings == Song.Ratings(artist: 8, producer: 7, market: 6))
        #expect(song.energy == 6)
        // Stored in display form.
        #expect(song.isrc == "DE-A12-27-00001")
        #expect(song.iswc == "T-034.524.680-1")
        #expect(project.people[0].styles == ["soul", "gospel"])
        #expect(project.settings.maxWorkMinutesPerDay == 540)
        #expect(project.settings.breakMinutes == 45)
        #expect(project.settings.latenessPenaltyPerDay == Money(minorUnits: 15_000, currency: "EUR"))
        let start = try OfficeJobs.date("2027-03-01", timeZone: "Europe/Berlin", option: "start")
        #expect(project.settings.planStart == start)
        #expect(project.budget.count == 2)
        #expect(project.budget[0].songID == "s1")
        #expect(project.budget[0].category == .musicians)
        #expect(project.budget[0].planned.minorUnits == 250_000)
        #expect(project.budget[0].id == "s1-musicians-strings")
        #expect(project.budget[1].id == "art")
        #expect(project.budget[1].planned.minorUnits == 60_050)
        #expect(report.budget.added.count == 2)
        #expect(report.settings.count == 4)
    }

    @Test func importingAgainUpdatesTheBudgetLinesInPlace() throws {
        var project = ProjectSnapshot(settings: Self.settings)
        _ = try read(Self.plan).apply(to: &project)
        let changed = Self.plan.replacingOccurrences(of: "amount: 2500", with: "amount: 2700")
        let report = try read(changed).apply(to: &project)
        #expect(project.budget.count == 2)
        #expect(project.budget[0].planned.minorUnits == 270_000)
        #expect(report.budget.updated.count == 1)
        #expect(report.budget.unchanged.count == 1)
        #expect(report.settings.isEmpty)
    }

    @Test(arguments: [
        (
            "songs:\n  - { title: A, ratings: { artist: 11 } }",
            "album.yaml:2:35: songs[0].ratings.artist: 11 is out of range (1 to 10)"
        ),
        (
            "songs:\n  - { title: A, ratings: { fans: 3 } }",
            "album.yaml:2:27: songs[0].ratings.fans: unknown key; expected one of artist, market, producer"
        ),
        ("songs:\n  - { title: A, energy: 0 }", "album.yaml:2:25: songs[0].energy: 0 is out of range (1 to 10)"),
        (
            "songs:\n  - { title: A, isrc: DE-A12-27-0001 }",
            "album.yaml:2:23: songs[0].isrc: \"DE-A12-27-0001\" is not an ISRC: has 11 letters and digits, not 12 (e.g. DE-A12-27-00001)"
        ),
        (
            "songs:\n  - { title: A, iswc: T-034.524.680-2 }",
            "album.yaml:2:23: songs[0].iswc: \"T-034.524.680-2\" is not an ISWC: its check digit is 2, but the nine digits before it give 1"
        ),
        (
            "project: { breaks: 45m }",
            "album.yaml:1:12: project.breaks: unknown key; expected one of break, deadline, latenessPenalty, maxWorkPerDay, start"
        ),
        (
            "project: { maxWorkPerDay: 30h }",
            "album.yaml:1:27: project.maxWorkPerDay: \"30h\" is not a length of time; write 6h, 1h30m, 90m or 360 (minutes), at most 24h"
        ),
        (
            "project: { start: 2027-02-30 }",
            "album.yaml:1:19: project.start: \"2027-02-30\" is not a date; write yyyy-mm-dd (2027-03-08) or a time (2027-03-08T14:00)"
        ),
        (
            "budget:\n  - { category: catering, amount: 100 }",
            "album.yaml:2:17: budget[0].category: \"catering\" is not one of studio, musicians, engineering, mixing, mastering, equipment, travel, artwork, marketing, contingency"
        ),
        (
            "budget:\n  - { song: Nowhere, category: travel, amount: 100 }",
            "album.yaml:2:13: budget[0].song: no song \"Nowhere\" in the plan or the project"
        ),
        ("budget:\n  - { category: travel }", "album.yaml:2:5: budget[0].amount: is missing (e.g. amount: 2500)"),
        (
            "people:\n  - { name: A, roles: [x], rate: { amount: 1, per: hour }, styles: soul }",
            "album.yaml:2:64: people[0].styles: must be a list"
        ),
    ])
    func mistakesNameTheLineAndKey(yaml: String, expected: String) {
        #expect(failure(yaml)?.description == expected)
    }
}
