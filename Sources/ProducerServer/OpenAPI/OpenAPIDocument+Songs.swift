extension OpenAPIDocument {
    /// The songs operations.
    static var songsPaths: [String: Any] { [:] }
    static var songsSchemas: [String: Any] { [:] }
}
