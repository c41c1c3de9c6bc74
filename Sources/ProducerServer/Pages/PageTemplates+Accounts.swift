extension PageTemplates {
    /// The accounts pages.
    static let accounts: [String: String] = [:]
}
