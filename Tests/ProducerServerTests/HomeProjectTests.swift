import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import ProducerServer
import Testing

/// `producer serve` on a project: the first account to sign up becomes its producer.
@Suite struct HomeProjectTests {
    @Test func theFirstAccountTakesOnTheHomeProjectAndTheSecondDoesNot() async throws {
        let base = try TestStudio()
        await base.projects.add(PlanFixture.project, at: "memory:album")
        let home = try await StudioServices.home(
            location: "memory:album", name: "Night Trains", studio: base.studio, now: PlanFixture.now)
        var services = base.services
        services.home = home
        let app = StudioServer.application(StudioServer.Configuration(bcryptCost: 4), services: services)
        try await app.test(.router) { client in
            for (index, name) in ["Mara Lind", "Ana Sol"].enumerated() {
                let body = #"{"name":"\#(name)","email":"\#(index)@example.com","password":"a long enough password"}"#
                let made = try await client.execute(
                    uri: "/api/accounts", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: body))
                #expect(made.status == .created)
                let session = try #require(
                    try await client.execute(
                        uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: body)
                    ).json() as? [String: Any])
                let token = try #require(session["token"] as? String)
                let projects = try #require(
                    try await client.execute(
                        uri: "/api/projects", method: .get, headers: [.authorization: "Bearer \(token)"]
                    ).json() as? [[String: Any]])
                if index == 0 {
                    #expect(projects.map { $0["id"] as? String } == [home.id])
                    #expect(projects.first?["role"] as? String == "producer")
                } else {
                    #expect(projects.isEmpty)
                }
            }
        }
        // And a second start finds the same project again
        let again = try await StudioServices.home(
            location: "memory:album", name: "Night Trains", studio: base.studio, now: PlanFixture.now)
        #expect(again.id == home.id)
    }
}
