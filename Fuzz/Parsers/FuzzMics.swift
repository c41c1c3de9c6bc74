import ProducerConsole

/// The mic list reader (YAML) and the `--room` parser, on the same input.
func fuzzMics(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    expectOnly(MicError.self, file: "fuzz/mics.yaml", input: text) {
        _ = try MicLocker(yaml: text, path: "fuzz/mics.yaml")
    }
    // The room: the first line, less a leading "#" (so that the corpus file stays valid YAML).
    var line = String(text.prefix { $0 != "\n" })
    if line.hasPrefix("#") { line.removeFirst() }
    expectOnly(MicError.self, file: "--room", input: text) {
        _ = try Room(parsing: line)
    }
}
