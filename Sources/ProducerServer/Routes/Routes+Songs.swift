import Foundation
import Hummingbird
import NIOCore
import ProducerOffice

extension Routes {
    /// The song page, uploads, the player's audio, approvals and the steps they gate; the API's
    /// songs and versions.
    func addSongRoutes() {
        let desk = SongDesk(services: services, configuration: configuration)
        add(.get, "/projects/:project/songs/:song", .project(.read)) { request, context, access in
            let songID = context.parameters.get("song") ?? ""
            let (song, snapshot) = try await desk.projectSong(songID, access: access)
            let query = request.uri.queryParameters
            let chosen = query["version"].map(String.init)
            let page = query["page"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
            let data = try await desk.songPageData(
                song: song, snapshot: snapshot, chosen: chosen, page: page, access: access, context: context)
            var shown = data
            shown["csrf"] = context.csrfToken
            return Pages.page(body: SongPageHTML.body(shown), title: song.title, context: context, access: access)
        }
        add(.post, "/projects/:project/songs/:song/versions", .project(.upload)) { request, context, access in
            let (song, _) = try await desk.projectSong(context.parameters.get("song") ?? "", access: access)
            let (project, _) = try access.member
            let versionID = Identifier.secret()
            let received = try await desk.receiveForm(request, projectID: project.id, versionID: versionID)
            let version = try await desk.addVersion(
                received.file, id: versionID, fileName: received.fileName, kind: received.kind, song: song,
                access: access)
            return .redirect(to: "/projects/\(project.id)/songs/\(song.id)?version=\(version.id)")
        }
        add(.get, "/projects/:project/versions/:version/audio", .project(.read)) { request, context, access in
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            return try await desk.audio(version, request: request, context: context)
        }
        add(.post, "/projects/:project/versions/:version/approvals", .project(.read)) { request, context, access in
            var request = request
            let form = try await request.form(context: context)
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            _ = try await desk.approve(version, note: form["note"], access: access)
            return .redirect(to: desk.songLink(version))
        }
        add(.post, "/projects/:project/versions/:version/mastering", .project(.upload)) { _, context, access in
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            let sent = try await desk.sendToMastering(version, access: access)
            return .redirect(to: desk.songLink(sent))
        }
        add(.post, "/projects/:project/versions/:version/delivery", .project(.book)) { _, context, access in
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            let delivered = try await desk.deliver(version, access: access)
            return .redirect(to: desk.songLink(delivered))
        }

        add(.get, "/api/projects/:project/songs", .project(.read)) { _, _, access in
            let (project, _) = try access.member
            let snapshot = try await desk.services.projects.store(for: project).snapshot()
            var songs: [SongDesk.SongSummary] = []
            for song in snapshot.songs {
                let versions = try await desk.services.studio.versions(projectID: project.id, songID: song.id)
                songs.append(
                    SongDesk.SongSummary(
                        id: song.id, title: song.title, tempo: song.tempo, versionCount: versions.count))
            }
            return try .json(songs)
        }
        add(.get, "/api/projects/:project/songs/:song/versions", .project(.read)) { _, context, access in
            let (song, _) = try await desk.projectSong(context.parameters.get("song") ?? "", access: access)
            let (project, _) = try access.member
            return try .json(try await desk.services.studio.versions(projectID: project.id, songID: song.id))
        }
        add(.post, "/api/projects/:project/songs/:song/versions", .project(.upload)) { request, context, access in
            let (song, _) = try await desk.projectSong(context.parameters.get("song") ?? "", access: access)
            let (project, _) = try access.member
            let query = request.uri.queryParameters
            let checksum = request.headers[.init("X-Checksum-SHA256")!]
            if let checksum, checksum.count != 64 || !checksum.allSatisfy(\.isHexDigit) {
                throw ServerFailure.invalid("X-Checksum-SHA256 must be 64 hexadecimal digits.")
            }
            let versionID = Identifier.secret()
            let file = try await desk.receiveRaw(request, projectID: project.id, versionID: versionID)
            let version = try await desk.addVersion(
                file, id: versionID, fileName: query["name"].map(String.init) ?? "upload",
                kind: query["kind"].map(String.init), song: song, access: access, expectedSHA256: checksum)
            return try .json(version, status: .created)
        }
        add(.get, "/api/projects/:project/versions/:version", .project(.read)) { _, context, access in
            try .json(try await desk.projectVersion(context.parameters.get("version"), access: access))
        }
        add(.post, "/api/projects/:project/versions/:version/approvals", .project(.read)) { request, context, access in
            var request = request
            let body = try await request.json(SongDesk.ApprovalDraft.self, context: context)
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            return try .json(try await desk.approve(version, note: body.note, access: access), status: .created)
        }
        add(.post, "/api/projects/:project/versions/:version/mastering", .project(.upload)) { _, context, access in
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            return try .json(try await desk.sendToMastering(version, access: access))
        }
        add(.post, "/api/projects/:project/versions/:version/delivery", .project(.book)) { _, context, access in
            let version = try await desk.projectVersion(context.parameters.get("version"), access: access)
            return try .json(try await desk.deliver(version, access: access))
        }
    }
}

extension SongDesk {
    /// A song as the API lists it.
    struct SongSummary: Codable {
        var id: String
        var title: String
        var tempo: Double?
        var versionCount: Int
    }

    struct ApprovalDraft: Codable {
        var note: String?
    }

    /// The version `id` of the route's project, or 404.
    func projectVersion(_ id: String?, access: Access) async throws -> SongVersion {
        let (project, _) = try access.member
        guard let id, id.utf8.count <= 64,
            let version = try await services.studio.version(id: id, projectID: project.id)
        else { throw ServerFailure.notFound("There is no such version on this project.") }
        return version
    }

    func songLink(_ version: SongVersion) -> String {
        "/projects/\(version.projectID)/songs/\(version.songID)?version=\(version.id)"
    }
}
