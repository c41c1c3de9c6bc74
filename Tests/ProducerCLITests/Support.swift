import Foundation
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
