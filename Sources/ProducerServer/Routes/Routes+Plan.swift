import Foundation
import Hummingbird
import ProducerJobs
import ProducerOffice

extension Routes {
    /// The plan in the browser: the schedule as a calendar per person and room, the budget (for
    /// roles that see money), the deliverables with their check results, the status, the
    /// `produce` report's pages, and the availability polls (``addPollRoutes()``).
    func addPlanRoutes() {
        let services = services
        add(.get, "/projects/:project/schedule", .project(.read)) { request, context, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let format = PlanFormat(project: snapshot)
            let query = request.uri.queryParameters
            let by = ScheduleCalendar.Rows(rawValue: query["by"].map(String.init) ?? "person") ?? .person
            let only = query["only"].map(String.init)
            var week = ScheduleCalendar.firstWeek(of: snapshot, now: services.now())
            if let text = query["week"] {
                guard let day = format.parseDay(String(text)) else {
                    throw ServerFailure.invalid("week: \"\(text)\" is not a day written as 2027-03-01.")
                }
                week = format.weekStart(day)
            }
            let calendar = ScheduleCalendar(project: snapshot, weekStart: week, rows: by, only: only)
            let base = "/projects/\(project.id)/schedule"
            let previous = format.calendar.date(byAdding: .day, value: -7, to: week) ?? week
            let next = format.calendar.date(byAdding: .day, value: 7, to: week) ?? week
            let data: [String: Any] = [
                "project": project.id,
                "week": format.day(week),
                "byPerson": by == .person,
                "zone": snapshot.settings.timeZone,
                "previous": "\(base)?by=\(by.rawValue)&week=\(format.isoDay(previous))",
                "next": "\(base)?by=\(by.rawValue)&week=\(format.isoDay(next))",
                "byPersonLink": "\(base)?by=person&week=\(format.isoDay(week))",
                "byRoomLink": "\(base)?by=room&week=\(format.isoDay(week))",
                "filtered": only != nil,
                "days": calendar.days.map { ["name": format.shortDay($0)] },
                "rows": calendar.rows.map { row in
                    [
                        "name": row.name,
                        "link": "\(base)?by=\(by.rawValue)&only=\(row.id)&week=\(format.isoDay(week))",
                        "cells": row.days.map { entries in
                            [
                                "entries": entries.map { entry in
                                    [
                                        "session": entry.session, "song": entry.song ?? "", "time": entry.time,
                                        "place": by == .person ? entry.place : entry.people, "status": entry.status,
                                    ] as [String: Any]
                                }
                            ]
                        },
                    ] as [String: Any]
                },
                "empty": calendar.rows.allSatisfy { $0.days.allSatisfy(\.isEmpty) },
            ]
            return Pages.page("schedule", title: "Schedule", data: data, context: context, access: access)
        }
        add(.get, "/api/projects/:project/schedule", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            return try .json(ScheduleEntry.all(in: snapshot, withCost: access.may(.seeMoney)))
        }
        add(.get, "/projects/:project/budget", .project(.seeMoney)) { _, context, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let report = BudgetReport(project: snapshot, now: services.now())
            func figures(_ label: String, _ figures: BudgetReport.Figures) -> [String: Any] {
                [
                    "label": label, "plan": figures.plan.formatted, "committed": figures.committed.formatted,
                    "actual": figures.actual.formatted, "forecast": figures.forecast.formatted,
                    "variance": figures.variance.formatted, "over": figures.variance.minorUnits < 0,
                ]
            }
            func row(_ row: BudgetReport.Row) -> [String: Any] { figures(row.label, row.figures) }
            let data: [String: Any] = [
                "total": figures("Total", report.total),
                "lines": report.lines.map(row), "songs": report.songs.map(row),
                "categories": report.categories.map(row), "warnings": report.warnings,
                "healthy": report.warnings.isEmpty,
            ]
            return Pages.page("budget", title: "Budget", data: data, context: context, access: access)
        }
        add(.get, "/api/projects/:project/budget", .project(.seeMoney)) { _, _, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            return try .json(BudgetReport(project: snapshot, now: services.now()))
        }
        add(.get, "/projects/:project/deliverables", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let now = services.now()
            let tasks = TaskList(project: snapshot, now: now).tasks
            let report = DeliveryReport(project: snapshot, now: now)
            let format = PlanFormat(project: snapshot)
            let data: [String: Any] = [
                "tasks": tasks.map { task in
                    [
                        "text": task.text, "person": task.person, "title": task.title, "song": task.song ?? "",
                        "deliverable": task.deliverable?.rawValue ?? "", "due": format.day(task.due),
                        "state": task.state.rawValue, "late": task.isLate, "findings": task.findings,
                        "rejected": task.state == .rejected, "delivered": task.state == .delivered,
                    ] as [String: Any]
                },
                "people": report.people.map { line in
                    [
                        "person": line.person, "due": line.due, "onTime": line.onTime,
                        "percent": line.onTimePercent.map { "\($0) %" } ?? "—", "overdue": line.overdue.count,
                        "open": line.open,
                    ] as [String: Any]
                },
                "empty": tasks.isEmpty,
            ]
            return Pages.page("deliverables", title: "Deliverables", data: data, context: context, access: access)
        }
        add(.get, "/api/projects/:project/deliverables", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            return try .json(TaskList(project: snapshot, now: services.now()))
        }
        add(.get, "/projects/:project/status", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let status = ProjectStatus(project: snapshot, now: services.now())
            let data = StatusPage.data(status, format: PlanFormat(project: snapshot), seesMoney: access.may(.seeMoney))
            return Pages.page("status", title: "Status", data: data, context: context, access: access)
        }
        add(.get, "/api/projects/:project/status", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            let snapshot = try await services.projects.store(for: project).snapshot()
            let status = ProjectStatus(project: snapshot, now: services.now())
            return try StatusPage.json(status, seesMoney: access.may(.seeMoney))
        }
        add(.get, "/projects/:project/report", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            if ReportFiles.hasReport(project) { return .redirect(to: "/projects/\(project.id)/report/index.html") }
            let data: [String: Any] = [
                "project": project.id, "inFolder": ProjectDatabases.folder(of: project.location) != nil,
                "mayBook": access.may(.book),
            ]
            return Pages.page("no-report", title: "Report", data: data, context: context, access: access)
        }
        add(.post, "/projects/:project/produce", .project(.book)) { _, _, access in
            let job = try await Self.produce(access: access, services: services)
            return .redirect(to: "/projects/\(job.project)/report?job=\(job.id)")
        }
        add(.post, "/api/projects/:project/produce", .project(.book)) { _, _, access in
            let job = try await Self.produce(access: access, services: services)
            guard let record = try await services.queue.job(id: job.id) else { throw ServerFailure.notFound() }
            return try .json(JobState(record), status: .accepted)
        }
        add(.get, "/projects/:project/report/**", .project(.read)) { _, context, access in
            let (project, _) = try access.member
            let rest = context.parameters.getCatchAll().map(String.init)
            return try ReportFiles.response(project: project, path: rest)
        }
        addPollRoutes()
    }

    /// Queues `producer produce` on the project's folder for a worker; the report's pages follow.
    static func produce(access: Access, services: StudioServices) async throws -> (project: String, id: String) {
        let (project, _) = try access.member
        guard let folder = ProjectDatabases.folder(of: project.location) else {
            throw ServerFailure.conflict(
                "This project has no folder the server can read (it is kept only in PostgreSQL): run producer produce where its files are."
            )
        }
        let id = try await services.queue.enqueue(
            .produce(ProduceJob(project: folder)), projectID: project.id, now: services.now())
        try await services.record(
            .produced, "the whole project (job \(id.prefix(6)))", projectID: project.id,
            by: try access.signedIn, link: "/projects/\(project.id)/report")
        return (project.id, id)
    }
}
