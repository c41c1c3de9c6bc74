import Foundation
import Hummingbird
import NIOCore
import ProducerAudio
import ProducerFiles
import ProducerJobs
import ProducerOffice

extension SongDesk {
    /// What arrived: the file on disk (temporary), its name as sent and the kind asked for.
    struct ReceivedUpload {
        var file: UploadFile
        var fileName: String
        var kind: String?
    }

    /// The song `songID` of the route's project, or 404.
    func projectSong(_ songID: String, access: Access) async throws -> (Song, ProjectSnapshot) {
        let (project, _) = try access.member
        let snapshot = try await services.projects.store(for: project).snapshot()
        guard songID.utf8.count <= 64, let song = snapshot.songs.first(where: { $0.id == songID }) else {
            throw ServerFailure.notFound("There is no such song on this project.")
        }
        return (song, snapshot)
    }

    /// The uploads folder of a project.
    func uploadsFolder(projectID: String) -> String {
        services.filesFolder + "/uploads/" + projectID
    }

    /// Streams a `multipart/form-data` body: the `file` part to disk, the `kind` field in memory.
    func receiveForm(_ request: Request, projectID: String, versionID: String) async throws -> ReceivedUpload {
        var reader: MultipartReader
        do {
            reader = try MultipartReader(contentType: request.headers[.contentType] ?? "", maxParts: 8)
        } catch {
            throw ServerFailure.invalid("The upload was not sent as a form with a file (\(error.message)).")
        }
        let file = try UploadFile(
            folder: uploadsFolder(projectID: projectID), versionID: versionID, limit: configuration.maxUploadBytes)
        var fileName: String?
        var kind: String?
        var current: MultipartPart?
        var field: [UInt8] = []
        var sawFile = false
        var bodyBytes: Int64 = 0
        do {
            for try await chunk in request.body {
                bodyBytes += Int64(chunk.readableBytes)
                for event in try reader.consume(chunk.readableBytesView) {
                    switch event {
                    case .part(let part):
                        current = part
                        field = []
                        if part.name == "file" {
                            guard !sawFile else { throw ServerFailure.invalid("The form holds more than one file.") }
                            sawFile = true
                            fileName = part.fileName
                        }
                    case .bytes(let bytes):
                        if current?.name == "file" {
                            try file.write(bytes)
                        } else {
                            field.append(contentsOf: bytes)
                            guard field.count <= 1000 else {
                                throw ServerFailure.invalid("A field of the form is longer than 1000 bytes.")
                            }
                        }
                    case .partEnd:
                        if current?.name == "kind" { kind = String(decoding: field, as: UTF8.self) }
                        current = nil
                    }
                }
                // The form around the file is small; a body far past the limit is refused too.
                if bodyBytes > configuration.maxUploadBytes + (1 << 20) {
                    throw ServerFailure(
                        .contentTooLarge, "too-large",
                        "The upload is larger than the \(UploadFile.size(configuration.maxUploadBytes)) this server takes; nothing was kept."
                    )
                }
            }
            try reader.finish()
        } catch let error as MultipartError {
            file.remove()
            throw ServerFailure.invalid("The upload could not be read: \(error.description).")
        } catch {
            file.remove()
            throw error
        }
        guard sawFile, file.byteCount > 0 else {
            file.remove()
            throw ServerFailure(.unprocessableContent, "invalid", "Choose a file to upload: the form holds none.")
        }
        return ReceivedUpload(file: file, fileName: fileName ?? "upload", kind: kind)
    }

    /// Streams a raw body (the API's upload) to disk.
    func receiveRaw(_ request: Request, projectID: String, versionID: String) async throws -> UploadFile {
        let file = try UploadFile(
            folder: uploadsFolder(projectID: projectID), versionID: versionID, limit: configuration.maxUploadBytes)
        do {
            for try await chunk in request.body { try file.write(chunk.readableBytesView) }
        } catch {
            file.remove()
            throw error
        }
        guard file.byteCount > 0 else {
            file.remove()
            throw ServerFailure(.unprocessableContent, "invalid", "The body is empty: send the audio file as the body.")
        }
        return file
    }

    /// Checks the received file with ProducerAudio, renames it into place, adds the version,
    /// queues its analysis and records the upload.
    func addVersion(
        _ file: UploadFile, id versionID: String, fileName: String, kind kindText: String?, song: Song,
        access: Access, expectedSHA256: String? = nil
    ) async throws -> SongVersion {
        let (project, _) = try access.member
        let account = try access.signedIn
        let shown = Self.shownName(fileName)
        guard let kindText, let kind = SongVersion.Kind(rawValue: kindText.lowercased()) else {
            file.remove()
            throw ServerFailure(
                .unprocessableContent, "invalid", "kind must be take, mix or master (not \"\(kindText ?? "")\").")
        }
        let sha256 = file.finishHash()
        file.close()
        if let expectedSHA256, expectedSHA256.lowercased() != sha256 {
            file.remove()
            throw ServerFailure(
                .unprocessableContent, "checksum-mismatch",
                "The file's SHA-256 is \(sha256), not the \(expectedSHA256) sent with it: it changed on the way, so nothing was kept."
            )
        }
        let format: AudioFormat
        let frameCount: Int64
        do {
            let reader = try AudioFileReader(path: file.temporaryPath)
            format = reader.format
            frameCount = reader.frameCount
        } catch let error as AudioFileError {
            file.remove()
            throw ServerFailure(.unprocessableContent, "not-audio", "\(shown): \(error.message)")
        }
        let ext = [.aiff, .aifc].contains(format.container) ? "aiff" : "wav"
        let relative = "uploads/\(project.id)/\(versionID).\(ext)"
        try file.keep(as: services.filesFolder + "/" + relative)
        let version = try await services.studio.addVersion(
            SongVersion(
                id: versionID, projectID: project.id, songID: song.id, kind: kind, fileName: shown,
                storedPath: relative, byteCount: file.byteCount, sha256: sha256, sampleRate: format.sampleRate,
                channelCount: format.channelCount, frameCount: frameCount, uploadedBy: account.id,
                uploadedAt: services.now()))
        _ = try await services.queue.enqueue(
            .analyzeVersion(
                VersionAnalysisJob(
                    projectID: project.id, versionID: versionID, path: services.filesFolder + "/" + relative)),
            projectID: project.id, now: services.now())
        try await services.record(
            .uploaded, "\(kind.rawValue) \(version.number) of \(song.title)", projectID: project.id, by: account,
            link: "/projects/\(project.id)/songs/\(song.id)?version=\(versionID)")
        return version
    }

    /// A file name as sent, kept as text to show (never a path): without control characters,
    /// at most 200 characters.
    static func shownName(_ name: String) -> String {
        let clean = String(name.unicodeScalars.filter { $0.value >= 32 && $0.value != 127 }.map(Character.init))
        let shown = String(clean.prefix(200))
        return shown.isEmpty ? "upload" : shown
    }
}
