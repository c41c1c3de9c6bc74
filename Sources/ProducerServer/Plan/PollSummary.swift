import Foundation
import ProducerOffice

/// A poll as the API gives it: its dates, answer-by, state, and every member's answers.
struct PollSummary: Codable {
    struct Option: Codable {
        var index: Int
        var start: Date
        var end: Date
    }

    struct Answer: Codable {
        var option: Int
        var answer: PollAnswer.Answer
    }

    struct MemberAnswer: Codable {
        var account: String
        var option: Int
        var answer: PollAnswer.Answer
    }

    var id: String
    var title: String
    var session: String?
    var answerBy: Date
    var state: String
    var options: [Option]
    var answers: [MemberAnswer]
    /// What closing did, once closed through the API call that closed it.
    var outcome: String?

    init(_ poll: AvailabilityPoll, answers: [PollAnswer], now: Date, outcome: String? = nil) {
        id = poll.id
        title = poll.title
        session = poll.sessionID
        answerBy = poll.answerBy
        state = PollState(poll, now: now).rawValue
        options = poll.options.enumerated().map {
            Option(index: $0.offset, start: $0.element.start, end: $0.element.end)
        }
        self.answers = answers.sorted { ($0.accountID, $0.option) < ($1.accountID, $1.option) }.map {
            MemberAnswer(account: $0.accountID, option: $0.option, answer: $0.answer)
        }
        self.outcome = outcome
    }
}

/// The poll page: the dates as columns, each member's answers as a row, and the answer form.
enum PollPage {
    static func data(_ poll: AvailabilityPoll, access: Access, services: StudioServices) async throws -> [String: Any] {
        let (project, _) = try access.member
        let account = try access.signedIn
        let snapshot = try await services.projects.store(for: project).snapshot()
        let reader = PollOptions(format: PlanFormat(project: snapshot))
        let answers = try await services.studio.pollAnswers(pollID: poll.id)
        let members = try await services.studio.members(projectID: project.id)
        var rows: [[String: Any]] = []
        for member in members {
            let name = try await services.studio.account(id: member.accountID)?.name ?? "someone"
            let person = member.personID.flatMap { id in snapshot.people.first { $0.id == id }?.name }
            let mine = answers.filter { $0.accountID == member.accountID }
            rows.append([
                "name": name, "person": person ?? "", "role": member.role.rawValue,
                "answers": poll.options.indices.map { index in
                    let answer = mine.first { $0.option == index }?.answer.rawValue ?? ""
                    return ["answer": answer.isEmpty ? "—" : answer, "yes": answer == "yes", "no": answer == "no"]
                        as [String: Any]
                },
            ])
        }
        let state = PollState(poll, now: services.now())
        let myAnswers = answers.filter { $0.accountID == account.id }
        return [
            "project": project.id, "id": poll.id, "title": poll.title, "state": state.rawValue,
            "answerBy": PlanFormat(project: snapshot).dayTime(poll.answerBy),
            "session": poll.sessionID.flatMap { id in snapshot.sessions.first { $0.id == id }?.title } ?? "",
            "options": poll.options.enumerated().map { index, option in
                let mine = myAnswers.first { $0.option == index }?.answer
                return [
                    "index": index, "name": reader.describe(option),
                    "yes": answers.filter { $0.option == index && $0.answer == .yes }.count,
                    "mineYes": mine == .yes, "mineMaybe": mine == .maybe, "mineNo": mine == .no,
                ] as [String: Any]
            },
            "rows": rows,
            "mayAnswer": state == .open && access.may(.comment),
            "mayClose": poll.closedAt == nil && access.may(.book),
        ]
    }
}
