extension OpenAPIDocument {
    /// The feed operations.
    static var feedPaths: [String: Any] { [:] }
    static var feedSchemas: [String: Any] { [:] }
}
