import Foundation

/// Python as an independent reference: whether `python3` and the packages a test needs are
/// there, and running a script. A test that needs a missing package is skipped and says so
/// (`.ci/run` installs them and counts a skip as a failure).
public enum Python {
    /// True when `python3` is on the PATH and imports every one of `modules`
    /// (`Python.canImport("numpy", "soundfile")`).
    public static func canImport(_ modules: String...) -> Bool {
        (try? run(modules.isEmpty ? "pass" : "import " + modules.joined(separator: ", "))) != nil
    }

    /// Runs `script` with `python3 -c`, passing `arguments`, and returns its standard output.
    /// - Throws: ``Failure`` with Python's standard error when it exits with an error.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error is read beside standard output, so that neither pipe fills and stalls Python.
        let errorText = ErrorText()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        reading.wait()
        guard process.terminationStatus == 0 else {
            throw Failure(status: process.terminationStatus, message: String(decoding: errorText.data, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self)
    }

    /// Runs `script` and decodes its standard output as JSON.
    public static func json<T: Decodable>(_ script: String, arguments: [String] = [], as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(run(script, arguments: arguments).utf8))
    }

    public struct Failure: Error, CustomStringConvertible {
        public var status: Int32
        public var message: String
        public var description: String { "python3 failed (\(status)): \(message)" }
    }

    private final class ErrorText: @unchecked Sendable {
        var data = Data()
    }
}
