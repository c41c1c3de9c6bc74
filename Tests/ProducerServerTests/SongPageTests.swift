import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ProducerOffice
import ProducerServer
import Testing

@Suite struct SongPageTests {
    @Test func theSongPageShowsTheVersionsThePlayerAndTheWaveform() async throws {
        let fixture = try await SongFixture()
        let wav = try SongFixture.wav(seconds: 100)
        try await fixture.studio.application().test(.router) { client in
            let mix = try #require(try await fixture.upload(client, name: "Night <Trains> mix.wav", file: wav).1)
            try await fixture.setGrid(mix.id, seconds: 100, tempo: 96, firstDownbeat: 0.25)
            let page = try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)", as: .engineer)
            #expect(
                page.contains(
                    "<audio id=\"player\" controls preload=\"metadata\" src=\"\(fixture.base)/versions/\(mix.id)/audio\""
                ))
            #expect(page.contains("<svg id=\"waveform\" class=\"waveform\" viewBox=\"0 0 4 100\""))
            #expect(page.contains("M2 6.8V93.2"))
            #expect(page.contains("Night &lt;Trains&gt; mix.wav"))
            #expect(!page.contains("Night <Trains>"))
            #expect(page.contains(mix.sha256))
            #expect(page.contains("1:40.000"))
            #expect(page.contains("-14.0"))
            #expect(page.contains("96.0"))
            #expect(page.contains("action=\"\(fixture.base)/songs/\(fixture.songID)/versions?_csrf="))
            #expect(page.contains("enctype=\"multipart/form-data\""))
            // A viewer sees the player but no forms to upload, comment or approve.
            let viewer = try await fixture.page(client, "\(fixture.base)/songs/\(fixture.songID)", as: .viewer)
            #expect(viewer.contains("<audio id=\"player\""))
            #expect(!viewer.contains("enctype=\"multipart/form-data\""))
            #expect(!viewer.contains("name=\"body\""))
            #expect(!viewer.contains(">Approve<"))
            try await client.execute(
                uri: "\(fixture.base)/songs/no-such-song", method: .get, headers: fixture.bearer(.viewer)
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func theAPIDocumentDescribesEverySongsOperation() async throws {
        let fixture = try await SongFixture()
        try await fixture.studio.application().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let document = try #require(
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                let paths = try #require(document["paths"] as? [String: Any])
                let routes = StudioServer.routes(services: fixture.studio.services).filter {
                    $0.isAPI && $0.path != "/openapi.json"
                        && ($0.path.contains("/songs") || $0.path.contains("/versions")
                            || $0.path.contains("/comments"))
                }
                #expect(routes.count == 11)
                for route in routes {
                    let path = route.path.split(separator: "/").map {
                        $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                    }.joined(separator: "/")
                    let operations = paths["/" + path] as? [String: Any]
                    #expect(operations?[route.method.lowercased()] != nil, "\(route)")
                }
            }
        }
    }
}
