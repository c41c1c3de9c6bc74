import Foundation
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
