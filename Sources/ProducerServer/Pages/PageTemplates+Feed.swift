extension PageTemplates {
    /// The feed pages.
    static let feed: [String: String] = [:]
}
