import Foundation
import ProducerFiles

/// Reports a command's error on standard error: `producer mix: song.yaml:12:7: tracks[2].gain:
/// …` as a line, or with `--json` one JSON object, `{"command": "mix", "error": {"code": …,
/// "file": …, "line": …, "column": …, "key": …, "message": …, "description": …}}`.
func report(_ error: any Error, command: String, json: Bool) {
    guard json else {
        writeStandardError("producer \(command): \(error)\n")
        return
    }
    let report: ErrorReport
    if let shaped = error as? any ProducerError {
        report = shaped.report
    } else {
        report = ErrorReport(code: "error", message: "\(error)", description: "\(error)")
    }
    writeStandardError(jsonLine(FailureOutput(command: command, error: report)) + "\n")
}

/// `--json`'s error object.
private struct FailureOutput: Encodable {
    var command: String
    var error: ErrorReport
}

/// A value as one line of JSON with sorted keys.
func jsonLine(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}
