extension OpenAPIDocument {
    /// The accounts operations: sign up, sign in (a Bearer token), sign out, who am I.
    static var accountsPaths: [String: Any] {
        [
            "/api/accounts": [
                "post": [
                    "operationId": "signUp",
                    "summary": "Make an account (the password is kept as a bcrypt hash).",
                    "security": [[String: Any]](),
                    "requestBody": jsonBody(ref("SignUp")),
                    "responses": responses(
                        "201", jsonResponse("the new account", ref("Account")), errors: [400, 403, 409, 413]),
                ]
            ],
            "/api/session": [
                "post": [
                    "operationId": "signIn",
                    "summary": "Sign in: the token to send as `Authorization: Bearer`.",
                    "security": [[String: Any]](),
                    "requestBody": jsonBody(ref("SignIn")),
                    "responses": responses(
                        "201", jsonResponse("signed in", ref("Session")), errors: [400, 401, 403, 413, 429]),
                ],
                "delete": [
                    "operationId": "signOut",
                    "summary": "Sign out: the token stops working.",
                    "responses": responses("204", ["description": "signed out"], errors: [401, 403]),
                ],
            ],
            "/api/me": [
                "get": [
                    "operationId": "me",
                    "summary": "The signed-in account.",
                    "responses": responses("200", jsonResponse("the account", ref("Account")), errors: [401]),
                ]
            ],
        ]
    }

    static var accountsSchemas: [String: Any] {
        [
            "Account": object(
                [
                    "id": ["type": "string"], "name": ["type": "string"], "email": ["type": "string"],
                    "createdAt": ["type": "string", "format": "date-time"],
                ], required: ["id", "name", "email", "createdAt"]),
            "SignUp": object(
                [
                    "name": ["type": "string", "minLength": 1, "maxLength": 100, "pattern": "\\S"],
                    "email": ["type": "string", "format": "email", "maxLength": 254],
                    "password": ["type": "string", "minLength": 10, "maxLength": 256],
                ], required: ["name", "email", "password"]),
            "SignIn": object(
                ["email": ["type": "string", "minLength": 1], "password": ["type": "string", "minLength": 1]],
                required: ["email", "password"]),
            "Session": object(
                [
                    "token": ["type": "string"], "account": ref("Account"),
                    "expiresAt": ["type": "string", "format": "date-time"],
                ], required: ["token", "account", "expiresAt"]),
        ]
    }

    /// The responses of an operation: `success` under `status`, and the errors by status.
    static func responses(_ status: String, _ success: [String: Any], errors statuses: [Int]) -> [String: Any] {
        var all = errors(statuses)
        all[status] = success
        return all
    }

    /// A required JSON request body with `schema`.
    static func jsonBody(_ schema: [String: Any]) -> [String: Any] {
        ["required": true, "content": ["application/json": ["schema": schema]]]
    }

    /// An object schema with these properties, `required` of them required.
    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    /// A path parameter `name` (a string).
    static func pathParameter(_ name: String) -> [String: Any] {
        ["name": name, "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
    }
}
