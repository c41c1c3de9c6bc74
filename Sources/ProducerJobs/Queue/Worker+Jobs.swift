import Foundation
import ProducerOffice

extension Worker {
    /// Runs the job with its own `run`, returning what it made as JSON text.
    func execute(_ record: JobRecord) async throws -> String? {
        switch record.job {
        case .analyzeVersion(let job):
            return try await analyse(job)
        case .produce(let job):
            let now = now()
            return try Self.json(try await job.run(now: now))
        case .mix(let job):
            return try Self.json(try await Self.onThread { try job.run() })
        case .master(let job):
            return try Self.json(try await Self.onThread { try job.run() })
        case .automix(let job):
            return try Self.json(try await Self.onThread { try job.run() })
        case .align(let job):
            return try Self.json(try await Self.onThread { try job.run() })
        }
    }

    /// What an analysis job leaves in the queue: the figures, without the waveform.
    private struct AnalysisResult: Encodable {
        var versionID: String
        var seconds: Double
        var integratedLUFS: Double?
        var truePeakDBTP: Double?
        var columns: Int
    }

    /// Analyses a studio version and writes the analysis (or why it failed) into the studio.
    private func analyse(_ job: VersionAnalysisJob) async throws -> String? {
        guard let studio else {
            throw WorkerFailure(message: "this worker has no studio store to write the analysis into")
        }
        guard var version = try await studio.version(id: job.versionID, projectID: job.projectID) else {
            throw WorkerFailure(message: "the version \(job.versionID) is no longer in its project")
        }
        version.analysisState = .running
        version.analysisError = nil
        try await studio.updateVersion(version)
        let analysis: VersionAnalysis
        do {
            analysis = try await Self.onThread { try job.run() }
            // A job whose lease was lost meanwhile is another worker's now: write nothing.
            try Task.checkCancellation()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            version.analysisState = .failed
            version.analysisError = Self.words(error)
            try? await studio.updateVersion(version)
            throw error
        }
        version.analysis = analysis
        version.analysisState = .done
        try await studio.updateVersion(version)
        try await studio.addActivity(
            ActivityEntry(
                projectID: version.projectID, at: now(), accountID: nil, verb: .analysed,
                subject: "\(version.kind.rawValue) \(version.number) (\(version.fileName))",
                link: "/projects/\(version.projectID)/songs/\(version.songID)?version=\(version.id)"))
        return try Self.json(
            AnalysisResult(
                versionID: version.id, seconds: analysis.seconds, integratedLUFS: analysis.integratedLUFS,
                truePeakDBTP: analysis.truePeakDBTP, columns: analysis.peaks.count))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Runs a job's synchronous work on a thread of its own, so that long renders never hold one
    /// of the few threads the lease renewals need.
    static func onThread<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 16 << 20
            thread.name = "producer-worker-job"
            thread.start()
        }
    }
}

/// Why a worker could not run a job, in words.
struct WorkerFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
