import Foundation
import Hummingbird
import ProducerOffice

extension Routes {
    /// Projects, their members and invitations, as pages and as the API.
    func addProjectRoutes() {
        let services = services
        let crew = Crew(services: services)

        add(.get, "/projects", .signedIn) { _, context, access in
            let rows = try await crew.projects(of: try access.signedIn)
            let data: [String: Any] = [
                "projects": rows.map { ["id": $0.id, "name": $0.name, "role": $0.role.rawValue] },
                "none": rows.isEmpty,
            ]
            return Pages.page("projects", title: "Projects", data: data, context: context, access: access)
        }
        add(.post, "/projects", .signedIn) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let project = try await crew.create(
                name: form["name"] ?? "", currency: form["currency"], timeZone: form["timeZone"],
                by: try access.signedIn)
            return .redirect(to: "/projects/\(project.id)")
        }
        add(.get, "/projects/:project", .project(.read)) { _, context, access in
            let (project, membership) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let members = try await crew.members(of: project)
            let activity = try await services.studio.activity(projectID: project.id, limit: 10)
            let names = Dictionary(members.map { ($0.accountID, $0.name) }) { first, _ in first }
            let data: [String: Any] = [
                "id": project.id, "name": project.name, "role": membership.role.rawValue,
                "songs": snapshot.songs.map { ["songID": $0.id, "title": $0.title, "status": $0.status.rawValue] },
                "noSongs": snapshot.songs.isEmpty,
                "members": members.map { ["name": $0.name, "role": $0.role.rawValue] },
                "seeMoney": access.may(.seeMoney), "invite": access.may(.invite),
                "activity": activity.map { entry -> [String: Any] in
                    var row: [String: Any] = [
                        "who": entry.accountID.flatMap { names[$0] } ?? "The studio", "verb": entry.verb.rawValue,
                        "subject": entry.subject, "at": Crew.dayAndTime(entry.at),
                    ]
                    if let link = entry.link { row["link"] = link }
                    return row
                },
            ]
            return Pages.page("project", title: project.name, data: data, context: context, access: access)
        }
        add(.get, "/projects/:project/members", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let members = try await crew.members(of: project)
            let snapshot = try await services.projects.store(for: project).snapshot()
            let people = Dictionary(snapshot.people.map { ($0.id, $0.name) }) { first, _ in first }
            let mayInvite = access.may(.invite)
            let roles = StudioRole.allCases.map(\.rawValue)
            var data: [String: Any] = [
                "id": project.id, "name": project.name, "invite": mayInvite,
                "members": members.map { member -> [String: Any] in
                    [
                        "accountID": member.accountID, "name": member.name, "email": member.email,
                        "role": member.role.rawValue, "person": member.personID.flatMap { people[$0] } ?? "",
                        "roles": roles.map { ["role": $0, "selected": $0 == member.role.rawValue] },
                    ]
                },
            ]
            if mayInvite {
                let now = services.now()
                let open = try await services.studio.invitations(projectID: project.id)
                    .filter { $0.acceptedAt == nil && $0.expiresAt > now }
                data["invitations"] = open.map {
                    [
                        "email": $0.email, "role": $0.role.rawValue, "link": "/invitations/\($0.id)",
                        "expires": Crew.dayAndTime($0.expiresAt),
                    ]
                }
                data["roles"] = roles
                data["people"] = snapshot.people.map { ["id": $0.id, "name": $0.name] }
            }
            return Pages.page(
                "members", title: "Members of \(project.name)", data: data, context: context, access: access)
        }
        add(.post, "/projects/:project/invitations", .project(.invite)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let (project, membership) = try access.member
            _ = try await crew.invite(
                email: form["email"] ?? "", role: form["role"] ?? "",
                personID: form["person"].flatMap { $0.isEmpty ? nil : $0 },
                to: project, by: try access.signedIn, as: membership)
            return .redirect(to: "/projects/\(project.id)/members")
        }
        add(.post, "/projects/:project/members/:account", .project(.invite)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let (project, membership) = try access.member
            let accountID = try context.parameters.require("account")
            if form["action"] == "remove" {
                try await crew.remove(accountID: accountID, from: project, by: membership)
            } else {
                try await crew.change(accountID: accountID, to: form["role"] ?? "", on: project, by: membership)
            }
            return .redirect(to: "/projects/\(project.id)/members")
        }
        add(.get, "/invitations/:invitation", .signedIn) { _, context, access in
            let (invitation, project) = try await crew.invitation(try context.parameters.require("invitation"))
            let inviter = try await services.studio.account(id: invitation.invitedBy)
            let now = services.now()
            let state: String
            if invitation.acceptedAt != nil {
                state = "This invitation has been accepted."
            } else if invitation.expiresAt <= now {
                state = "This invitation expired on \(Crew.dayAndTime(invitation.expiresAt)); ask for a new one."
            } else {
                state = ""
            }
            let data: [String: Any] = [
                "id": invitation.id, "project": project.name, "role": invitation.role.rawValue,
                "email": invitation.email, "inviter": inviter?.name ?? "Someone", "state": state, "open": state.isEmpty,
            ]
            return Pages.page("invitation", title: "Join \(project.name)", data: data, context: context, access: access)
        }
        add(.post, "/invitations/:invitation/accept", .signedIn) { _, context, access in
            let membership = try await crew.accept(
                try context.parameters.require("invitation"), by: try access.signedIn)
            return .redirect(to: "/projects/\(membership.projectID)")
        }

        add(.get, "/api/projects", .signedIn) { _, _, access in
            try .json(try await crew.projects(of: try access.signedIn))
        }
        add(.post, "/api/projects", .signedIn) { request, context, access in
            var request = request
            let body = try await request.json(Crew.NewProject.self, context: context)
            let project = try await crew.create(
                name: body.name, currency: body.currency, timeZone: body.timeZone, by: try access.signedIn)
            return try .json(
                Crew.ProjectView(id: project.id, name: project.name, role: .producer, createdAt: project.createdAt),
                status: .created)
        }
        add(.get, "/api/projects/:project", .project(.read)) { _, _, access in
            let (project, membership) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let detail = Crew.ProjectDetail(
                id: project.id, name: project.name, role: membership.role, createdAt: project.createdAt,
                currency: snapshot.settings.currency, timeZone: snapshot.settings.timeZone,
                songs: snapshot.songs.map { Crew.SongView(id: $0.id, title: $0.title, status: $0.status.rawValue) },
                members: try await crew.members(of: project))
            return try .json(detail)
        }
        add(.get, "/api/projects/:project/members", .project(.read)) { _, _, access in
            try .json(try await crew.members(of: try access.member.project))
        }
        add(.post, "/api/projects/:project/invitations", .project(.invite)) { request, context, access in
            var request = request
            let body = try await request.json(Crew.NewInvitation.self, context: context)
            let (project, membership) = try access.member
            let invitation = try await crew.invite(
                email: body.email, role: body.role, personID: body.personID, to: project, by: try access.signedIn,
                as: membership)
            return try .json(Crew.InvitationView(invitation), status: .created)
        }
        add(.post, "/api/invitations/:invitation/accept", .signedIn) { _, context, access in
            let account = try access.signedIn
            let membership = try await crew.accept(try context.parameters.require("invitation"), by: account)
            return try .json(
                Crew.MemberView(
                    accountID: account.id, name: account.name, email: account.email, role: membership.role,
                    personID: membership.personID, joinedAt: membership.joinedAt))
        }
    }
}
