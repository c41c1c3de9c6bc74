import Foundation
import ProducerOffice
import Testing

@Suite struct ICalendarExportTests {
    typealias F = ICalendarFixtures

    func export(_ filter: ICalendar.Filter = .all) -> String {
        ICalendar.export(bookings: F.snapshot.bookings, in: F.snapshot, for: filter, now: F.now)
    }

    /// The unfolded lines of each VEVENT, by UID.
    func events(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: [String] = []
        for line in ICalendar.unfolded(text) {
            if line == "BEGIN:VEVENT" {
                current = []
            } else if line == "END:VEVENT" {
                let uid = current.first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
                result[uid] = current
            } else {
                current.append(line)
            }
        }
        return result
    }

    @Test func writesOneCalendarWithCRLFAndFoldedLines() {
        let text = export()
        let lines = ICalendar.unfolded(text)
        #expect(
            Array(lines.prefix(6)) == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Producer//Producer Office//EN", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", #"X-WR-CALNAME:Night Trains (LP)\, 2025"#,
            ])
        #expect(lines.last == "END:VCALENDAR")
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Every line break is CRLF and no physical line is longer than 75 octets.
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"))
        }
        for piece in text.components(separatedBy: "\r\n") { #expect(piece.utf8.count <= 75) }
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
    }

    @Test func mapsStatusesSequencesAndAttendees() throws {
        let events = events(export())
        let hold = try #require(events["b-hold@producer"])
        let confirmed = try #require(events["b-confirmed@producer"])
        let cancelled = try #require(events["b-cancelled@producer"])

        #expect(hold.contains("STATUS:TENTATIVE"))
        #expect(confirmed.contains("STATUS:CONFIRMED"))
        #expect(cancelled.contains("STATUS:CANCELLED"))
        #expect(hold.contains("SEQUENCE:0") && confirmed.contains("SEQUENCE:2") && cancelled.contains("SEQUENCE:3"))

        #expect(hold.contains("DTSTAMP:20250219T212000Z"))
        #expect(hold.contains("DTSTART:20250303T090000Z") && hold.contains("DTEND:20250303T150000Z"))
        #expect(confirmed.contains("DTSTART:20250304T133000Z") && confirmed.contains("DTEND:20250304T173000Z"))

        // Carla has no email: two attendees on the hold.
        #expect(
            hold.filter { $0.hasPrefix("ATTENDEE") } == [
                "ATTENDEE;CN=Ana Lima;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:ana@example.com",
                #"ATTENDEE;CN="Ben 'Knobs' Okafor, Jr.";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:ben@example.com"#,
            ])
        #expect(confirmed.filter { $0.hasPrefix("ATTENDEE") }.allSatisfy { $0.contains("PARTSTAT=ACCEPTED") })

        #expect(hold.contains(#"SUMMARY:Tracking — Northern Line"#))
        #expect(hold.contains(#"LOCATION:Hansa Tonstudio\, Meistersaal\, Köthener Str. 38\, Berlin"#))
        let description = try #require(hold.first { $0.hasPrefix("DESCRIPTION:") })
        #expect(
            ICalendar.unescaped(String(description.dropFirst("DESCRIPTION:".count))) == """
                On hold (not confirmed yet)
                Kind: tracking
                Song: Northern Line; Part 2, \\ live
                People: Ana Lima (artist); Ben "Knobs" Okafor, Jr. (engineer); Carla (drummer)
                Room: Meistersaal at Hansa Tonstudio
                Expected cost: €1,520.00
                """)
        let cancelledDescription = try #require(cancelled.first { $0.hasPrefix("DESCRIPTION:") })
        #expect(cancelledDescription.hasPrefix(#"DESCRIPTION:Cancelled\; cancellation fee €250.00\n"#))
    }

    @Test func filtersByPersonAndByStudio() {
        #expect(Set(events(export(.person("carla"))).keys) == ["b-hold@producer"])
        #expect(
            Set(events(export(.person("ben"))).keys) == [
                "b-hold@producer", "b-confirmed@producer", "b-cancelled@producer",
            ])
        #expect(Set(events(export(.person("nobody"))).keys).isEmpty)
        #expect(Set(events(export(.studio("hansa"))).keys) == ["b-hold@producer", "b-cancelled@producer"])
        #expect(Set(events(export(.studio("attic"))).keys) == ["b-confirmed@producer"])
        #expect(ICalendar.unfolded(export(.person("carla"))).contains("X-WR-CALNAME:Night Trains (LP)\\, 2025 — Carla"))
    }

    @Test func theSameBookingsExportTheSameText() {
        #expect(export() == export())
        #expect(ICalendar.export(bookings: F.snapshot.bookings.reversed(), in: F.snapshot, now: F.now) == export())
    }

    // Needs Python's `icalendar` package (`python3 -m pip install icalendar`); .ci/run installs it.
    @Test(
        .enabled(if: PythonICalendar.isAvailable, "python3 cannot import icalendar (python3 -m pip install icalendar)"))
    func pythonICalendarReadsEveryExport() throws {
        let reader = """
            import sys, json, icalendar
            from datetime import timezone
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = {"name": str(cal.get("X-WR-CALNAME")), "method": str(cal.get("METHOD")),
                   "errors": [str(e) for c in cal.walk() for e in c.errors], "events": []}
            for ev in cal.walk("VEVENT"):
                out["events"].append({
                    "uid": str(ev["UID"]), "status": str(ev["STATUS"]), "sequence": int(ev["SEQUENCE"]),
                    "start": ev.decoded("DTSTART").astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "end": ev.decoded("DTEND").astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "summary": str(ev["SUMMARY"]), "location": str(ev.get("LOCATION", "")),
                    "description": str(ev["DESCRIPTION"]),
                    "attendees": [{"email": str(a), "cn": str(a.params.get("CN")), "partstat": str(a.params.get("PARTSTAT"))}
                                  for a in (ev.get("ATTENDEE") if isinstance(ev.get("ATTENDEE"), list) else [ev["ATTENDEE"]] if "ATTENDEE" in ev else [])]})
            print(json.dumps(out, ensure_ascii=False, sort_keys=True))
            """
        let iso = ISO8601DateFormatter()
        for filter in [ICalendar.Filter.all, .person("ana"), .person("carla"), .studio("hansa"), .studio("attic")] {
            let text = export(filter)
            let file = try PythonICalendar.temporaryFile(text)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try PythonICalendar.run(reader, arguments: [file.path])
            if filter == .all { print("python icalendar read:", output) }
            let parsed = try JSONDecoder().decode(Parsed.self, from: Data(output.utf8))

            #expect(parsed.errors.isEmpty)
            #expect(parsed.method == "PUBLISH")
            let expected = F.snapshot.bookings.filter { filter.includes($0, in: F.snapshot) }.sorted {
                $0.start < $1.start
            }
            #expect(parsed.events.map(\.uid) == expected.map { $0.id + "@producer" })
            for (event, booking) in zip(parsed.events, expected) {
                #expect(event.status == ICalendar.status(of: booking.status))
                #expect(event.sequence == booking.sequence)
                #expect(event.start == iso.string(from: booking.start))
                #expect(event.end == iso.string(from: booking.end))
                let session = F.snapshot.sessions.first { $0.id == booking.sessionID }
                #expect(event.summary == session?.title)
                #expect(event.description.contains("Expected cost: " + booking.cost.formatted))
                let emails = booking.people.compactMap { id in F.snapshot.people.first { $0.id == id }?.contact.email }
                #expect(event.attendees.map(\.email) == emails.map { "mailto:" + $0 })
            }
            if filter == .all {
                // icalendar keeps X- properties as written (vUnknown); RFC 5545 reads them as TEXT.
                #expect(ICalendar.unescaped(parsed.name) == "Night Trains (LP), 2025")
                let hold = try #require(parsed.events.first { $0.uid == "b-hold@producer" })
                #expect(hold.location == "Hansa Tonstudio, Meistersaal, Köthener Str. 38, Berlin")
                #expect(hold.description.contains("Song: Northern Line; Part 2, \\ live\n"))
                #expect(hold.attendees.map(\.cn) == ["Ana Lima", "Ben 'Knobs' Okafor, Jr."])
                #expect(hold.attendees.map(\.partstat) == ["NEEDS-ACTION", "NEEDS-ACTION"])
                let confirmed = try #require(parsed.events.first { $0.uid == "b-confirmed@producer" })
                #expect(confirmed.description.hasSuffix("Note: Bring the SM7B,\nnot the U87"))
                #expect(confirmed.attendees.map(\.partstat) == ["ACCEPTED", "ACCEPTED"])
            }
        }
    }

    struct Parsed: Decodable {
        var name: String
        var method: String
        var errors: [String]
        var events: [Event]
        struct Event: Decodable {
            var uid, status, start, end, summary, location, description: String
            var sequence: Int
            var attendees: [Attendee]
        }
        struct Attendee: Decodable {
            var email, cn, partstat: String
        }
    }
}
