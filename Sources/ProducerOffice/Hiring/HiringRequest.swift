import Foundation

/// What `producer hire` asks for: a role, perhaps a style, the days and sessions the person is
/// needed for, and perhaps a budget for their fee.
public struct HiringRequest: Hashable, Sendable {
    /// The role to fill (`backup singer`).
    public var role: Role
    /// A style they should play or sing in (`soul`), in lower case; nil when any will do.
    public var style: String?
    /// The days they are needed, as local midnights in the project's time zone (`--on`).
    public var days: [Date]
    /// The sessions they are needed for, by id (`--session`).
    public var sessionIDs: [String]
    /// The most the fee for the needed time should be (`--budget`).
    public var budget: Money?

    public init(role: Role, style: String? = nil, days: [Date] = [], sessionIDs: [String] = [], budget: Money? = nil) {
        self.role = role
        self.style = style.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        self.days = days
        self.sessionIDs = sessionIDs
        self.budget = budget
    }
}
