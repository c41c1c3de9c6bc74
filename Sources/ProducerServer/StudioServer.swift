import Hummingbird
import Logging

/// The studio server: the web app where everyone on a record works, over a studio's store.
///
/// ```swift
/// let app = StudioServer.application(StudioServer.Configuration(port: 8080), services: services)
/// try await app.runService()
/// ```
/// Tests run the same application in process (`app.test(.router)`).
public enum StudioServer {
    /// The application: every route of ``routes(services:configuration:)`` behind the error
    /// pages, the sign-in authenticator and the CSRF check.
    public static func application(
        _ configuration: Configuration = Configuration(), services: StudioServices, logger: Logger? = nil
    ) -> some ApplicationProtocol {
        let router = router(services: services, configuration: configuration)
        var log = logger ?? Logger(label: "producer.server")
        if logger == nil { log.logLevel = .notice }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            logger: log)
    }

    /// The router with its middleware, for tests that want it without an application.
    public static func router(services: StudioServices, configuration: Configuration) -> Router<StudioContext> {
        let router = Router(context: StudioContext.self)
        let routes = Routes(router: router, services: services, configuration: configuration)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(table: routes.table))
        router.add(middleware: SignInAuthenticator(services: services))
        router.add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies))
        routes.addAll()
        return router
    }

    /// Every route the server answers, with what it requires: the table the route × role test walks.
    public static func routes(services: StudioServices, configuration: Configuration = Configuration()) -> [StudioRoute]
    {
        let routes = Routes(
            router: Router(context: StudioContext.self), services: services, configuration: configuration)
        routes.addAll()
        return routes.table.routes
    }
}
