import ProducerConsole

/// The mix session reader (YAML), without checking that the audio files exist.
func fuzzSession(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(SessionError.self, file: "fuzz/session.yaml", input: text) {
        _ = try Session(yaml: text, path: "fuzz/session.yaml", checkFiles: false)
    }
}
