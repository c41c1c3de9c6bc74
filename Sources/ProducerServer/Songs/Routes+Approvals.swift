import Foundation
import Hummingbird
import ProducerOffice

extension SongDesk {
    /// Approves `version`: a mix needs the role's approve-mix permission, a master approve-master;
    /// a take is not approved.
    func approve(_ version: SongVersion, note: String?, access: Access) async throws -> Approval {
        let (project, membership) = try access.member
        let account = try access.signedIn
        let kind: Approval.Kind
        switch version.kind {
        case .take:
            throw ServerFailure(
                .unprocessableContent, "invalid", "A take is not approved: approve the mix or the master made from it.")
        case .mix:
            kind = .mix
            guard access.may(.approveMix) else {
                throw ServerFailure.forbidden("As \(membership.role.rawValue) you may not approve mixes.")
            }
        case .master:
            kind = .master
            guard access.may(.approveMaster) else {
                throw ServerFailure.forbidden("As \(membership.role.rawValue) you may not approve masters.")
            }
        }
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (trimmed?.count ?? 0) <= 2000 else {
            throw ServerFailure(.unprocessableContent, "invalid", "note: keep it to 2000 characters.")
        }
        let approval = Approval(
            projectID: project.id, versionID: version.id, kind: kind, accountID: account.id, role: membership.role,
            note: trimmed?.isEmpty == false ? trimmed : nil, at: services.now())
        try await services.studio.addApproval(approval)
        try await services.record(
            .approved, try await versionSubject(version, access: access), projectID: project.id, by: account,
            link: songLink(version))
        return approval
    }

    /// Sends an approved mix to mastering: refused (409) until someone whose role is artist
    /// approved that very mix.
    func sendToMastering(_ version: SongVersion, access: Access) async throws -> SongVersion {
        let (project, _) = try access.member
        let name = try await versionSubject(version, access: access)
        guard version.kind == .mix else {
            throw ServerFailure(
                .unprocessableContent, "invalid", "Only a mix goes to mastering; \(name) is a \(version.kind.rawValue)."
            )
        }
        guard version.stage == .uploaded else {
            throw ServerFailure.conflict("\(name) is already \(version.stage.rawValue).")
        }
        let approvals = try await services.studio.approvals(projectID: project.id, versionID: version.id)
        guard approvals.contains(where: { $0.kind == .mix && $0.role == .artist }) else {
            throw ServerFailure.conflict("\(name) cannot go to mastering until the artist approves it.")
        }
        var sent = version
        sent.stage = .sentToMastering
        try await services.studio.updateVersion(sent)
        try await services.record(
            .sentToMastering, name, projectID: project.id, by: access.account, link: songLink(sent))
        return sent
    }

    /// Delivers an approved master: refused (409) until someone whose role is producer approved it.
    func deliver(_ version: SongVersion, access: Access) async throws -> SongVersion {
        let (project, _) = try access.member
        let name = try await versionSubject(version, access: access)
        guard version.kind == .master else {
            throw ServerFailure(
                .unprocessableContent, "invalid", "Only a master is delivered; \(name) is a \(version.kind.rawValue).")
        }
        guard version.stage != .delivered else { throw ServerFailure.conflict("\(name) is already delivered.") }
        let approvals = try await services.studio.approvals(projectID: project.id, versionID: version.id)
        guard approvals.contains(where: { $0.kind == .master && $0.role == .producer }) else {
            throw ServerFailure.conflict("\(name) cannot be delivered until the producer approves it.")
        }
        var delivered = version
        delivered.stage = .delivered
        try await services.studio.updateVersion(delivered)
        try await services.record(
            .delivered, name, projectID: project.id, by: access.account, link: songLink(delivered))
        return delivered
    }

    /// "mix 2 of Night Trains".
    func versionSubject(_ version: SongVersion, access: Access) async throws -> String {
        let (project, _) = try access.member
        let songs = try await services.projects.store(for: project).snapshot().songs
        let title = songs.first { $0.id == version.songID }?.title ?? "a song"
        return "\(version.kind.rawValue) \(version.number) of \(title)"
    }
}
