import Foundation
import Hummingbird
import ProducerOffice

extension Routes {
    /// Availability polls: a producer or manager asks which dates people can make, members answer
    /// by the answer-by date, and closing the poll makes every "no" busy time for the member's
    /// person and repairs the schedule around it (`schedule --repair`).
    func addPollRoutes() {
        let services = services
        add(.get, "/projects/:project/polls", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let format = PlanFormat(project: snapshot)
            var polls: [[String: Any]] = []
            for poll in try await services.studio.polls(projectID: project.id).reversed() {
                let answers = try await services.studio.pollAnswers(pollID: poll.id)
                polls.append([
                    "id": poll.id, "title": poll.title, "answerBy": format.dayTime(poll.answerBy),
                    "state": PollState(poll, now: services.now()).rawValue,
                    "people": Set(answers.map(\.accountID)).count, "options": poll.options.count,
                ])
            }
            let data: [String: Any] = [
                "project": project.id, "polls": polls, "empty": polls.isEmpty, "mayBook": access.may(.book),
                "sessions": snapshot.sessions.filter { !$0.isDone }.map { ["id": $0.id, "title": $0.title] },
                "zone": snapshot.settings.timeZone,
            ]
            return Pages.page("polls", title: "Availability polls", data: data, context: context, access: access)
        }
        add(.post, "/projects/:project/polls", .project(.book)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let poll = try await Self.openPoll(
                title: form["title"], options: form["dates"], answerBy: form["answerBy"], session: form["session"],
                access: access, services: services)
            return .redirect(to: "/projects/\(poll.projectID)/polls/\(poll.id)")
        }
        add(.get, "/projects/:project/polls/:poll", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let poll = try await Self.poll(context, access: access, services: services)
            let page = try await PollPage.data(poll, access: access, services: services)
            return Pages.page("poll", title: poll.title, data: page, context: context, access: access)
        }
        add(.post, "/projects/:project/polls/:poll/answers", .project(.comment)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let poll = try await Self.poll(context, access: access, services: services)
            var answers: [Int: PollAnswer.Answer] = [:]
            for index in poll.options.indices {
                guard let text = form["option-\(index)"], !text.isEmpty else { continue }
                guard let answer = PollAnswer.Answer(rawValue: text) else {
                    throw ServerFailure.invalid("option-\(index): answer yes, maybe or no, not \"\(text.prefix(20))\".")
                }
                answers[index] = answer
            }
            try await Self.answer(poll, answers, access: access, services: services)
            return .redirect(to: "/projects/\(poll.projectID)/polls/\(poll.id)")
        }
        add(.post, "/projects/:project/polls/:poll/close", .project(.book)) { _, context, access in
            let poll = try await Self.poll(context, access: access, services: services)
            let outcome = try await Self.close(poll, access: access, services: services)
            var page = try await PollPage.data(outcome.poll, access: access, services: services)
            page["outcome"] = outcome.words
            return Pages.page("poll", title: poll.title, data: page, context: context, access: access)
        }
        add(.get, "/api/projects/:project/polls", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            var polls: [PollSummary] = []
            for poll in try await services.studio.polls(projectID: project.id) {
                polls.append(
                    PollSummary(
                        poll, answers: try await services.studio.pollAnswers(pollID: poll.id), now: services.now()))
            }
            return try .json(polls)
        }
        add(.post, "/api/projects/:project/polls", .project(.book)) { request, context, access in
            struct NewPoll: Decodable {
                var title: String
                var dates: [String]
                var answerBy: String
                var session: String?
            }
            var request = request
            let body = try await request.json(NewPoll.self, context: context)
            guard body.dates.count <= PollOptions.maxOptions else {
                throw ServerFailure.invalid("dates: at most \(PollOptions.maxOptions) dates in one poll.")
            }
            let poll = try await Self.openPoll(
                title: body.title, options: body.dates.joined(separator: "\n"), answerBy: body.answerBy,
                session: body.session, access: access, services: services)
            return try .json(PollSummary(poll, answers: [], now: services.now()), status: .created)
        }
        add(.get, "/api/projects/:project/polls/:poll", .project(.read)) { _, context, access in
            let poll = try await Self.poll(context, access: access, services: services)
            return try .json(
                PollSummary(poll, answers: try await services.studio.pollAnswers(pollID: poll.id), now: services.now()))
        }
        add(.post, "/api/projects/:project/polls/:poll/answers", .project(.comment)) { request, context, access in
            struct Answers: Decodable {
                var answers: [PollSummary.Answer]
            }
            var request = request
            let body = try await request.json(Answers.self, context: context)
            let poll = try await Self.poll(context, access: access, services: services)
            var answers: [Int: PollAnswer.Answer] = [:]
            for answer in body.answers.prefix(PollOptions.maxOptions) {
                guard poll.options.indices.contains(answer.option) else {
                    throw ServerFailure.invalid(
                        "option \(answer.option): the poll has options 0 to \(poll.options.count - 1).")
                }
                answers[answer.option] = answer.answer
            }
            try await Self.answer(poll, answers, access: access, services: services)
            return try .json(
                PollSummary(poll, answers: try await services.studio.pollAnswers(pollID: poll.id), now: services.now()))
        }
        add(.post, "/api/projects/:project/polls/:poll/close", .project(.book)) { _, context, access in
            let poll = try await Self.poll(context, access: access, services: services)
            let outcome = try await Self.close(poll, access: access, services: services)
            return try .json(
                PollSummary(
                    outcome.poll, answers: try await services.studio.pollAnswers(pollID: poll.id), now: services.now(),
                    outcome: outcome.words))
        }
    }

