extension PageTemplates {
    /// The plan pages.
    static let plan: [String: String] = [:]
}
