import Foundation
import ProducerJobs
import ProducerOffice
import ProducerStore
import ProducerTestSupport
import Testing

/// The demo's office: its budget, roster and offers, tracklist and deliverables, checked in the
/// project it leaves behind and with outside readers.
@Suite struct DemoOfficeTests {
    @Test(
        "the demo keeps a budget, makes offers, chooses a tracklist and rejects one deliverable",
        .enabled(if: Python.canImport("soundfile"), "python3 cannot import soundfile (pip install soundfile)"))
    func officeOfTheDemo() async throws {
        let report = try await ProduceTests.demo.value
        let office = report.office
        let store = try await ProjectDatabase.open(.sqlite(path: report.project + "/project.sqlite"))
        let project = try await store.snapshot()
        try await store.close()

        // The budget: the plan's lines, two expenses with receipts on disk, spent = their sum to the cent
        #expect(!project.budget.isEmpty)
        #expect(project.expenses.count == 2)
        for expense in project.expenses {
            let receipt = try #require(expense.receipt)
            let path = receipt.hasPrefix("/") ? receipt : report.project + "/" + receipt
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(office.budget.actual.minorUnits == project.expenses.reduce(0) { $0 + $1.amount.minorUnits })
        #expect(office.budget.plan.minorUnits == project.budget.reduce(0) { $0 + $1.planned.minorUnits })
        let deposit = try #require(project.expenses.first { $0.covers != nil })
        #expect(project.bookings.first { $0.id == deposit.covers }?.cost == deposit.amount)

        // The offers: the soul singer ranked above the country singer, accepted and on the session
        // and its booking; the other still waiting, as status says
        let june = try #require(office.hiring.candidates.first { $0.name == "June Okafor" })
        let cass = try #require(office.hiring.candidates.first { $0.name == "Cass Dunne" })
        #expect(june.rank < cass.rank)
        #expect(project.offers.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.accepted, .sent])
        let accepted = try #require(project.offers.first { $0.status == .accepted })
        #expect(accepted.personID == "june-okafor")
        for id in accepted.sessionIDs {
            #expect(project.sessions.first { $0.id == id }?.people.contains("june-okafor") == true)
            #expect(project.activeBooking(of: id)?.people.contains("june-okafor") == true)
        }
        #expect(office.status.openOffers.map(\.person) == ["Cass Dunne"])

        // The tracklist: four songs kept in the project in the order the demo printed
        #expect(office.tracklist.tracks.count == 4)
        #expect(project.tracklist?.songIDs == office.tracklist.tracks.map(\.songID))
        #expect(office.tracklist.sides.allSatisfy { $0.length <= 22 * 60 })

        // The deliverables: five for the song; the main mix accepted, the instrumental rejected
        let tasks = project.tasks.filter { $0.songID == "song1" }
        #expect(Set(tasks.compactMap(\.deliverable)) == Set(OfficeJobs.deliverySet))
        #expect(tasks.first { $0.deliverable == .mainMix }?.state == .delivered)
        let rejected = try #require(tasks.first { $0.deliverable == .instrumental })
        #expect(rejected.state == .rejected)
        #expect(rejected.findings.count == 2)
        #expect(rejected.findings.contains { $0.hasPrefix("16-bit") })
        #expect(office.deliveries.map(\.accepted) == [true, false])
        // soundfile reads the accepted file as 48 kHz 24-bit and the rejected one as 16-bit
        let main = try #require(tasks.first { $0.deliverable == .mainMix }?.file)
        let formats = try Python.json(
            """
            import json, sys, soundfile
            print(json.dumps([[str(soundfile.info(p).samplerate), soundfile.info(p).subtype] for p in sys.argv[1:]]))
            """, arguments: [main, try #require(rejected.file)], as: [[String]].self)
        #expect(formats == [["48000", "PCM_24"], ["48000", "PCM_16"]])
    }
}
