import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

/// `producer budget`, `budget add`, `budget scale` and `expenses` on the example album
/// (Examples/album.yaml), scheduled first so that it has bookings.
@Suite("budget commands", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct BudgetCommandTests {
    /// The album, scheduled, with two planned lines for Slow Signal.
    static func scheduledAlbum() async throws -> String {
        let project = try await albumProject()
        let scheduled = try await producer([
            "schedule", "--from", "2027-03-01", "--time-limit", "0.3", "--project", project,
        ])
        #expect(scheduled.status == 0, "\(scheduled.err)")
        for (category, amount, description) in [("studio", "100", "Studio time"), ("musicians", "5000", "Players")] {
            let added = try await producer([
                "budget", "add", "--category", category, "--amount", amount, "--song", "Slow Signal", "--description",
                description, "--project", project,
            ])
            #expect(added.status == 0, "\(added.err)")
        }
        return project
    }

    static func report(_ project: String, _ extra: [String] = []) async throws -> BudgetReport {
        let r = try await producer(["budget", "--json", "--project", project] + extra)
        #expect(r.status == 0, "\(r.err)")
        return try JSONDecoder().decode(BudgetReport.self, from: Data(r.out.utf8))
    }

    @Test("the CSV read back by Python's csv matches the JSON to the cent; an existing CSV needs --force")
    func csvMatchesJSON() async throws {
        guard Python.canImport("csv", "json", "decimal") else {
            Issue.record("python3 is needed (skipped)")
            return
        }
        let project = try await Self.scheduledAlbum()
        let csv = try temporaryDirectory() + "/budget, \"Night Trains\".csv"
        let written = try await producer(["budget", "--csv", csv, "--project", project])
        #expect(written.status == 0, "\(written.err)")
        let report = try await Self.report(project)
        let rows = try Python.json(
            """
            import csv, json, sys
            from decimal import Decimal
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                rows = list(csv.DictReader(f, strict=True))
            out = []
            for r in rows:
                cents = [int(Decimal(r[k]) * 100) for k in ('plan', 'committed', 'actual', 'variance', 'forecast')]
                out.append([r['level'], r['label'], r['currency']] + [str(c) for c in cents])
            print(json.dumps(out))
            """, arguments: [csv], as: [[String]].self)
        func cents(_ level: String, _ label: String, _ f: BudgetReport.Figures) -> [String] {
            [level, label, "EUR"] + [f.plan, f.committed, f.actual, f.variance, f.forecast].map { "\($0.minorUnits)" }
        }
        var expected = report.lines.map { cents("line", $0.label, $0.figures) }
        expected += report.songs.map { cents("song", $0.label, $0.figures) }
        expected += report.categories.map { cents("category", $0.label, $0.figures) }
        expected.append(cents("total", "Total", report.total))
        #expect(rows == expected)
        // Bookings are committed: the album's total committed is more than nothing
        #expect(report.total.committed.minorUnits > 0)
        #expect(rows.count > 8)
        // Writing again without --force is refused, naming the file; with it, it is replaced
        let again = try await producer(["budget", "--csv", csv, "--project", project])
        #expect(again.status == 1)
        #expect(again.err.contains(csv) && again.err.contains("--force"), "\(again.err)")
        #expect(try await producer(["budget", "--csv", csv, "--force", "--project", project]).status == 0)
    }

    @Test("an expense covering a booking moves its amount from committed to actual")
    func expenseCoveringABooking() async throws {
        let project = try await Self.scheduledAlbum()
        let before = try await Self.report(project)
        let list = try await bookings(project)
        let strings = try #require(list.first { $0.session == "Strings — Slow Signal" })
        let commitment = try #require(before.commitments.first { $0.id == strings.bookingID })
        let studioPart = try #require(commitment.parts.first { $0.category == .studio })
        // The room's share of the booking, paid with a receipt in the project folder
        let receipt = project + "/hall-invoice.pdf"
        try Data("%PDF-1.4".utf8).write(to: URL(fileURLWithPath: receipt))
        let amount = BudgetReport.decimal(studioPart.amount)
        let added = try await producer([
            "expenses", "add", amount, "--category", "studio", "--description", "Kranich invoice, strings",
            "--song", "Slow Signal", "--covers", strings.bookingID, "--receipt", receipt, "--payee", "Kranich Studios",
            "--json", "--project", project,
        ])
        #expect(added.status == 0, "\(added.err)")
        let expense = try JSONDecoder.iso.decode(Expense.self, from: Data(added.out.utf8))
        #expect(expense.receipt == "hall-invoice.pdf" && expense.covers == strings.bookingID)
        let after = try await Self.report(project)
        let moved = studioPart.amount.minorUnits
        #expect(after.total.committed.minorUnits == before.total.committed.minorUnits - moved)
        #expect(after.total.actual.minorUnits == before.total.actual.minorUnits + moved)
        #expect(after.total.forecast == before.total.forecast)
        let line = try #require(after.lines.first { $0.label == "Studio time — Slow Signal" })
        #expect(line.figures.actual.minorUnits == moved)
        // Listed, then removed: the figures are back where they were
        let listed = try await producer(["expenses", "list", "--project", project])
        #expect(listed.out.contains("Kranich invoice, strings") && listed.out.contains("receipt hall-invoice.pdf"))
        #expect(try await producer(["expenses", "remove", expense.id, "--project", project]).status == 0)
        #expect(try await Self.report(project).total == before.total)
    }

    @Test("a warning names the line, the amount and the percentage when spending passes the plan")
    func overrunWarning() async throws {
        let project = try await Self.scheduledAlbum()
        let report = try await Self.report(project)
        let line = try #require(report.lines.first { $0.label == "Studio time — Slow Signal" })
        // The studio's share of Slow Signal's bookings is far above the €100.00 planned
        #expect(line.figures.forecast.minorUnits > 10_000)
        let over = line.figures.forecast.minorUnits - 10_000
        let text = try await producer(["budget", "--song", "Slow Signal", "--project", project])
        #expect(text.status == 0, "\(text.err)")
        let percent = (over * 1_000 + 5_000) / 10_000
        let expected =
            "Studio time — Slow Signal: forecast \(line.figures.forecast.formatted) is \(Money(minorUnits: over, currency: "EUR").formatted) (\(percent / 10).\(percent % 10) %) over the €100.00 planned"
        #expect(text.out.contains(expected), "\(text.out)")
        #expect(report.warnings.contains(expected))
        // Spending with no line is said too: without the album's studio line, Paper Harbour's
        // studio time has none
        let removed = try await producer(["budget", "remove", "rooms at Kranich and Tideway", "--project", project])
        #expect(removed.status == 0, "\(removed.err)")
        #expect(
            try await Self.report(project).warnings.contains {
                $0.hasPrefix("Studio — Paper Harbour: €") && $0.hasSuffix("committed with no budget line")
            })
    }

    @Test("the strings session's union scale, line by line, in text and JSON")
    func scaleOfTheStringsSession() async throws {
        // The Aurora Quartet (4 union players) for Slow Signal (4:06 of music, 1 session), 3 hours booked:
        //   Aurora Quartet, 1 of 4 as leader: 1 session × €860.00       = €860.00
        //   Aurora Quartet (3 more players): 3 player-sessions × €430  = €1,290.00
        //   Pension 13.00 % of €2,150.00                               = €279.50
        //   Health and welfare: 4 player-sessions × €26.00             = €104.00
        //   Total                                                      = €2,533.50
        let project = try await Self.scheduledAlbum()
        let text = try await producer(["budget", "scale", "Strings — Slow Signal", "--project", project])
        #expect(text.status == 0, "\(text.err)")
        #expect(
            text.out.contains("Aurora Quartet, 1 of 4 as leader (200.00 % of scale): 1 session × €860.00 = €860.00"))
        #expect(text.out.contains("Pension: 13.00 % of €2,150.00 = €279.50"))
        #expect(text.out.contains("Total: €2,533.50"), "\(text.out)")
        let json = try await producer(["budget", "scale", "Strings — Slow Signal", "--json", "--project", project])
        struct Shown: Decodable { var calculation: ScaleCalculation }
        let shown = try JSONDecoder().decode(Shown.self, from: Data(json.out.utf8))
        #expect(shown.calculation.total.minorUnits == 253_350)
        #expect(shown.calculation.lines.map(\.amount.minorUnits) == [86_000, 129_000, 27_950, 10_400])
        // The budget commits the scale for the quartet, not its €900.00 session rate
        let report = try await Self.report(project)
        let strings = try #require(report.commitments.first { $0.title == "Strings — Slow Signal" })
        #expect(strings.parts.contains { $0.what == "union scale" && $0.amount.minorUnits == 253_350 })
    }

    @Test("rates exported, edited and imported back; a bad rates file is refused at its line and column")
    func ratesRoundTrip() async throws {
        let project = try await albumProject()
        let dir = try temporaryDirectory()
        let file = dir + "/rates.yaml"
        #expect(try await producer(["budget", "scale", "--export", file, "--project", project]).status == 0)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "perSession: 430.00", with: "perSession: 500")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await producer(["budget", "scale", "--import", file, "--json", "--project", project])
        #expect(imported.status == 0, "\(imported.err)")
        let rates = try JSONDecoder().decode(UnionScaleRates.self, from: Data(imported.out.utf8))
        #expect(rates.musicians.perSession.minorUnits == 50_000)
        let bad = dir + "/bad.yaml"
        try text.replacingOccurrences(of: "pension: 13.00", with: "pension: lots").write(
            toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await producer(["budget", "scale", "--import", bad, "--project", project])
        #expect(refused.status == 1)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("pension:") }! + 1
        #expect(
            refused.err.contains("\(bad):\(line):12: musicians.pension: \"lots\" is not a percentage"), "\(refused.err)"
        )
    }

    @Test(
        "bad input exits 1 naming the option",
        arguments: [
            (["expenses", "add", "50", "--category", "catering", "--description", "Pizza"], "--category catering"),
            (
                ["expenses", "add", "-5", "--category", "travel", "--description", "Taxi"],
                "AMOUNT must be an amount of 0 or more, not -5"
            ),
            (
                [
                    "expenses", "add", "5", "--category", "travel", "--description", "Taxi", "--receipt",
                    "/nonexistent/taxi.pdf",
                ], "--receipt /nonexistent/taxi.pdf: no such file"
            ),
            (
                ["expenses", "add", "5", "--category", "travel", "--description", "Taxi", "--covers", "nothing-here"],
                "--covers nothing-here"
            ),
            (["budget", "add", "--category", "catering", "--amount", "50"], "--category catering"),
            (
                ["budget", "add", "--category", "studio", "--amount", "-50"],
                "--amount must be an amount of 0 or more, not -50"
            ),
            (["budget", "add", "--category", "studio", "--amount", "50 USD"], "--amount: \"50 USD\" is in USD"),
            (["budget", "--song", "No Such Song"], "--song No Such Song"),
        ])
    func badInput(arguments: [String], message: String) async throws {
        let project = try await albumProject()
        let before = try await Self.report(project)
        let r = try await producer(arguments + ["--project", project])
        #expect(r.status == 1)
        #expect(r.err.contains(message), "\(r.err)")
        // Nothing was recorded: the plan's lines only, nothing spent
        let report = try await Self.report(project)
        #expect(report.lines.map(\.lineID) == before.lines.map(\.lineID) && report.total == before.total)
        #expect(report.total.actual.minorUnits == 0)
    }

    @Test("budget edit changes only what is given; budget remove takes a line off; unknown lines are named")
    func editAndRemoveLines() async throws {
        // Given the album's plan with its budget
        let project = try await albumProject()
        let before = try await Self.report(project)
        let strings = try #require(before.lines.first { $0.label == "strings — Slow Signal" })
        #expect(strings.figures.plan.minorUnits == 400_000)
        // When the strings line gets €4,200.00 and a new description, by its label
        let edited = try await producer([
            "budget", "edit", "strings — Slow Signal", "--amount", "4200", "--description", "string quartet", "--json",
            "--project", project,
        ])
        #expect(edited.status == 0, "\(edited.err)")
        // Then only those change: the plan grows by €200.00, the song and category stay
        let after = try await Self.report(project)
        let line = try #require(after.lines.first { $0.label == "string quartet — Slow Signal" })
        #expect(line.figures.plan.minorUnits == 420_000 && line.category == BudgetCategory.musicians)
        #expect(after.total.plan.minorUnits == before.total.plan.minorUnits + 20_000)
        // When the contingency line is removed, then the plan loses its €2,000.00
        #expect(try await producer(["budget", "remove", "Contingency — album", "--project", project]).status == 0)
        #expect(try await Self.report(project).total.plan.minorUnits == after.total.plan.minorUnits - 200_000)
        // And an unknown line, or a song and the album at once, exit 1 saying so
        let unknown = try await producer(["budget", "remove", "Catering", "--project", project])
        #expect(unknown.status == 1 && unknown.err.contains("no budget line \"Catering\""), "\(unknown.err)")
        let both = try await producer([
            "budget", "edit", "string quartet", "--song", "Blue Hour", "--album", "--project", project,
        ])
        #expect(both.status == 1 && both.err.contains("--song and --album"), "\(both.err)")
    }
}

extension JSONDecoder {
    fileprivate static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

}
