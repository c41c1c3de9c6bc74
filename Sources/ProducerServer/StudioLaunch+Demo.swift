import Foundation
import ProducerOffice

extension StudioLaunch {
    /// The demo's sign-in: an account that is the demo project's producer.
    public struct DemoAccount: Sendable {
        public var email: String
        public var password: String
    }

    /// Prepares the served demo: the demo producer's account (a new password each time), and the
    /// song's produced mix as its first version, queued for analysis, with a comment on it.
    public func prepareDemo(project folder: String) async throws -> DemoAccount {
        let email = "demo@producer.local"
        let password = String(Identifier.secret().prefix(16))
        let hash = await Passwords.hash(password, cost: configuration.bcryptCost)
        let now = services.now()
        let account: Account
        if var existing = try await services.studio.account(email: email) {
            existing.passwordHash = hash
            try await services.studio.updateAccount(existing)
            account = existing
        } else {
            account = Account(email: email, name: "Demo Producer", passwordHash: hash, createdAt: now)
            try await services.studio.addAccount(account)
        }
        try await services.welcome(account)
        guard let home = services.home,
            let membership = try await services.studio.membership(projectID: home.id, accountID: account.id)
        else { return DemoAccount(email: email, password: password) }
        try await addDemoMix(folder: folder, project: home, account: account, membership: membership)
        return DemoAccount(email: email, password: password)
    }

    /// The first song's `out/SONG/mix.wav`, as mix 1 of that song, unless the song has versions.
    private func addDemoMix(
        folder: String, project: StudioProject, account: Account, membership: Membership
    ) async throws {
        let snapshot = try await services.projects.store(for: project).snapshot()
        guard
            let song = snapshot.songs.first(where: {
                FileManager.default.fileExists(atPath: folder + "/out/\($0.id)/mix.wav")
            }),
            try await services.studio.versions(projectID: project.id, songID: song.id).isEmpty,
            let input = FileHandle(forReadingAtPath: folder + "/out/\(song.id)/mix.wav")
        else { return }
        defer { try? input.close() }
        let desk = SongDesk(services: services, configuration: configuration)
        let id = Identifier.secret()
        let file = try UploadFile(
            folder: desk.uploadsFolder(projectID: project.id), versionID: id, limit: configuration.maxUploadBytes)
        do {
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(chunk) }
        } catch {
            file.remove()
            throw error
        }
        let access = Access(
            account: account, project: project, membership: membership, permissions: services.permissions)
        let version = try await desk.addVersion(
            file, id: id, fileName: "mix.wav", kind: "mix", song: song, access: access)
        let start = Int64(min(5, Double(version.frameCount) / version.sampleRate / 2) * version.sampleRate)
        try await services.studio.addComment(
            SongComment(
                projectID: project.id, songID: song.id, versionID: id, authorID: account.id,
                body: "Listen from here: is the lead vocal sitting on top of the band?", startFrame: start,
                createdAt: services.now()))
        try await services.record(
            .commented, "mix 1 of \(song.title)", projectID: project.id, by: account,
            link: "/projects/\(project.id)/songs/\(song.id)?version=\(id)")
    }
}
