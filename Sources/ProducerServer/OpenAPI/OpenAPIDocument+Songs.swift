extension OpenAPIDocument {
    /// The songs operations: songs, versions (raw-body uploads), comments, approvals and the steps
    /// approvals gate.
    static var songsPaths: [String: Any] {
        let project = songsParameter("project")
        let song = songsParameter("song")
        let version = songsParameter("version")
        let comment = songsParameter("comment")
        return [
            "/api/projects/{project}/songs": [
                "get": songsOperation(
                    "listSongs", "The project's songs.", parameters: [project],
                    ok: ("200", jsonResponse("the songs", ["type": "array", "items": ref("SongSummary")])),
                    errors: [401, 403, 404])
            ],
            "/api/projects/{project}/songs/{song}/versions": [
                "get": songsOperation(
                    "listVersions", "A song's versions, oldest first.", parameters: [project, song],
                    ok: ("200", jsonResponse("the versions", ["type": "array", "items": ref("SongVersion")])),
                    errors: [401, 403, 404]),
                "post": songsOperation(
                    "uploadVersion",
                    "Uploads a take, mix or master as the raw body (WAV or AIFF), streamed to disk and checked.",
                    parameters: [
                        project, song,
                        [
                            "name": "kind", "in": "query", "required": true,
                            "schema": ["type": "string", "enum": ["take", "mix", "master"]],
                        ],
                        ["name": "name", "in": "query", "required": false, "schema": ["type": "string"]],
                        [
                            "name": "X-Checksum-SHA256", "in": "header", "required": false,
                            "description": "The file's SHA-256 in hex; a mismatch is refused.",
                            "schema": ["type": "string"],
                        ],
                    ],
                    body: [
                        "required": true,
                        "content": [
                            "application/octet-stream": ["schema": ["type": "string", "format": "binary"]],
                            "audio/wav": ["schema": ["type": "string", "format": "binary"]],
                            "audio/aiff": ["schema": ["type": "string", "format": "binary"]],
                        ],
                    ],
                    ok: ("201", jsonResponse("the new version", ref("SongVersion"))),
                    errors: [400, 401, 403, 404, 413, 422]),
            ],
            "/api/projects/{project}/versions/{version}": [
                "get": songsOperation(
                    "getVersion", "One version with its analysis.", parameters: [project, version],
                    ok: ("200", jsonResponse("the version", ref("SongVersion"))), errors: [401, 403, 404])
            ],
            "/api/projects/{project}/songs/{song}/comments": [
                "get": songsOperation(
                    "listComments",
                    "A song's comments on every version, oldest first, at most 1000 a call: page on with offset.",
                    parameters: [
                        project, song,
                        [
                            "name": "limit", "in": "query", "required": false,
                            "schema": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 1000],
                        ],
                        [
                            "name": "offset", "in": "query", "required": false,
                            "schema": ["type": "integer", "minimum": 0, "maximum": 1_000_000_000, "default": 0],
                        ],
                    ],
                    ok: ("200", jsonResponse("the comments", ["type": "array", "items": ref("SongComment")])),
                    errors: [401, 403, 404]),
                "post": songsOperation(
                    "addComment",
                    "Comments on a version, on a range (start and end as 1:23, 1:23.500, 83.5 or bar:beat 12:3) or the whole of it, or replies to a comment.",
                    parameters: [project, song], body: songsJSONBody(ref("CommentDraft")),
                    ok: ("201", jsonResponse("the comment", ref("SongComment"))),
                    errors: [400, 401, 403, 404, 422]),
            ],
            "/api/projects/{project}/comments/{comment}/resolve": [
                "post": songsOperation(
                    "resolveComment", "Marks a comment resolved.", parameters: [project, comment],
                    ok: ("200", jsonResponse("the comment", ref("SongComment"))), errors: [401, 403, 404])
            ],
            "/api/projects/{project}/comments/{comment}/task": [
                "post": songsOperation(
                    "makeTaskOfComment", "Makes a project task of a comment, for a person, due on a day.",
                    parameters: [project, comment], body: songsJSONBody(ref("TaskDraft")),
                    ok: ("201", jsonResponse("the task", ref("CommentTask"))),
                    errors: [400, 401, 403, 404, 409, 422])
            ],
            "/api/projects/{project}/versions/{version}/approvals": [
                "post": songsOperation(
                    "approveVersion",
                    "Approves a mix (for mastering) or a master (for delivery), as the caller's role.",
                    parameters: [project, version], body: songsJSONBody(ref("ApprovalDraft")),
                    ok: ("201", jsonResponse("the approval", ref("Approval"))),
                    errors: [400, 401, 403, 404, 422])
            ],
            "/api/projects/{project}/versions/{version}/mastering": [
                "post": songsOperation(
                    "sendToMastering", "Sends a mix the artist approved to mastering.",
                    parameters: [project, version], ok: ("200", jsonResponse("the version", ref("SongVersion"))),
                    errors: [401, 403, 404, 409, 422])
            ],
            "/api/projects/{project}/versions/{version}/delivery": [
                "post": songsOperation(
                    "deliverMaster", "Delivers a master the producer approved.", parameters: [project, version],
                    ok: ("200", jsonResponse("the version", ref("SongVersion"))),
                    errors: [401, 403, 404, 409, 422])
            ],
        ]
    }

    static var songsSchemas: [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let integer: [String: Any] = ["type": "integer"]
        let number: [String: Any] = ["type": "number"]
        let date: [String: Any] = ["type": "string", "format": "date-time"]
        return [
            "SongSummary": songsObject(
                ["id": string, "title": string, "tempo": number, "versionCount": integer],
                required: ["id", "title", "versionCount"]),
            "VersionAnalysis": songsObject(
                [
                    "seconds": number, "integratedLUFS": number, "truePeakDBTP": number, "tempo": number,
                    "firstDownbeatSeconds": number, "beatsPerBar": integer,
                    "peaks": ["type": "array", "items": number],
                ], required: ["seconds", "beatsPerBar", "peaks"]),
            "SongVersion": songsObject(
                [
                    "id": string, "projectID": string, "songID": string,
                    "kind": ["type": "string", "enum": ["take", "mix", "master"]], "number": integer,
                    "fileName": string, "storedPath": string, "byteCount": integer, "sha256": string,
                    "sampleRate": number, "channelCount": integer, "frameCount": integer, "uploadedBy": string,
                    "uploadedAt": date,
                    "stage": ["type": "string", "enum": ["uploaded", "sent to mastering", "delivered"]],
                    "analysis": ref("VersionAnalysis"),
                    "analysisState": ["type": "string", "enum": ["queued", "running", "done", "failed"]],
                    "analysisError": string,
                ],
                required: [
                    "id", "projectID", "songID", "kind", "number", "fileName", "storedPath", "byteCount", "sha256",
                    "sampleRate", "channelCount", "frameCount", "uploadedBy", "uploadedAt", "stage", "analysisState",
                ]),
            "SongComment": songsObject(
                [
                    "id": string, "projectID": string, "songID": string, "versionID": string, "parentID": string,
                    "authorID": string, "body": string, "startFrame": integer, "endFrame": integer,
                    "startBeat": number, "endBeat": number, "resolved": ["type": "boolean"], "createdAt": date,
                    "taskID": string,
                ],
                required: ["id", "projectID", "songID", "versionID", "authorID", "body", "resolved", "createdAt"]),
            "CommentDraft": songsObject(
                [
                    "version": string, "start": string, "end": string,
                    "body": ["type": "string", "minLength": 1, "maxLength": 5000], "parent": string,
                ], required: ["version", "body"]),
            "TaskDraft": songsObject(
                ["person": string, "due": ["type": "string", "format": "date"]], required: ["person", "due"]),
            "CommentTask": songsObject(
                [
                    "id": string, "personID": string, "title": string, "songID": string, "deliverable": string,
                    "due": date, "state": ["type": "string", "enum": ["open", "rejected", "delivered", "done"]],
                    "completedAt": date, "file": string, "findings": ["type": "array", "items": string],
                ], required: ["id", "personID", "title", "due", "state", "findings"]),
            "ApprovalDraft": songsObject(["note": string], required: []),
            "Approval": songsObject(
                [
                    "id": string, "projectID": string, "versionID": string,
                    "kind": ["type": "string", "enum": ["mix", "master"]], "accountID": string,
                    "role": [
                        "type": "string",
                        "enum": [
                            "producer", "artist", "manager", "songwriter", "engineer", "session player", "viewer",
                        ],
                    ],
                    "note": string, "at": date,
                ], required: ["id", "projectID", "versionID", "kind", "accountID", "role", "at"]),
        ]
    }

    /// A path parameter named `name` (an identifier).
    static func songsParameter(_ name: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "schema": ["type": "string"]]
    }

    /// An operation of the songs part.
    static func songsOperation(
        _ id: String, _ summary: String, parameters: [[String: Any]], body: [String: Any]? = nil,
        ok: (String, [String: Any]), errors statuses: [Int]
    ) -> [String: Any] {
        var responses = errors(statuses)
        responses[ok.0] = ok.1
        var operation: [String: Any] = [
            "operationId": id, "summary": summary, "tags": ["songs"], "parameters": parameters, "responses": responses,
        ]
        if let body { operation["requestBody"] = body }
        return operation
    }

    /// A required JSON request body.
    static func songsJSONBody(_ schema: [String: Any]) -> [String: Any] {
        ["required": true, "content": ["application/json": ["schema": schema]]]
    }

    /// An object schema.
    static func songsObject(_ properties: [String: Any], required: [String]) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
}
