/// What went wrong in the studio's store, in words: a duplicate, a missing record, a refused change.
public struct StudioStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A record with that key (an account's email, a member) already exists.
        case duplicate
        /// No such record (or not in that project).
        case notFound
        /// The change breaks a rule (an expired invitation, a closed poll).
        case refused
        /// Data that does not read (the permission matrix, a stored JSON column).
        case invalid
        /// The database failed or could not be reached.
        case unavailable
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
