import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import Testing

@testable import ProducerServer

/// Starting a project, inviting, joining, changing roles: as the API and the pages do it.
@Suite struct ProjectsTests {
    /// An API client signed in by Bearer token.
    struct Client {
        let client: any TestClientProtocol
        let token: String

        func send(
            _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil
        ) async throws -> (
            HTTPResponse.Status, [String: Any], String
        ) {
            var headers: HTTPFields = [.authorization: "Bearer \(token)"]
            if json != nil { headers[.contentType] = "application/json" }
            return try await client.execute(
                uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
            ) { response in
                let text = String(buffer: response.body)
                let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
                return (response.status, object, text)
            }
        }
    }

    @Test func startInviteJoinAndChangeRoles() async throws {
        let seed = try await StudioSeed.make()
        let clock = MovableClock(Date(timeIntervalSince1970: 1_804_000_000))
        var clocked = seed.test.services
        clocked.now = { clock.now }
        let services = clocked
        try await StudioServer.application(.init(secureCookies: false), services: services).test(.router) { client in
            let mara = Client(client: client, token: seed.tokens[seed.outsider.id]!)
            let joe = Client(client: client, token: seed.tokens[seed.members[.viewer]!.id]!)

            let made = try await mara.send(.post, "/api/projects", #"{"name":"Second Album","currency":"USD"}"#)
            #expect(made.0 == .created)
            let id = try #require(made.1["id"] as? String)
            #expect(id.count == 26)
            #expect(made.1["role"] as? String == "producer")
            let list = try await mara.send(.get, "/api/projects")
            #expect(list.2.contains("\"name\":\"Second Album\""))
            #expect(list.2.contains("\"name\":\"Album B\""))
            let detail = try await mara.send(.get, "/api/projects/\(id)")
            #expect(detail.1["currency"] as? String == "USD")
            #expect((detail.1["members"] as? [Any])?.count == 1)

            #expect(try await joe.send(.get, "/api/projects/\(id)").0 == .notFound)
            let invited = try await mara.send(
                .post, "/api/projects/\(id)/invitations", #"{"email":"Joe@Example.com","role":"engineer"}"#)
            #expect(invited.0 == .created)
            let invitation = try #require(invited.1["id"] as? String)
            #expect(invited.1["link"] as? String == "/invitations/\(invitation)")
            #expect(invited.1["email"] as? String == "joe@example.com")
            let badRole = try await mara.send(
                .post, "/api/projects/\(id)/invitations", #"{"email":"joe@example.com","role":"drummer"}"#)
            #expect(badRole.0 == .badRequest)
            #expect(badRole.2.contains("is not a role"))

            let joined = try await joe.send(.post, "/api/invitations/\(invitation)/accept")
            #expect(joined.0 == .ok)
            #expect(joined.1["role"] as? String == "engineer")
            #expect(try await joe.send(.get, "/api/projects/\(id)").0 == .ok)
            let again = try await joe.send(.post, "/api/invitations/\(invitation)/accept")
            #expect(again.0 == .conflict)
            #expect(again.2.contains("already been accepted"))
            #expect(
                try await joe.send(
                    .post, "/api/projects/\(id)/invitations", #"{"email":"x@example.com","role":"viewer"}"#
                ).0 == .forbidden)

            let late = try await mara.send(
                .post, "/api/projects/\(id)/invitations", #"{"email":"late@example.com","role":"viewer"}"#)
            clock.advance(15 * 86_400)
            let expired = try await joe.send(.post, "/api/invitations/\(late.1["id"] as? String ?? "")/accept")
            #expect(expired.0 == .unprocessableContent)
            #expect(expired.2.contains("expired on"))

            let members = try await mara.send(.get, "/api/projects/\(id)/members")
            #expect(members.2.contains("\"role\":\"engineer\""))
            let activity = try await services.studio.activity(projectID: id, limit: 10).map(\.verb)
            #expect(activity.filter { $0 == .invited }.count == 2)
            #expect(activity.contains(.created) && activity.contains(.joined))
        }
    }

    @Test func theLastProducerStaysAndOnlyAProducerMakesOne() async throws {
        let seed = try await StudioSeed.make()
        let project = seed.projectA
        let producer = seed.members[.producer]!
        let manager = seed.members[.manager]!
        try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
            func post(_ account: Account, _ path: String, _ form: String) async throws -> (HTTPResponse.Status, String)
            {
                try await client.execute(
                    uri: path, method: .post,
                    headers: seed.headers(for: account, api: false).sendingAForm,
                    body: ByteBuffer(string: "_csrf=\(StudioSeed.csrf)&" + form)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let members = "/projects/\(project.id)/members/"
            let demote = try await post(producer, members + producer.id, "role=artist")
            #expect(demote.0 == .conflict)
            #expect(demote.1.contains("needs a producer"))
            #expect(try await post(producer, members + producer.id, "action=remove").0 == .conflict)
            let promote = try await post(manager, members + seed.members[.engineer]!.id, "role=producer")
            #expect(promote.0 == .forbidden)
            #expect(promote.1.contains("Only a producer"))
            #expect(try await post(producer, members + seed.members[.engineer]!.id, "role=producer").0 == .seeOther)
            #expect(try await post(producer, members + producer.id, "role=artist").0 == .seeOther)
            #expect(try await post(manager, members + seed.members[.viewer]!.id, "action=remove").0 == .seeOther)
            let roles = try await seed.test.studio.members(projectID: project.id).map { ($0.accountID, $0.role) }
            let byAccount = Dictionary(uniqueKeysWithValues: roles)
            #expect(byAccount[producer.id] == .artist)
            #expect(byAccount[seed.members[.engineer]!.id] == .producer)
            #expect(byAccount[seed.members[.viewer]!.id] == nil)
        }
    }

    @Test func thePagesShowTheProjectItsMembersAndTheInvitationLink() async throws {
        let seed = try await StudioSeed.make()
        let producer = seed.members[.producer]!
        let viewer = seed.members[.viewer]!
        try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
            func get(_ account: Account, _ path: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: path, method: .get, headers: seed.headers(for: account, api: false)) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let song = seed.ids["song"]!
            let overview = try await get(producer, "/projects/\(seed.projectA.id)")
            #expect(overview.0 == .ok)
            #expect(overview.1.contains("<a href=\"/projects/\(seed.projectA.id)/songs/\(song)\">Night Trains</a>"))
            #expect(overview.1.contains("/projects/\(seed.projectA.id)/budget"))
            #expect(overview.1.contains("the session player"))
            let viewerOverview = try await get(viewer, "/projects/\(seed.projectA.id)")
            #expect(!viewerOverview.1.contains("/budget"))
            let members = try await get(producer, "/projects/\(seed.projectA.id)/members")
            #expect(members.1.contains("<code>/invitations/\(seed.ids["invitation"]!)</code>"))
            let viewerMembers = try await get(viewer, "/projects/\(seed.projectA.id)/members")
            #expect(viewerMembers.0 == .ok)
            #expect(!viewerMembers.1.contains("/invitations/"))
            let invitation = try await get(seed.outsider, "/invitations/\(seed.ids["invitation"]!)")
            #expect(invitation.0 == .ok)
            #expect(invitation.1.contains("as session player"))
            #expect(invitation.1.contains("action=\"/invitations/\(seed.ids["invitation"]!)/accept\""))
            let projects = try await get(seed.outsider, "/projects")
            #expect(projects.1.contains("Album B") && !projects.1.contains("Album A"))
        }
    }
}
