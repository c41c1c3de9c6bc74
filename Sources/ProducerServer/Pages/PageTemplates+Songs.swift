extension PageTemplates {
    /// The songs pages.
    static let songs: [String: String] = [:]
}
