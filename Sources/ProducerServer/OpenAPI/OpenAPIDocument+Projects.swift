import Foundation
import ProducerOffice

extension OpenAPIDocument {
    /// The projects operations: your projects, a new one, a project, its members, invitations.
    static var projectsPaths: [String: Any] {
        let project = pathParameter("project")
        return [
            "/api/projects": [
                "get": [
                    "operationId": "listProjects",
                    "summary": "The projects you are on, with your role.",
                    "responses": responses(
                        "200", jsonResponse("your projects", ["type": "array", "items": ref("Project")]), errors: [401]),
                ],
                "post": [
                    "operationId": "createProject",
                    "summary": "Start a project with its own database; you are its producer.",
                    "requestBody": jsonBody(ref("NewProject")),
                    "responses": responses(
                        "201", jsonResponse("the new project", ref("Project")), errors: [400, 401, 403, 413]),
                ],
            ],
            "/api/projects/{project}": [
                "get": [
                    "operationId": "getProject",
                    "summary": "A project: its songs and members.",
                    "parameters": [project],
                    "responses": responses(
                        "200", jsonResponse("the project", ref("ProjectDetail")), errors: [401, 403, 404]),
                ]
            ],
            "/api/projects/{project}/members": [
                "get": [
                    "operationId": "listMembers",
                    "summary": "Who is on the project, as what.",
                    "parameters": [project],
                    "responses": responses(
                        "200", jsonResponse("the members", ["type": "array", "items": ref("Member")]),
                        errors: [401, 403, 404]),
                ]
            ],
            "/api/projects/{project}/invitations": [
                "post": [
                    "operationId": "invite",
                    "summary": "Invite someone with a role; send them the invitation's link (no mail is sent).",
                    "parameters": [project],
                    "requestBody": jsonBody(ref("NewInvitation")),
                    "responses": responses(
                        "201", invitationResponse, errors: [400, 401, 403, 404, 409, 413]),
                ]
            ],
            "/api/invitations/{invitation}/accept": [
                "post": [
                    "operationId": "acceptInvitation",
                    "summary": "Join the invitation's project with its role (once, before it expires).",
                    "parameters": [pathParameter("invitation")],
                    "responses": responses(
                        "200", jsonResponse("your membership", ref("Member")), errors: [401, 403, 404, 409, 422]),
                ]
            ],
        ]
    }

    /// A new invitation, linked to accepting it.
    static var invitationResponse: [String: Any] {
        var response = jsonResponse("the invitation", ref("Invitation"))
        response["links"] = [
            "acceptInvitation": [
                "operationId": "acceptInvitation", "parameters": ["invitation": "$response.body#/id"],
            ]
        ]
        return response
    }

    /// The time zones a new project may count its days in.
    static let timeZones: [String] = Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"])).sorted()

    static var projectsSchemas: [String: Any] {
        let role: [String: Any] = ["type": "string", "enum": StudioRole.allCases.map(\.rawValue)]
        let member = object(
            [
                "accountID": ["type": "string"], "name": ["type": "string"], "email": ["type": "string"], "role": role,
                "personID": ["type": "string", "nullable": true],
                "joinedAt": ["type": "string", "format": "date-time"],
            ], required: ["accountID", "name", "email", "role", "joinedAt"])
        return [
            "Project": object(
                [
                    "id": ["type": "string"], "name": ["type": "string"], "role": role,
                    "createdAt": ["type": "string", "format": "date-time"],
                ], required: ["id", "name", "role", "createdAt"]),
            "ProjectDetail": object(
                [
                    "id": ["type": "string"], "name": ["type": "string"], "role": role,
                    "createdAt": ["type": "string", "format": "date-time"], "currency": ["type": "string"],
                    "timeZone": ["type": "string"],
                    "songs": [
                        "type": "array",
                        "items": object(
                            ["id": ["type": "string"], "title": ["type": "string"], "status": ["type": "string"]],
                            required: ["id", "title", "status"]),
                    ],
                    "members": ["type": "array", "items": ref("Member")],
                ], required: ["id", "name", "role", "createdAt", "currency", "timeZone", "songs", "members"]),
            "Member": member,
            "NewProject": object(
                [
                    "name": ["type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\S"],
                    "currency": ["type": "string", "pattern": "^[A-Z]{3}$", "nullable": true],
                    "timeZone": ["type": "string", "enum": timeZones as [Any] + [NSNull()], "nullable": true],
                ], required: ["name"]),
            "NewInvitation": object(
                [
                    "email": ["type": "string", "format": "email"], "role": role,
                    "personID": ["type": "string", "nullable": true],
                ], required: ["email", "role"]),
            "Invitation": object(
                [
                    "id": ["type": "string"], "projectID": ["type": "string"], "email": ["type": "string"],
                    "role": role, "personID": ["type": "string", "nullable": true],
                    "link": ["type": "string"], "expiresAt": ["type": "string", "format": "date-time"],
                ], required: ["id", "projectID", "email", "role", "link", "expiresAt"]),
        ]
    }
}
