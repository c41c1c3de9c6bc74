import Hummingbird
import HummingbirdTesting
import ProducerServer
import Testing

@Suite struct HealthTests {
    @Test func healthAnswersOK() async throws {
        try await TestStudio().application().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
        }
    }

    @Test func anUnknownPathIsAPageThatSaysSo() async throws {
        try await TestStudio().application().test(.router) { client in
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                let page = String(buffer: response.body)
                #expect(page.contains("There is nothing here."))
                #expect(!page.contains("HTTPError"))
            }
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefused() async throws {
        try await TestStudio().application().test(.router) { client in
            try await client.execute(
                uri: "/sign-out", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "a=b")
            ) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("did not come from this site"))
            }
        }
    }
}
