extension OpenAPIDocument {
    /// The plan's operations: schedule, budget, deliverables, status, polls.
    static var planPaths: [String: Any] {
        [
            "/api/projects/{project}/schedule": [
                "get": planOperation(
                    "The project's bookings (not cancelled), soonest first; costs only for roles that see money.",
                    response: ["type": "array", "items": ref("ScheduleEntry")])
            ],
            "/api/projects/{project}/budget": [
                "get": planOperation(
                    "The budget: lines, songs and categories with plan, committed, actual and forecast.",
                    response: ref("BudgetReport"))
            ],
            "/api/projects/{project}/deliverables": [
                "get": planOperation(
                    "Deliverables and tasks, by due date, with their check findings.", response: ref("TaskList"))
            ],
            "/api/projects/{project}/status": [
                "get": planOperation(
                    "Where the project stands; without money for roles that may not see it.",
                    response: ref("ProjectStatus"))
            ],
            "/api/projects/{project}/produce": [
                "post": planOperation(
                    "Queues producer produce on the project's folder for a worker; the job's state follows at jobs/{job}.",
                    response: ref("JobState"), status: 202, errors: [409])
            ],
            "/api/projects/{project}/polls": [
                "get": planOperation(
                    "The project's availability polls with every answer.",
                    response: ["type": "array", "items": ref("Poll")]),
                "post": planOperation(
                    "Opens a poll: the dates (yyyy-MM-dd, or yyyy-MM-dd HH:mm-HH:mm) and the day answers are due by.",
                    body: ref("NewPoll"), response: ref("Poll"), status: 201, errors: [400]),
            ],
            "/api/projects/{project}/polls/{poll}": [
                "get": planOperation("One poll.", parameters: ["poll"], response: ref("Poll"))
            ],
            "/api/projects/{project}/polls/{poll}/answers": [
                "post": planOperation(
                    "Answers some of the poll's dates (yes, maybe, no); a later answer replaces an earlier one.",
                    parameters: ["poll"], body: ref("PollAnswers"), response: ref("Poll"), errors: [400, 409])
            ],
            "/api/projects/{project}/polls/{poll}/close": [
                "post": planOperation(
                    "Closes the poll: every no becomes busy time for the member's person and the schedule is repaired.",
                    parameters: ["poll"], response: ref("Poll"), errors: [409])
            ],
        ]
    }

    static var planSchemas: [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let dateTime: [String: Any] = ["type": "string", "format": "date-time"]
        let integer: [String: Any] = ["type": "integer"]
        let answer: [String: Any] = ["type": "string", "enum": ["yes", "maybe", "no"]]
        return [
            "Money": object(["minorUnits": integer, "currency": string]),
            "ScheduleEntry": object(
                [
                    "id": string, "session": string, "kind": string, "song": string, "start": dateTime,
                    "end": dateTime, "studio": string, "room": string, "people": ["type": "array", "items": string],
                    "status": ["type": "string", "enum": ["hold", "confirmed"]], "cost": ref("Money"),
                ], optional: ["song", "cost"]),
            "BudgetReport": [
                "type": "object", "required": ["currency", "lines", "songs", "categories", "total", "warnings"],
                "properties": [
                    "currency": string, "lines": ["type": "array", "items": ["type": "object"]],
                    "songs": ["type": "array", "items": ["type": "object"]],
                    "categories": ["type": "array", "items": ["type": "object"]], "total": ["type": "object"],
                    "warnings": ["type": "array", "items": string],
                ],
            ],
            "TaskList": [
                "type": "object", "required": ["tasks"],
                "properties": ["tasks": ["type": "array", "items": ["type": "object"]]],
            ],
            "ProjectStatus": [
                "type": "object", "required": ["project", "now", "songs", "sessionsDone", "sessionsTotal"],
                "properties": [
                    "project": string, "now": dateTime, "songs": ["type": "array", "items": ["type": "object"]],
                    "sessionsDone": integer, "sessionsTotal": integer,
                ],
            ],
            "Poll": object(
                [
                    "id": string, "title": string, "session": string, "answerBy": dateTime,
                    "state": ["type": "string", "enum": ["open", "answers due", "closed"]],
                    "options": [
                        "type": "array",
                        "items": object(["index": integer, "start": dateTime, "end": dateTime]),
                    ],
                    "answers": [
                        "type": "array", "items": object(["account": string, "option": integer, "answer": answer]),
                    ],
                    "outcome": string,
                ], optional: ["session", "outcome"]),
            "NewPoll": object(
                [
                    "title": ["type": "string", "minLength": 1, "maxLength": 200],
                    "dates": [
                        "type": "array", "minItems": 1, "maxItems": PollOptions.maxOptions,
                        "items": [
                            "type": "string", "example": "2027-03-04 10:00-18:00",
                            "pattern": #"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}-\d{2}:\d{2})?$"#,
                        ],
                    ],
                    "answerBy": ["type": "string", "format": "date", "example": "2027-03-01"],
                    "session": ["type": "string", "nullable": true],
                ], optional: ["session"]),
            "PollAnswers": object([
                "answers": [
                    "type": "array", "minItems": 1,
                    "items": object([
                        "option": ["type": "integer", "minimum": 0, "maximum": PollOptions.maxOptions - 1],
                        "answer": answer,
                    ]),
                ]
            ]),
        ]
    }

    /// An object whose properties are all required but `optional`, and no others allowed.
    static func object(_ properties: [String: Any], optional: Set<String> = []) -> [String: Any] {
        [
            "type": "object", "properties": properties,
            "required": properties.keys.filter { !optional.contains($0) }.sorted(),
        ]
    }

    /// A project operation: the `project` path parameter (and `parameters`), a JSON answer, and
    /// the refusals every project route may give (401, 403, 404) with `errors`.
    static func planOperation(
        _ summary: String, parameters: [String] = [], body: [String: Any]? = nil, response: [String: Any],
        status: Int = 200, errors extra: [Int] = []
    ) -> [String: Any] {
        var operation: [String: Any] = [
            "summary": summary,
            "parameters": (["project"] + parameters).map { name in
                ["name": name, "in": "path", "required": true, "schema": ["type": "string"]] as [String: Any]
            },
        ]
        var responses = errors([401, 403, 404] + extra + (body == nil ? [] : [400, 413]))
        responses["\(status)"] = jsonResponse("done", response)
        operation["responses"] = responses
        if let body {
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        return operation
    }
}
