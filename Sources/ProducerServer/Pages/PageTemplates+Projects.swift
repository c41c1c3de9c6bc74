extension PageTemplates {
    /// The projects pages.
    static let projects: [String: String] = [:]
}
