import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import Testing

@testable import ProducerServer

/// Every route of the server, with no account, with every role on project A, and with the
/// producer of project B: the answers the route's requirement and ``PermissionMatrix/standard``
/// call for. The expectations come from the route table, so a new route is walked as it is added.
@Suite struct PermissionWalkTests {
    /// Who asks.
    enum Visitor: CustomStringConvertible {
        case nobody
        case member(StudioRole)
        case outsider

        var description: String {
            switch self {
            case .nobody: "no account"
            case .member(let role): role.rawValue
            case .outsider: "B's producer"
            }
        }
    }

    /// The sentences of the access check itself (Routes.check), which a handler never says.
    static let notOnProject = "There is no such project, or you are not on it."
    /// "As viewer on Album A you may not…" (a handler's own refusal names no project).
    static let mayNot = " on Album A you may not"
    static let csrfRefusal = "did not come from this site"

    @Test func everyRouteWithEveryRoleAndWithNoAccount() async throws {
        let routes = StudioServer.routes(services: try TestStudio().services)
        let visitors: [Visitor] = [.nobody] + StudioRole.allCases.map { .member($0) } + [.outsider]
        var walked = 0
        var requests = 0
        for route in routes {
            for visitor in visitors {
                let seed = try await StudioSeed.make()
                let account: Account? =
                    switch visitor {
                    case .nobody: nil
                    case .member(let role): seed.members[role]
                    case .outsider: seed.outsider
                    }
                let answer = try await Self.send(
                    route, path: seed.path(route, in: seed.projectA), as: account, seed: seed)
                requests += 1
                Self.expect(answer, route: route, visitor: visitor)
            }
            walked += 1
        }
        print("PermissionWalkTests: walked \(walked) routes × \(visitors.count) visitors = \(requests) requests")
        #expect(walked == routes.count)
        #expect(walked >= 20)
    }

    /// A's records asked for under B's path, by B's producer: nothing is found.
    @Test func projectAsIdsUnderProjectBFindNothing() async throws {
        let routes = StudioServer.routes(services: try TestStudio().services).filter { route in
            guard case .project = route.requirement else { return false }
            return route.path.split(separator: "/").contains { $0.hasPrefix(":") && $0 != ":project" }
        }
        var walked = 0
        for route in routes {
            let seed = try await StudioSeed.make()
            let answer = try await Self.send(
                route, path: seed.path(route, in: seed.projectB), as: seed.outsider, seed: seed)
            if route.method == "GET" {
                #expect(answer.status == .notFound, "\(route) under B with A's ids: \(answer.status)")
            } else {
                #expect((400..<500).contains(answer.status.code), "\(route) under B with A's ids: \(answer.status)")
            }
            #expect(!answer.body.contains("Night Trains"), "\(route) under B shows A's song")
            walked += 1
        }
        print("PermissionWalkTests: \(walked) routes asked for A's records under B's path")
        #expect(walked == routes.count)
        #expect(walked > 0)
    }

    struct Answer {
        var status: HTTPResponse.Status
        var location: String
        var body: String
    }

    static func send(_ route: StudioRoute, path: String, as account: Account?, seed: StudioSeed) async throws -> Answer
    {
        var headers = seed.headers(for: account, api: route.isAPI)
        var body = ByteBuffer()
        if route.method != "GET" {
            if route.isAPI {
                headers[.contentType] = "application/json"
                body = ByteBuffer(string: "{}")
            } else {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(string: "_csrf=\(StudioSeed.csrf)")
            }
        }
        let method = HTTPRequest.Method(route.method) ?? .get
        let sent = (headers: headers, body: body)
        return try await seed.test.application(.init(secureCookies: false)).test(.router) { client in
            try await client.execute(uri: path, method: method, headers: sent.headers, body: sent.body) { response in
                Answer(
                    status: response.status, location: response.headers[.location] ?? "",
                    body: String(buffer: response.body))
            }
        }
    }

    static func expect(_ answer: Answer, route: StudioRoute, visitor: Visitor) {
        let what = "\(route) as \(visitor): \(answer.status.code) \(answer.body.prefix(200))"
        #expect(!answer.body.contains(csrfRefusal), "\(what): the walk's CSRF token was refused")
        if Self.ownRoutes(route) { #expect(answer.status.code < 500, "\(what)") }
        let signInNeeded = {
            if route.isAPI {
                #expect(answer.status == .unauthorized, "\(what)")
            } else {
                #expect(answer.status == .seeOther, "\(what)")
                #expect(answer.location.hasPrefix("/sign-in"), "\(what)")
            }
        }
        let admitted = {
            #expect(answer.status != .unauthorized, "\(what)")
            #expect(!(answer.status == .seeOther && answer.location.hasPrefix("/sign-in")), "\(what)")
            #expect(!(answer.status == .notFound && answer.body.contains(notOnProject)), "\(what)")
            #expect(!(answer.status == .forbidden && answer.body.contains(mayNot)), "\(what)")
        }
        switch (route.requirement, visitor) {
        case (.anyone, _):
            #expect(answer.status != .unauthorized, "\(what)")
        case (.signedIn, .nobody), (.project, .nobody):
            signInNeeded()
        case (.signedIn, _):
            admitted()
        case (.project, .outsider):
            #expect(answer.status == .notFound, "\(what)")
            #expect(answer.body.contains(notOnProject), "\(what)")
        case (.project(let permission), .member(let role)):
            if PermissionMatrix.standard.allows(role, permission) {
                admitted()
            } else {
                #expect(answer.status == .forbidden, "\(what)")
                #expect(answer.body.contains(mayNot), "\(what)")
            }
        }
    }

    /// The accounts and projects routes, which must never answer a 5xx to these requests.
    static func ownRoutes(_ route: StudioRoute) -> Bool {
        let own = [
            "/sign-up", "/sign-in", "/sign-out", "/projects", "/projects/:project", "/projects/:project/members",
            "/projects/:project/invitations", "/projects/:project/members/:account", "/invitations/:invitation",
            "/invitations/:invitation/accept", "/api/accounts", "/api/session", "/api/me", "/api/projects",
            "/api/projects/:project", "/api/projects/:project/members", "/api/projects/:project/invitations",
            "/api/invitations/:invitation/accept",
        ]
        return own.contains(route.path)
    }
}
