import Foundation
import Hummingbird
import NIOCore
import ProducerOffice

/// The status page's data and the status API's JSON, with the money left out for roles that
/// may not see it.
enum StatusPage {
    /// The keys that carry money, left out of the JSON for roles without "see money".
    static let moneyKeys: Set<String> = ["budget", "bookedCost", "cancellationFees"]

    static func data(_ status: ProjectStatus, format: PlanFormat, seesMoney: Bool) -> [String: Any] {
        var data: [String: Any] = [
            "deadline": status.deadline.map(format.day) ?? "",
            "daysToDeadline": status.daysToDeadline.map { $0 >= 0 ? "\($0) days to go" : "\(-$0) days past" } ?? "",
            "songs": status.songs.map { song in
                [
                    "title": song.title, "status": song.status.rawValue,
                    "sessions": "\(song.sessionsDone) of \(song.sessionsTotal)",
                    "next": song.next.map { next in
                        song.nextStart.map { "\(next), \(format.dayTime($0))" } ?? next
                    } ?? "—",
                ]
            },
            "thisWeek": status.thisWeek.map { line in
                [
                    "when": "\(format.shortDay(line.start)) \(format.range(line.start, line.end))",
                    "session": line.session, "place": "\(line.studio) — \(line.room)",
                    "people": line.people.joined(separator: ", "), "status": line.status.rawValue,
                ]
            },
            "late": status.late.map { ["session": $0.session, "reason": $0.reason] },
            "unscheduled": status.unscheduled,
            "holdsToConfirm": status.holdsToConfirm,
            "sessions": "\(status.sessionsDone) of \(status.sessionsTotal) sessions done",
            "openOffers": status.openOffers.map { offer in
                [
                    "person": offer.person, "role": offer.role, "sessions": offer.sessions.joined(separator: ", "),
                    "answerBy": format.dayTime(offer.answerBy), "fee": seesMoney ? offer.fee.formatted : "",
                ]
            },
            "expiredOffers": status.expiredOffers,
            "lateTasks": status.lateTasks.map { task in
                [
                    "person": task.person, "title": task.title, "song": task.song ?? "",
                    "due": format.shortDay(task.due), "daysLate": task.daysLate, "rejected": task.rejected,
                ] as [String: Any]
            },
            "seesMoney": seesMoney,
        ]
        if seesMoney {
            let budget = status.budget
            data["booked"] = status.bookedCost.formatted
            data["budget"] =
                [
                    "plan": budget.plan.formatted, "committed": budget.committed.formatted,
                    "actual": budget.actual.formatted, "forecast": budget.forecast.formatted,
                    "over": budget.variance.minorUnits < 0,
                    "variance": Money(minorUnits: abs(budget.variance.minorUnits), currency: budget.variance.currency)
                        .formatted,
                    "warnings": budget.warnings,
                ] as [String: Any]
        }
        return data
    }

    /// The status as JSON; without "see money" the budget, costs and offer fees are left out.
    static func json(_ status: ProjectStatus, seesMoney: Bool) throws -> Response {
        let data = try JSONEncoder.studio.encode(status)
        guard !seesMoney, var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        for key in moneyKeys { object[key] = nil }
        if let offers = object["openOffers"] as? [[String: Any]] {
            object["openOffers"] = offers.map { offer in offer.filter { $0.key != "fee" } }
        }
        let trimmed = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: trimmed)))
    }
}
