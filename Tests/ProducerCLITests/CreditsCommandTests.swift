import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

/// `producer credits` on the album project after two sessions are marked done.
@Suite("credits", .enabled(if: producerExecutable != nil, "the producer executable was not built"))
struct CreditsCommandTests {
    @Test("two done sessions give their credits; --csv and --json write files Python reads; --force to replace")
    func creditsFromDoneSessions() async throws {
        let project = try await albumProject()
        let scheduled = try await producer(["schedule", "--from", "2027-03-01", "--project", project])
        #expect(scheduled.status == 0, "\(scheduled.err)")
        for session in ["Tracking — Night Trains", "Mix — Night Trains"] {
            let done = try await producer(["sessions", "done", session, "--project", project])
            #expect(done.status == 0, "\(done.err)")
        }
        let text = try await producer(["credits", "--project", project])
        #expect(text.status == 0, "\(text.err)")
        #expect(
            text.out.contains("Mara Lind — main artist (MainArtist): Tracking — Night Trains, Kranich Studios — Hall"),
            "\(text.out)")
        #expect(text.out.contains("Jonas Berg — drummer (Musician, Drums): Tracking — Night Trains"), "\(text.out)")
        #expect(text.out.contains("(MixingEngineer): Mix — Night Trains, Tideway Mix — Mix room"), "\(text.out)")
        #expect(text.out.contains("written by Mara Lind 60.00 %, Teo Marin 40.00 %"), "\(text.out)")
        #expect(!text.out.contains("Paper Harbour"))
        let dir = try temporaryDirectory()
        let csv = dir + "/credits.csv", json = dir + "/credits.json"
        let written = try await producer(["credits", "--csv", csv, "--json", json, "--project", project])
        #expect(written.status == 0, "\(written.err)")
        #expect(written.out.contains("Wrote \(csv).") && written.out.contains("Wrote \(json)."))
        guard Python.canImport("csv", "json") else {
            Issue.record("python3 is needed to read the files back")
            return
        }
        let script = """
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
            d = json.load(open(sys.argv[2], encoding='utf-8'))
            print(json.dumps({
              'header': rows[0], 'credits': sum(1 for r in rows[1:] if r[4] != 'writer'),
              'recordings': len(d['ResourceList']['SoundRecording']),
              'sessions': [s['Title'] for s in d['SessionList']['Session']],
              'tracking': [c['Role'] for c in d['ResourceList']['SoundRecording'][0]['Contributor']],
            }))
            """
        struct Read: Decodable {
            var header: [String]
            var credits, recordings: Int
            var sessions, tracking: [String]
        }
        let read = try Python.json(script, arguments: [csv, json], as: Read.self)
        #expect(read.header == Credits.csvHeader)
        #expect(read.recordings == 5 && read.sessions == ["Tracking — Night Trains", "Mix — Night Trains"])
        #expect(read.tracking.contains("MainArtist") && read.tracking.contains("MixingEngineer"), "\(read.tracking)")
        #expect(read.credits >= 5, "\(read.credits)")
        // Again without --force: refused, exit 1, naming the file
        let again = try await producer(["credits", "--csv", csv, "--project", project])
        #expect(again.status == 1 && again.err.contains(csv) && again.err.contains("--force"), "\(again.err)")
        let forced = try await producer(["credits", "--csv", csv, "--force", "--project", project])
        #expect(forced.status == 0, "\(forced.err)")
    }
}
