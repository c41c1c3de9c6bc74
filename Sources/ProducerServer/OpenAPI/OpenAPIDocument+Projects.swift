extension OpenAPIDocument {
    /// The projects operations.
    static var projectsPaths: [String: Any] { [:] }
    static var projectsSchemas: [String: Any] { [:] }
}
