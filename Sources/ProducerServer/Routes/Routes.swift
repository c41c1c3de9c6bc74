import Hummingbird
import ProducerOffice

/// The routes as they are registered: each with its requirement, checked before its handler
/// runs, and recorded in ``table`` so the route × role test walks exactly what the server answers.
///
/// Each part of the server adds its routes in its own `Routes+Part.swift`.
struct Routes {
    let router: Router<StudioContext>
    let services: StudioServices
    let configuration: StudioServer.Configuration
    let table = RouteTable()

    typealias Handler = @Sendable (Request, StudioContext, Access) async throws -> Response

    func addAll() {
        addServerRoutes()
        addAccountRoutes()
        addProjectRoutes()
        addSongRoutes()
        addCommentRoutes()
        addPlanRoutes()
        addFeedRoutes()
    }

    /// Registers `handler` for `method path`, behind `requirement`.
    ///
    /// A page route whose visitor is not signed in is sent to the sign-in page (the API answers
    /// 401); a project route answers 404 to anyone who is not a member (so a project's existence
    /// does not leak) and 403 to a member whose role lacks the permission.
    func add(
        _ method: HTTPRequest.Method, _ path: String, _ requirement: StudioRoute.Requirement,
        _ handler: @escaping Handler
    ) {
        table.routes.append(StudioRoute(method: method.rawValue, path: path, requirement: requirement))
        let services = services
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let access = try await Self.check(requirement, context: context, services: services)
            return try await handler(request, context, access)
        }
    }

    static func check(
        _ requirement: StudioRoute.Requirement, context: StudioContext, services: StudioServices
    ) async throws -> Access {
        var access = Access(account: context.identity, permissions: services.permissions)
        switch requirement {
        case .anyone:
            return access
        case .signedIn:
            guard context.identity != nil else { throw ServerFailure.signInNeeded }
            return access
        case .project(let permission):
            guard let account = context.identity else { throw ServerFailure.signInNeeded }
            guard let id = context.parameters.get("project"), id.utf8.count <= 64,
                let (project, membership) = try await services.studio.memberProject(
                    projectID: id, accountID: account.id)
            else { throw ServerFailure.notFound("There is no such project, or you are not on it.") }
            access.project = project
            access.membership = membership
            guard services.permissions.allows(membership.role, permission) else {
                throw ServerFailure.forbidden(
                    "As \(membership.role.rawValue) on \(project.name) you may not \(permission.phrase).")
            }
            return access
        }
    }
}

/// The routes registered so far (filled while the router is built, read after).
final class RouteTable: @unchecked Sendable {
    var routes: [StudioRoute] = []
}

extension StudioPermission {
    /// What the permission lets a person do, after "you may not".
    var phrase: String {
        switch self {
        case .read: "see it"
        case .upload: "upload"
        case .comment: "comment"
        case .approveMix: "approve mixes"
        case .approveMaster: "approve masters"
        case .book: "book sessions or assign tasks"
        case .seeMoney: "see the money"
        case .invite: "invite people"
        }
    }
}
