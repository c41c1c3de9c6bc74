import Foundation
import Testing
import ProducerCLI
import ProducerTestSupport

/// The `producer` executable that `swift test` built beside the tests, if any.
let producerExecutable: String? = {
    let candidates = [
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("producer").path,
        Bundle.main.bundleURL.appendingPathComponent("producer").path,
        packageRoot + "/.build/debug/producer",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs `producer` in this process, as the executable would, on a terminal that records what
/// it prints; returns the exit status, standard output and standard error.
func runInProcess(_ arguments: [String]) async -> (status: Int32, out: String, err: String) {
    let recording = Terminal.Recording()
    let status = await Terminal.$current.withValue(recording.terminal) { await ProducerCLI.run(arguments) }
    return (status, recording.output, recording.error)
}

/// One line of `bookings list --json`.
struct BookingLine: Decodable {
    var bookingID: String
    var session: String
    var start: Date
    var end: Date
    var room: String
    var people: [String]
    var status: String
}

/// `bookings list --json` on `project` (which records the bookings as listed).
func bookings(_ project: String) async throws -> [BookingLine] {
    let r = try await producer(["bookings", "list", "--json", "--project", project])
    #expect(r.status == 0, "\(r.err)")
    struct List: Decodable { var bookings: [BookingLine] }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(List.self, from: Data(r.out.utf8)).bookings
}

/// Runs `producer`: in this process when the command names its project (`--project`, `--database`)
/// and so does not depend on the folder it runs in, else (or with `in: directory`) the executable
/// in `directory` (default: a fresh temporary folder). `$PRODUCER_DATABASE` is left out.
func producer(
    _ arguments: [String], in directory: String? = nil
) async throws -> (status: Int32, out: String, err: String) {
    let namesItsProject = arguments.contains("--project") || arguments.contains("--database")
    if directory == nil && namesItsProject && ProcessInfo.processInfo.environment["PRODUCER_DATABASE"] == nil {
        return await runInProcess(arguments)
    }
    return try producerBinary(arguments, in: directory)
}

/// Runs the `producer` executable in `directory` (default: a fresh temporary folder), for what
/// depends on the folder a command runs in or on the process (signals, standard error written
/// by another thread); `$PRODUCER_DATABASE` is left out.
func producerBinary(
    _ arguments: [String], in directory: String? = nil
) throws -> (status: Int32, out: String, err: String) {
    var environment = ProcessInfo.processInfo.environment
    environment["PRODUCER_DATABASE"] = nil
    return try runProcess(
        try #require(producerExecutable), arguments, in: try directory ?? temporaryDirectory(),
        environment: environment)
}

/// The demo album's plan, as people import it.
let albumPlan = packageRoot + "/Examples/album.yaml"

/// A new project folder in a temporary folder with the album's plan imported; its path.
func albumProject() async throws -> String {
    let dir = try temporaryDirectory()
    let made = try await producer([
        "project", "init", "Night Trains", "--deadline", "2027-03-26", "--time-zone", "Europe/Berlin", "--path",
        dir + "/album",
    ])
    #expect(made.status == 0, "\(made.err)")
    let imported = try await producer(["project", "import", albumPlan, "--json", "--project", dir + "/album"])
    #expect(imported.status == 0, "\(imported.err)")
    let report = try JSONSerialization.jsonObject(with: Data(imported.out.utf8)) as? [String: Any]
    #expect((report?["sessions"] as? [String: Any])?["added"] as? [String] != nil)
    return dir + "/album"
}
