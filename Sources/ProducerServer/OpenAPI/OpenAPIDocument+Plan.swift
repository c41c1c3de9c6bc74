extension OpenAPIDocument {
    /// The plan operations.
    static var planPaths: [String: Any] { [:] }
    static var planSchemas: [String: Any] { [:] }
}
