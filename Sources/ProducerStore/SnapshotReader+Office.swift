import Foundation
import ProducerOffice
import SQLKit

/// The budget, expenses, offers, tasks, tracklist and settings documents.
extension SnapshotReader {
    func readOffice(into snapshot: inout ProjectSnapshot) async throws {
        snapshot.budget = try await rows("budget_lines").map { row in
            BudgetLine(
                id: try row.decode(column: "id", as: String.self),
                songID: try row.decode(column: "song_id", as: String?.self),
                category: try category(row, "budget_lines.category"),
                description: try row.decode(column: "description", as: String.self),
                planned: try money(row, "planned_minor_units", "planned_currency"))
        }
        snapshot.expenses = try await rows("expenses").map { row in
            Expense(
                id: try row.decode(column: "id", as: String.self),
                date: try ColumnCoding.date(
                    try row.decode(column: "spent_on", as: String.self), column: "expenses.spent_on"),
                songID: try row.decode(column: "song_id", as: String?.self),
                category: try category(row, "expenses.category"),
                description: try row.decode(column: "description", as: String.self),
                amount: try money(row, "amount_minor_units", "amount_currency"),
                payee: try row.decode(column: "payee", as: String?.self),
                receipt: try row.decode(column: "receipt", as: String?.self),
                covers: try row.decode(column: "covers", as: String?.self))
        }
        snapshot.offers = try await rows("offers").map { row in
            Offer(
                id: try row.decode(column: "id", as: String.self),
                personID: try row.decode(column: "person_id", as: String.self),
                role: Role(try row.decode(column: "role", as: String.self)),
                sessionIDs: try ColumnCoding.words(
                    try row.decode(column: "sessions_json", as: String.self), column: "offers.sessions_json"),
                fee: try money(row, "fee_minor_units", "fee_currency"),
                sentAt: try ColumnCoding.date(
                    try row.decode(column: "sent_at", as: String.self), column: "offers.sent_at"),
                answerBy: try ColumnCoding.date(
                    try row.decode(column: "answer_by", as: String.self), column: "offers.answer_by"),
                status: try ColumnCoding.value(
                    try row.decode(column: "status", as: String.self), as: Offer.Status.self, column: "offers.status"),
                answeredAt: try ColumnCoding.date(
                    try row.decode(column: "answered_at", as: String?.self), column: "offers.answered_at"),
                note: try row.decode(column: "note", as: String.self))
        }
        snapshot.tasks = try await rows("tasks").map { row in
            ProjectTask(
                id: try row.decode(column: "id", as: String.self),
                personID: try row.decode(column: "person_id", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                songID: try row.decode(column: "song_id", as: String?.self),
                deliverable: try row.decode(column: "deliverable", as: String?.self).map {
                    try ColumnCoding.value($0, as: ProjectTask.Deliverable.self, column: "tasks.deliverable")
                },
                due: try ColumnCoding.date(try row.decode(column: "due", as: String.self), column: "tasks.due"),
                state: try ColumnCoding.value(
                    try row.decode(column: "state", as: String.self), as: ProjectTask.State.self,
                    column: "tasks.state"),
                completedAt: try ColumnCoding.date(
                    try row.decode(column: "completed_at", as: String?.self), column: "tasks.completed_at"),
                file: try row.decode(column: "file", as: String?.self),
                findings: try ColumnCoding.words(
                    try row.decode(column: "findings_json", as: String.self), column: "tasks.findings_json"))
        }
        let tracks = try await rows("tracklist")
        if let first = tracks.first {
            var sides: [Int] = []
            for row in tracks {
                let side = try row.decode(column: "side", as: Int.self)
                if side > 0 {
                    if sides.count < side { sides += Array(repeating: 0, count: side - sides.count) }
                    sides[side - 1] += 1
                }
            }
            snapshot.tracklist = Tracklist(
                songIDs: try tracks.map { try $0.decode(column: "song_id", as: String.self) }, sides: sides,
                madeAt: try ColumnCoding.date(
                    try first.decode(column: "made_at", as: String.self), column: "tracklist.made_at"))
        }
        let documents = try await sql.select().column("*").from("project_documents").all()
        for row in documents {
            let name = try row.decode(column: "name", as: String.self)
            let json = try row.decode(column: "json", as: String.self)
            switch name {
            case "union scale":
                snapshot.scaleRates = try ColumnCoding.document(
                    json, as: UnionScaleRates.self, column: "project_documents.json")
            case "delivery rules":
                snapshot.deliveryRules = try ColumnCoding.document(
                    json, as: DeliveryRules.self, column: "project_documents.json")
            default: continue
            }
        }
    }

    private func category(_ row: any SQLRow, _ column: String) throws -> BudgetCategory {
        try ColumnCoding.value(
            try row.decode(column: "category", as: String.self), as: BudgetCategory.self, column: column)
    }
}
