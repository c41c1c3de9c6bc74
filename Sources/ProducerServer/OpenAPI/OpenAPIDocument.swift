import Foundation

/// The OpenAPI 3 description of `/api`, served at `/openapi.json`: each part of the server
/// describes its own paths and schemas in `OpenAPIDocument+Part.swift`, and a test checks that
/// the document and the routes name the same operations.
enum OpenAPIDocument {
    static var document: [String: Any] {
        var paths: [String: Any] = [:]
        var schemas: [String: Any] = commonSchemas
        for part in parts {
            for (path, operations) in part.paths {
                var merged = paths[path] as? [String: Any] ?? [:]
                merged.merge(operations as? [String: Any] ?? [:]) { first, _ in first }
                paths[path] = merged
            }
            schemas.merge(part.schemas) { first, _ in first }
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Producer studio server",
                "version": "1",
                "description": "Songs, versions, comments, approvals and the plan of the projects you are on.",
            ],
            "paths": paths,
            "components": [
                "schemas": schemas,
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"]
                ],
            ],
            "security": [["bearer": [String]()]],
        ]
    }

    /// The document as JSON text (sorted keys).
    static var json: Data {
        (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }

    static var parts: [(paths: [String: Any], schemas: [String: Any])] {
        [
            (accountsPaths, accountsSchemas), (projectsPaths, projectsSchemas), (songsPaths, songsSchemas),
            (planPaths, planSchemas), (feedPaths, feedSchemas),
        ]
    }

    /// The error every operation may answer.
    static var commonSchemas: [String: Any] {
        [
            "Error": [
                "type": "object",
                "required": ["error"],
                "properties": [
                    "error": [
                        "type": "object",
                        "required": ["code", "message"],
                        "properties": ["code": ["type": "string"], "message": ["type": "string"]],
                    ]
                ],
            ]
        ]
    }

    /// A reference to a schema of `components`.
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    /// A JSON response with `schema`.
    static func jsonResponse(_ description: String, _ schema: [String: Any]) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    /// The error responses, by status.
    static func errors(_ statuses: [Int]) -> [String: Any] {
        Dictionary(
            uniqueKeysWithValues: Set(statuses).sorted().map { ("\($0)", jsonResponse("refused", ref("Error"))) })
    }
}
