import Foundation
import ProducerOffice
import ProducerTestSupport
import Testing

/// Credits gathered from done sessions, and their CSV and RIN-like JSON read back by Python.
@Suite struct CreditTests {
    static let zone = "Europe/Berlin"
    static let calendar = Calendar.gregorian(timeZone: zone)
    static func march(_ day: Int, _ hour: Int) -> Date {
        calendar.date(from: DateComponents(year: 2027, month: 3, day: day, hour: hour))!
    }

    /// Night Trains with tracking and mix done (booked), and a vocal session not done.
    static func project(isrc: String? = "de-a12-27-00001", iswc: String? = "T0345246801") -> ProjectSnapshot {
        let anytime = Availability(timeZone: zone)
        let rate = Rate(Money(minorUnits: 0, currency: "EUR"), per: .flat)
        func person(_ id: String, _ name: String, _ roles: [Role]) -> Person {
            Person(id: id, name: name, roles: roles, rate: rate, availability: anytime)
        }
        let room = Room(
            id: "hall", name: "Hall", hourlyRate: Money(minorUnits: 9_500, currency: "EUR"), capacity: 10,
            openingHours: anytime)
        let mixroom = Room(
            id: "mixroom", name: "Mix room", hourlyRate: Money(minorUnits: 6_000, currency: "EUR"), capacity: 3,
            openingHours: anytime)
        let euro = Money(minorUnits: 0, currency: "EUR")
        return ProjectSnapshot(
            settings: ProjectSettings(name: "Night Trains", timeZone: zone),
            songs: [
                Song(
                    id: "song1", title: "Night Trains",
                    writers: [
                        .init(name: "Mara Lind", shareBasisPoints: 6_000),
                        .init(name: "Teo Marin", shareBasisPoints: 4_000),
                    ],
                    isrc: isrc, iswc: iswc)
            ],
            people: [
                person("mara", "Mara Lind", [.artist]), person("jonas", "Jonas Berg", [.drummer]),
                person("ada", "Ada Novak", [.engineer]), person("rui", "Rui Costa", [.engineer, .mixEngineer]),
                person("lena", "Lena & Sofi", [.backupSinger]),
            ],
            studios: [
                Studio(
                    id: "kranich", name: "Kranich Studios", location: "Berlin, Kreuzberg", timeZone: zone, rooms: [room]
                ),
                Studio(
                    id: "tide", name: "Tideway \"Mix\"", location: "Berlin-Neukölln", timeZone: zone, rooms: [mixroom]),
            ],
            sessions: [
                StudioSession(
                    id: "trk", songID: "song1", kind: .tracking, title: "Tracking — Night Trains",
                    needs: [.init(.drummer), .init(.engineer)], people: ["mara"], durationMinutes: 360, isDone: true),
                StudioSession(
                    id: "bvs", songID: "song1", kind: .vocals, title: "Backing vocals — Night Trains",
                    needs: [.init(.backupSinger), .init(.engineer)], durationMinutes: 180),
                StudioSession(
                    id: "mix", songID: "song1", kind: .mixing, title: "Mix — Night Trains",
                    needs: [.init(.mixEngineer)], durationMinutes: 420, isDone: true),
            ],
            bookings: [
                Booking(
                    id: "b1", sessionID: "trk", roomID: "hall", start: march(1, 11), end: march(1, 17),
                    people: ["mara", "jonas", "ada"], status: .confirmed, cost: euro),
                Booking(
                    id: "b2", sessionID: "bvs", roomID: "hall", start: march(3, 11), end: march(3, 14),
                    people: ["lena", "ada"], cost: euro),
                Booking(
                    id: "b3", sessionID: "mix", roomID: "mixroom", start: march(15, 10), end: march(15, 17),
                    people: ["rui"], status: .confirmed, cost: euro),
            ])
    }

