import Foundation

/// Money actually spent, recorded with `producer expenses add`: an invoice paid, a receipt kept.
public struct Expense: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// When it was spent.
    public var date: Date
    /// The song it was for; nil for the album as a whole.
    public var songID: String?
    public var category: BudgetCategory
    public var description: String
    public var amount: Money
    /// Who was paid, if said.
    public var payee: String?
    /// The receipt's path, as given (relative to the project folder when inside it).
    public var receipt: String?
    /// The booking or offer this pays, by id: its committed amount becomes actual.
    public var covers: String?

    public init(
        id: String = Identifier.make(), date: Date, songID: String? = nil, category: BudgetCategory,
        description: String, amount: Money, payee: String? = nil, receipt: String? = nil, covers: String? = nil
    ) {
        self.id = id
        self.date = date
        self.songID = songID
        self.category = category
        self.description = description
        self.amount = amount
        self.payee = payee
        self.receipt = receipt
        self.covers = covers
    }
}
