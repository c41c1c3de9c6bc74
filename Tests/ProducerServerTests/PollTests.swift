import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import ProducerServer
import Testing

/// Availability polls feed `schedule --repair`: a "no" becomes busy time and the schedule moves.
@Suite struct PollTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
            }.joined(separator: "&"))
    }

    @Test func aNoBecomesBusyTimeAndTheScheduleIsRepairedAroundIt() async throws {
        // Given the fixture: Ana's vocals on hold Monday 1 March 10:00–13:00, before the confirmed mix
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let artist = try await test.account("Ana Sol")
        let project = try await test.addProject(owner: producer.account)
        try await test.join(artist.account, project, as: .artist, person: "ana")
        let form = producer.headers.sending("application/x-www-form-urlencoded")
        let artistForm = artist.headers.sending("application/x-www-form-urlencoded")
        try await test.application().test(.router) { client in
            // When the producer asks about Monday and Tuesday, answers due by Sunday
            let opened = try await client.execute(
                uri: "/projects/\(project.id)/polls", method: .post, headers: form,
                body: Self.form([
                    ("title", "Vocals week"), ("dates", "2027-03-01\n2027-03-02 10:00-18:00"),
                    ("answerBy", "2027-02-28"),
                    ("session", "bv"),
                ]))
            #expect(opened.status == .seeOther)
            let link = try #require(opened.headers[.location])
            let poll = try #require(link.split(separator: "/").last.map(String.init))
            // And Ana says no to Monday, yes to Tuesday
            let answered = try await client.execute(
                uri: "\(link)/answers", method: .post, headers: artistForm,
                body: Self.form([("option-0", "no"), ("option-1", "yes")]))
            #expect(answered.status == .seeOther)
            let page = try await client.execute(uri: link, method: .get, headers: producer.headers).text
            #expect(page.contains("Mon 1 Mar 2027"))
            #expect(page.contains("Tue 2 Mar 2027, 10:00–18:00"))
            #expect(page.contains("<td class=\"bad\">no</td><td class=\"good\">yes</td>"))
            // And the producer closes it
            let closed = try await client.execute(uri: "\(link)/close", method: .post, headers: form)
            #expect(closed.status == .ok)
            #expect(
                closed.text.contains("1 busy time added from the answers. The schedule was repaired: 1 session moved."))
            // Then Ana is busy all Monday in the project, noted with the poll
            let snapshot = try await test.projects.store(for: project).snapshot()
            let ana = try #require(snapshot.people.first { $0.id == "ana" })
            let busy = try #require(ana.availability.exceptions.first { $0.source == "poll:\(poll):0" })
            #expect(busy.start == PlanFixture.at(1, 0) && busy.end == PlanFixture.at(2, 0))
            // And the vocals are no longer booked on Monday, still before the mix
            let vocals = try #require(snapshot.bookings.first { $0.sessionID == "bv" && $0.status != .cancelled })
            #expect(vocals.end <= PlanFixture.at(1, 0) || vocals.start >= PlanFixture.at(2, 0))
            #expect(vocals.end <= PlanFixture.at(3, 14))
            // And a closed poll takes no more answers
            let late = try await client.execute(
                uri: "\(link)/answers", method: .post, headers: artistForm, body: Self.form([("option-0", "yes")]))
            #expect(late.status == .conflict)
            #expect(late.text.contains("This poll is closed"))
            // And the activity log tells it, and Ana's notifications show the producer's part, unread
            let activity = try await client.execute(
                uri: "/projects/\(project.id)/activity", method: .get, headers: artist.headers
            ).text
            #expect(activity.contains("Mara Lind poll opened"))
            #expect(activity.contains("Ana Sol poll answered"))
            let feed = try #require(
                try await client.execute(uri: "/api/notifications", method: .get, headers: artist.headers).json()
                    as? [String: Any])
            let items = try #require(feed["items"] as? [[String: Any]])
            #expect(items.map { $0["verb"] as? String } == ["poll closed", "poll opened"])
            #expect(feed["unread"] as? Int == 2)
            let seen = try await client.execute(uri: "/notifications/seen", method: .post, headers: artistForm)
            #expect(seen.status == .seeOther)
            let after = try #require(
                try await client.execute(uri: "/api/notifications", method: .get, headers: artist.headers).json()
                    as? [String: Any])
            #expect(after["unread"] as? Int == 0)
        }
    }

    @Test func answersAreRefusedAfterTheAnswerByDayAndBadFormsSayWhy() async throws {
        let test = try TestStudio()
        let producer = try await test.account("Mara Lind")
        let project = try await test.addProject(owner: producer.account)
        let other = try await test.addProject(owner: producer.account)
        let json = producer.headers.sending("application/json")
        try await test.application().test(.router) { client in
            // A date that does not read is named with its line
            let bad = try await client.execute(
                uri: "/api/projects/\(project.id)/polls", method: .post, headers: json,
                body: ByteBuffer(string: #"{"title":"T","dates":["2027-03-01","2027-02-30"],"answerBy":"2027-02-27"}"#))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains(#"dates, line 2: \"2027-02-30\" is not a day"#))
            // An answer-by day already past is refused
            let past = try await client.execute(
                uri: "/api/projects/\(project.id)/polls", method: .post, headers: json,
                body: ByteBuffer(string: #"{"title":"T","dates":["2027-03-01"],"answerBy":"2027-02-20"}"#))
            #expect(past.status == .badRequest)
            // A good poll is created
            let made = try await client.execute(
                uri: "/api/projects/\(project.id)/polls", method: .post, headers: json,
                body: ByteBuffer(
                    string: #"{"title":"Strings","dates":["2027-03-04 10:00-14:00"],"answerBy":"2027-02-26"}"#))
            #expect(made.status == .created)
            let poll = try #require(try made.json() as? [String: Any])
            let id = try #require(poll["id"] as? String)
            let options = try #require(poll["options"] as? [[String: Any]])
            #expect(options.first?["start"] as? String == "2027-03-04T09:00:00Z")
            // The poll is not found under another project's path
            let elsewhere = try await client.execute(
                uri: "/api/projects/\(other.id)/polls/\(id)", method: .get, headers: producer.headers)
            #expect(elsewhere.status == .notFound)
            // The answer-by day (Fri 26 Feb, Berlin) ends at midnight: the fixture's noon is still in time
            let answer = try await client.execute(
                uri: "/api/projects/\(project.id)/polls/\(id)/answers", method: .post, headers: json,
                body: ByteBuffer(string: #"{"answers":[{"option":0,"answer":"maybe"}]}"#))
            #expect(answer.status == .ok)
            let option = try await client.execute(
                uri: "/api/projects/\(project.id)/polls/\(id)/answers", method: .post, headers: json,
                body: ByteBuffer(string: #"{"answers":[{"option":3,"answer":"yes"}]}"#))
            #expect(option.status == .badRequest)
        }
        // A day later the same answer is refused
        let later = try TestStudio(now: PlanFixture.now.addingTimeInterval(86_400), sharing: test)
        try await later.application().test(.router) { client in
            let polls = try #require(
                try await client.execute(
                    uri: "/api/projects/\(project.id)/polls", method: .get, headers: producer.headers
                )
                .json() as? [[String: Any]])
            let id = try #require(polls.first?["id"] as? String)
            #expect(polls.first?["state"] as? String == "answers due")
            let answer = try await client.execute(
                uri: "/api/projects/\(project.id)/polls/\(id)/answers", method: .post, headers: json,
                body: ByteBuffer(string: #"{"answers":[{"option":0,"answer":"yes"}]}"#))
            #expect(answer.status == .conflict)
            #expect(answer.text.contains("were due by"))
        }
    }
}