    @Test("credits come from the done sessions, each person in the role they filled there")
    func fromDoneSessions() {
        let credits = Credits(project: Self.project())
        #expect(credits.problems.isEmpty)
        #expect(credits.songs.first?.isrc == "DE-A12-27-00001" && credits.songs.first?.iswc == "T-034.524.680-1")
        // Then tracking credits the artist, drummer and engineer; the mix, Rui as mixing engineer only;
        // the backing vocals (not done) nobody
        let lines = credits.credits.map { "\($0.person)|\($0.ddexRole)|\($0.instrument ?? "")|\($0.session)" }
        #expect(
            lines == [
                "Mara Lind|MainArtist||Tracking — Night Trains", "Jonas Berg|Musician|Drums|Tracking — Night Trains",
                "Ada Novak|RecordingEngineer||Tracking — Night Trains", "Rui Costa|MixingEngineer||Mix — Night Trains",
            ])
        #expect(credits.credits[1].studio == "Kranich Studios" && credits.credits[1].room == "Hall")
        #expect(credits.credits[1].start == Self.march(1, 11) && credits.credits[3].start == Self.march(15, 10))
        #expect(credits.writers.map(\.shareBasisPoints) == [6_000, 4_000])
    }

    @Test("a malformed ISRC or ISWC is reported and the export refuses it, writing nothing")
    func malformedCodes() async throws {
        let credits = Credits(project: Self.project(isrc: "DE-A12-27-0001", iswc: "T-034.524.680-2"))
        #expect(credits.problems.count == 2)
        #expect(credits.problems[0].hasPrefix("Night Trains: \"DE-A12-27-0001\" is not an ISRC"))
        #expect(credits.problems[1].contains("check digit is 2, but the nine digits before it give 1"))
        let dir = try temporaryDirectory()
        let store = InMemoryProjectStore(Self.project(isrc: "DE-A12-27-0001"))
        let error = await #expect(throws: OfficeError.self) {
            try await OfficeJobs.exportCredits(csv: dir + "/c.csv", json: dir + "/c.json", store: store)
        }
        #expect(error?.message.contains("the credits were not exported: Night Trains: \"DE-A12-27-0001\"") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.csv"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.json"))
    }

    @Test("the CSV is RFC 4180: Python's csv reads every row and field back")
    func csvReadsBack() async throws {
        try #require(Python.canImport("csv"), "python3 is needed")
        let dir = try temporaryDirectory()
        let store = InMemoryProjectStore(Self.project())
        _ = try await OfficeJobs.exportCredits(csv: dir + "/credits.csv", json: nil, store: store)
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                print(json.dumps(list(csv.reader(f))))
            """
        let rows = try Python.json(script, arguments: [dir + "/credits.csv"], as: [[String]].self)
        // Header, 4 credits, 2 writers; every row as long as the header
        #expect(rows.count == 7 && rows.allSatisfy { $0.count == Credits.csvHeader.count })
        #expect(rows[0] == Credits.csvHeader)
        #expect(rows[2][3] == "Jonas Berg" && rows[2][5] == "Musician" && rows[2][6] == "Drums")
        #expect(rows[2][1] == "DE-A12-27-00001" && rows[2][12] == "Berlin, Kreuzberg" && rows[2][13] == "2027-03-01")
        #expect(rows[2][14] == "2027-03-01T11:00:00+01:00")
        #expect(rows[4][10] == "Tideway \"Mix\"" && rows[4][9] == "Mixing")
        #expect(rows[5][3] == "Mara Lind" && rows[5][4] == "writer" && rows[5][7] == "60.00")
        #expect(rows[6][7] == "40.00")
        let raw = try String(contentsOfFile: dir + "/credits.csv", encoding: .utf8)
        #expect(
            raw.contains("\"Berlin, Kreuzberg\"") && raw.contains("\"Tideway \"\"Mix\"\"\"") && raw.hasSuffix("\r\n"))
    }

    @Test("the JSON parses with Python's json, with RIN's structure")
    func rinReadsBack() async throws {
        try #require(Python.canImport("json"), "python3 is needed")
        let dir = try temporaryDirectory()
        let store = InMemoryProjectStore(Self.project())
        _ = try await OfficeJobs.exportCredits(csv: nil, json: dir + "/credits.json", store: store)
        let script = """
            import json, sys
            d = json.load(open(sys.argv[1], encoding='utf-8'))
            parties = {p['PartyReference']: p['PartyName']['FullName'] for p in d['PartyList']['Party']}
            rec = d['ResourceList']['SoundRecording'][0]
            work = d['MusicalWorkList']['MusicalWork'][0]
            sessions = d['SessionList']['Session']
            print(json.dumps({
              'isrc': rec['ISRC'], 'title': rec['Title']['TitleText'], 'work': rec['MusicalWorkReference'],
              'contributors': sorted('%s/%s/%s' % (parties[c['ContributorPartyReference']], c['Role'], c.get('Instrument', ''))
                                     for c in rec['Contributor']),
              'iswc': work['ISWC'], 'workRef': work['MusicalWorkReference'],
              'writers': ['%s %s' % (parties[w['ContributorPartyReference']], w['RightSharePercentage']) for w in work['MusicalWorkContributor']],
              'sessions': ['%s|%s|%s|%s|%d' % (s['SessionType'], s['VenueName'], s['VenueRoom'], s['StartDateTime'],
                                              len(s['SessionContributorReference'])) for s in sessions],
              'parties': len(parties),
            }))
            """
        struct Read: Decodable {
            var isrc, title, work, iswc, workRef: String
            var contributors, writers, sessions: [String]
            var parties: Int
        }
        let read = try Python.json(script, arguments: [dir + "/credits.json"], as: Read.self)
        #expect(read.isrc == "DE-A12-27-00001" && read.title == "Night Trains" && read.work == read.workRef)
        #expect(read.iswc == "T-034.524.680-1")
        #expect(
            read.contributors == [
                "Ada Novak/RecordingEngineer/", "Jonas Berg/Musician/Drums", "Mara Lind/MainArtist/",
                "Rui Costa/MixingEngineer/",
            ])
        // Mara is one party as artist and writer; Teo, a writer only, is a party of his own
        #expect(read.writers == ["Mara Lind 60.00", "Teo Marin 40.00"] && read.parties == 5)
        #expect(
            read.sessions == [
                "Recording|Kranich Studios|Hall|2027-03-01T11:00:00+01:00|3",
                "Mixing|Tideway \"Mix\"|Mix room|2027-03-15T10:00:00+01:00|1",
            ])
    }
}
