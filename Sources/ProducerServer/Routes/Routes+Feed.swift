import Foundation
import Hummingbird
import ProducerJobs
import ProducerOffice

extension Routes {
    /// The notifications feed (what happened on your projects, by others, since you last looked),
    /// each project's activity log, and the state of a queued job.
    func addFeedRoutes() {
        let services = services
        add(.get, "/notifications", .signedIn) { _, context, access in
            let feed = try await Feed.notifications(for: try access.signedIn, services: services)
            let data: [String: Any] = [
                "items": Feed.pageItems(feed.items), "unread": feed.unread, "empty": feed.items.isEmpty,
            ]
            return Pages.page("notifications", title: "Notifications", data: data, context: context, access: access)
        }
        add(.post, "/notifications/seen", .signedIn) { _, _, access in
            var account = try access.signedIn
            account.notificationsSeenAt = services.now()
            try await services.studio.updateAccount(account)
            return .redirect(to: "/notifications")
        }
        add(.get, "/api/notifications", .signedIn) { _, _, access in
            try .json(try await Feed.notifications(for: try access.signedIn, services: services))
        }
        add(.get, "/projects/:project/activity", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let items = try await Feed.activity(of: project, services: services)
            let data: [String: Any] = ["items": Feed.pageItems(items), "empty": items.isEmpty]
            return Pages.page("activity", title: "Activity", data: data, context: context, access: access)
        }
        add(.get, "/api/projects/:project/activity", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            return try .json(try await Feed.activity(of: project, services: services))
        }
        add(.get, "/api/projects/:project/jobs/:job", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            guard let id = context.parameters.get("job"), id.utf8.count <= 64,
                let job = try await services.queue.job(id: id), job.projectID == project.id
            else { throw ServerFailure.notFound("There is no such job on this project.") }
            return try .json(JobState(job))
        }
    }
}

/// A queued job's state as the API gives it.
struct JobState: Encodable {
    var id: String
    var kind: String
    var state: String
    var attempts: Int
    var enqueuedAt: Date
    var finishedAt: Date?
    var error: String?

    init(_ record: JobRecord) {
        id = record.id
        kind = record.job.kind
        state = record.state.rawValue
        attempts = record.attempts
        enqueuedAt = record.enqueuedAt
        finishedAt = record.finishedAt
        error = record.error
    }
}

/// Activity as people read it: who did what, on which project, when, and whether it is new.
enum Feed {
    struct Item: Encodable {
        var id: String
        var project: String
        var projectName: String
        var at: Date
        var who: String
        var verb: String
        var subject: String
        var link: String?
        var unread: Bool
    }

    struct Notifications: Encodable {
        var unread: Int
        var items: [Item]
    }

    /// Entries shown per project.
    static let perProject = 100

    static func activity(of project: StudioProject, services: StudioServices) async throws -> [Item] {
        var names: [String: String] = [:]
        var items: [Item] = []
        for entry in try await services.studio.activity(projectID: project.id, limit: perProject) {
            items.append(try await item(entry, project: project, unread: false, names: &names, services: services))
        }
        return items
    }

    /// What others did on the account's projects, newest first; unread since `notificationsSeenAt`.
    static func notifications(for account: Account, services: StudioServices) async throws -> Notifications {
        var names: [String: String] = [:]
        var items: [Item] = []
        for membership in try await services.studio.memberships(accountID: account.id) {
            guard let project = try await services.studio.project(id: membership.projectID) else { continue }
            for entry in try await services.studio.activity(projectID: project.id, limit: perProject)
            where entry.accountID != account.id {
                let unread = entry.at > (account.notificationsSeenAt ?? .distantPast)
                items.append(try await item(entry, project: project, unread: unread, names: &names, services: services))
            }
        }
        // Newest first; at the same moment, each project's own order (newest first) is kept.
        let shown = items.enumerated().sorted { ($0.element.at, $1.offset) > ($1.element.at, $0.offset) }
            .prefix(perProject).map(\.element)
        return Notifications(unread: shown.filter(\.unread).count, items: shown)
    }

    private static func item(
        _ entry: ActivityEntry, project: StudioProject, unread: Bool, names: inout [String: String],
        services: StudioServices
    ) async throws -> Item {
        var who = "Producer"
        if let id = entry.accountID {
            if let name = names[id] {
                who = name
            } else {
                who = try await services.studio.account(id: id)?.name ?? "someone who left"
                names[id] = who
            }
        }
        return Item(
            id: entry.id, project: project.id, projectName: project.name, at: entry.at, who: who,
            verb: entry.verb.rawValue, subject: entry.subject, link: entry.link, unread: unread)
    }

    /// The items as the pages show them, times in UTC.
    static func pageItems(_ items: [Item]) -> [[String: Any]] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE d MMM yyyy HH:mm 'UTC'"
        return items.map { item in
            [
                "who": item.who, "verb": item.verb, "subject": item.subject, "link": item.link ?? "",
                "hasLink": item.link != nil, "at": formatter.string(from: item.at), "project": item.projectName,
                "unread": item.unread,
            ]
        }
    }
}
