extension OpenAPIDocument {
    /// The notifications feed, the activity log and queued jobs.
    static var feedPaths: [String: Any] {
        [
            "/api/notifications": [
                "get": [
                    "summary":
                        "What others did on your projects, newest first; unread since you last marked them read.",
                    "responses": errors([401]).merging(["200": jsonResponse("the feed", ref("Notifications"))]) {
                        first, _ in first
                    },
                ] as [String: Any]
            ],
            "/api/projects/{project}/activity": [
                "get": planOperation(
                    "The project's activity log, newest first.",
                    response: ["type": "array", "items": ref("ActivityItem")])
            ],
            "/api/projects/{project}/jobs/{job}": [
                "get": planOperation("A queued job's state.", parameters: ["job"], response: ref("JobState"))
            ],
        ]
    }

    static var feedSchemas: [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let dateTime: [String: Any] = ["type": "string", "format": "date-time"]
        return [
            "ActivityItem": object(
                [
                    "id": string, "project": string, "projectName": string, "at": dateTime, "who": string,
                    "verb": string, "subject": string, "link": string, "unread": ["type": "boolean"],
                ], optional: ["link"]),
            "Notifications": object([
                "unread": ["type": "integer"], "items": ["type": "array", "items": ref("ActivityItem")],
            ]),
            "JobState": object(
                [
                    "id": string, "kind": string,
                    "state": ["type": "string", "enum": ["queued", "running", "done", "failed"]],
                    "attempts": ["type": "integer"], "enqueuedAt": dateTime, "finishedAt": dateTime, "error": string,
                ], optional: ["finishedAt", "error"]),
        ]
    }
}
