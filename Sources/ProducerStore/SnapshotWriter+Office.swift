import Foundation
import ProducerOffice
import SQLKit

/// The budget, expenses, offers, tasks, tracklist and settings documents.
extension SnapshotWriter {
    func save(_ change: Diff<BudgetLine>.Change) async throws {
        let line = change.record
        try await saveRow(
            "budget_lines", id: line.id, exists: change.exists,
            [
                ("position", change.position), ("song_id", line.songID), ("category", line.category.rawValue),
                ("description", line.description), ("planned_minor_units", line.planned.minorUnits),
                ("planned_currency", line.planned.currency),
            ])
    }

    func save(_ change: Diff<Expense>.Change) async throws {
        let expense = change.record
        try await saveRow(
            "expenses", id: expense.id, exists: change.exists,
            [
                ("position", change.position), ("spent_on", ColumnCoding.text(expense.date)),
                ("song_id", expense.songID), ("category", expense.category.rawValue),
                ("description", expense.description), ("amount_minor_units", expense.amount.minorUnits),
                ("amount_currency", expense.amount.currency), ("payee", expense.payee), ("receipt", expense.receipt),
                ("covers", expense.covers),
            ])
    }

    func save(_ change: Diff<Offer>.Change) async throws {
        let offer = change.record
        try await saveRow(
            "offers", id: offer.id, exists: change.exists,
            [
                ("position", change.position), ("person_id", offer.personID), ("role", offer.role.name),
                ("sessions_json", try ColumnCoding.json(offer.sessionIDs)),
                ("fee_minor_units", offer.fee.minorUnits), ("fee_currency", offer.fee.currency),
                ("sent_at", ColumnCoding.text(offer.sentAt)), ("answer_by", ColumnCoding.text(offer.answerBy)),
                ("status", offer.status.rawValue), ("answered_at", ColumnCoding.text(offer.answeredAt)),
                ("note", offer.note),
            ])
    }

    func save(_ change: Diff<ProjectTask>.Change) async throws {
        let task = change.record
        try await saveRow(
            "tasks", id: task.id, exists: change.exists,
            [
                ("position", change.position), ("person_id", task.personID), ("title", task.title),
                ("song_id", task.songID), ("deliverable", task.deliverable?.rawValue),
                ("due", ColumnCoding.text(task.due)), ("state", task.state.rawValue),
                ("completed_at", ColumnCoding.text(task.completedAt)), ("file", task.file),
                ("findings_json", try ColumnCoding.json(task.findings)),
            ])
    }

    /// Replaces the saved running order.
    func saveTracklist(_ tracklist: Tracklist?) async throws {
        try await sql.delete(from: "tracklist").run()
        guard let tracklist else { return }
        var sides: [Int] = []
        for (side, count) in tracklist.sides.enumerated() { sides += Array(repeating: side + 1, count: count) }
        let madeAt = ColumnCoding.text(tracklist.madeAt)
        try await insert(
            "tracklist",
            tracklist.songIDs.enumerated().map { position, songID in
                [
                    ("position", position), ("song_id", songID),
                    ("side", position < sides.count ? sides[position] : 0), ("made_at", madeAt),
                ]
            })
    }

    /// Replaces (or, for nil, removes) a settings document.
    func saveDocument<Document: Encodable>(_ name: String, _ document: Document?) async throws {
        try await sql.delete(from: "project_documents").where("name", .equal, name).run()
        guard let document else { return }
        try await insert("project_documents", [("name", name), ("json", try ColumnCoding.document(document))])
    }
}