    /// The route's `:poll`, in the route's project only.
    static func poll(
        _ context: StudioContext, access: Access, services: StudioServices
    ) async throws -> AvailabilityPoll {
        let (project, _) = try access.member
        guard let id = context.parameters.get("poll"), id.utf8.count <= 64,
            let poll = try await services.studio.poll(id: id, projectID: project.id)
        else { throw ServerFailure.notFound("There is no such poll on this project.") }
        return poll
    }

    static func openPoll(
        title: String?, options: String?, answerBy: String?, session: String?, access: Access,
        services: StudioServices
    ) async throws -> AvailabilityPoll {
        let (project, _) = try access.member
        let account = try access.signedIn
        let snapshot = try await services.projects.store(for: project).snapshot()
        let reader = PollOptions(format: PlanFormat(project: snapshot))
        let title = (title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else {
            throw ServerFailure.invalid("title: give the poll a title of 1 to 200 characters.")
        }
        let dates = try reader.parse(options ?? "")
        let due = try reader.answerBy(answerBy ?? "")
        guard due > services.now() else {
            throw ServerFailure.invalid("answer by: the day has passed; give a day still to come.")
        }
        let sessionID = session.flatMap { $0.isEmpty ? nil : $0 }
        if let sessionID, !snapshot.sessions.contains(where: { $0.id == sessionID }) {
            throw ServerFailure.invalid("session: there is no such session in this project.")
        }
        let poll = AvailabilityPoll(
            projectID: project.id, title: title, sessionID: sessionID, options: dates, answerBy: due,
            createdBy: account.id, createdAt: services.now())
        try await services.studio.addPoll(poll)
        try await services.record(
            .pollOpened,
            "poll \"\(title)\" (\(dates.count) dates, answers by \(PlanFormat(project: snapshot).day(due)))",
            projectID: project.id, by: account, link: "/projects/\(project.id)/polls/\(poll.id)")
        return poll
    }

    static func answer(
        _ poll: AvailabilityPoll, _ answers: [Int: PollAnswer.Answer], access: Access, services: StudioServices
    ) async throws {
        let account = try access.signedIn
        let now = services.now()
        guard poll.closedAt == nil else {
            throw ServerFailure.conflict("This poll is closed; answers are no longer taken.")
        }
        guard now < poll.answerBy else {
            throw ServerFailure.conflict("Answers to this poll were due by the day it named; ask for it to be closed.")
        }
        guard !answers.isEmpty else { throw ServerFailure.invalid("Answer at least one date: yes, maybe or no.") }
        for (option, answer) in answers.sorted(by: { $0.key < $1.key }) {
            try await services.studio.addPollAnswer(
                PollAnswer(pollID: poll.id, accountID: account.id, option: option, answer: answer, at: now))
        }
        try await services.record(
            .pollAnswered, "poll \"\(poll.title)\"", projectID: poll.projectID, by: account,
            link: "/projects/\(poll.projectID)/polls/\(poll.id)")
    }

    /// Closes the poll: each "no" of a member who is one of the project's people becomes busy
    /// time for that person, and the schedule is repaired around it.
    static func close(
        _ poll: AvailabilityPoll, access: Access, services: StudioServices
    ) async throws -> (poll: AvailabilityPoll, words: String) {
        let (project, _) = try access.member
        let account = try access.signedIn
        guard poll.closedAt == nil else { throw ServerFailure.conflict("This poll is already closed.") }
        let now = services.now()
        let answers = try await services.studio.pollAnswers(pollID: poll.id)
        var busy: [(person: String, option: Int)] = []
        for answer in answers where answer.answer == .no {
            if let person = try await services.studio.membership(projectID: project.id, accountID: answer.accountID)?
                .personID
            {
                busy.append((person, answer.option))
            }
        }
        let store = try await services.projects.store(for: project)
        let noes = busy
        let added = try await store.update { snapshot in
            var added = 0
            for (person, option) in noes {
                guard let index = snapshot.people.firstIndex(where: { $0.id == person }),
                    poll.options.indices.contains(option)
                else { continue }
                let source = "poll:\(poll.id):\(option)"
                guard !snapshot.people[index].availability.exceptions.contains(where: { $0.source == source }) else {
                    continue
                }
                let range = poll.options[option]
                snapshot.people[index].availability.exceptions.append(
                    .init(
                        start: range.start, end: range.end, isBusy: true, note: "said no in \"\(poll.title)\"",
                        source: source))
                added += 1
            }
            return added
        }
        var closed = poll
        closed.closedAt = now
        try await services.studio.updatePoll(closed)
        var words = "\(added) busy time\(added == 1 ? "" : "s") added from the answers."
        do {
            let report = try await ScheduleJob(repair: true).run(store: store, now: now)
            switch report.status {
            case .scheduled:
                let moved = report.moved ?? 0
                words += " The schedule was repaired: \(moved) session\(moved == 1 ? "" : "s") moved."
            default:
                words +=
                    " The schedule could not be repaired around them: \(report.conflict?.summary ?? "no schedule fits")."
            }
        } catch let error as OfficeError {
            words += " The schedule was not repaired: \(error.message)"
        }
        try await services.record(
            .pollClosed, "poll \"\(poll.title)\": \(words)", projectID: project.id, by: account,
            link: "/projects/\(project.id)/polls/\(poll.id)")
        return (closed, words)
    }
}

/// Open, past its answer-by date, or closed.
enum PollState: String {
    case open
    case due = "answers due"
    case closed

    init(_ poll: AvailabilityPoll, now: Date) {
        self = poll.closedAt != nil ? .closed : now >= poll.answerBy ? .due : .open
    }
}
