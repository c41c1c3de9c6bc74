import Foundation

/// What the budget sets aside: an amount for one category of spending, for one song or for the
/// whole album.
public struct BudgetLine: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// The song it is for; nil for the album as a whole (artwork, marketing, contingency…).
    public var songID: String?
    public var category: BudgetCategory
    /// What it is for, in words ("Strings on two songs").
    public var description: String
    /// The amount planned.
    public var planned: Money

    public init(
        id: String = Identifier.make(), songID: String? = nil, category: BudgetCategory, description: String = "",
        planned: Money
    ) {
        self.id = id
        self.songID = songID
        self.category = category
        self.description = description
        self.planned = planned
    }
}

extension BudgetLine {
    /// What the line is for: its description, or its category's name when it has none.
    public var what: String { description.isEmpty ? category.title : description }
}

/// The kinds of spending a record's budget is kept in.
public enum BudgetCategory: String, Hashable, Sendable, Codable, CaseIterable {
    case studio, musicians, engineering, mixing, mastering, equipment, travel, artwork, marketing, contingency
}
