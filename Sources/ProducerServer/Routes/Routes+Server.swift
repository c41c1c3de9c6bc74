import Hummingbird
import NIOCore

extension Routes {
    /// `GET /health`, the style sheet, the API document, and `/`: the projects when signed in, else the sign-in page.
    func addServerRoutes() {
        add(.get, "/health", .anyone) { _, _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        add(.get, "/style.css", .anyone) { _, _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: PageTemplates.styleSheet)))
        }
        add(.get, "/openapi.json", .anyone) { _, _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
        }
        add(.get, "/", .anyone) { _, context, _ in
            .redirect(to: context.identity == nil ? "/sign-in" : "/projects")
        }
    }
}
