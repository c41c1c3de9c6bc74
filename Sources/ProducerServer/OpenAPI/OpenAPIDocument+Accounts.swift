extension OpenAPIDocument {
    /// The accounts operations.
    static var accountsPaths: [String: Any] { [:] }
    static var accountsSchemas: [String: Any] { [:] }
}
