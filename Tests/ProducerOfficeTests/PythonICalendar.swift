import Foundation
import ProducerTestSupport

/// Runs Python with the `icalendar` package (https://pypi.org/project/icalendar/), the
/// independent reader and writer the iCalendar tests check against.
enum PythonICalendar {
    /// True when `python3 -c "import icalendar"` works. When it does not, the tests that need it
    /// are skipped and say so; `.ci/run` counts a skip as a failure and installs the package
    /// (`python3 -m pip install icalendar`).
    static let isAvailable = Python.canImport("icalendar")

    /// Runs `script` with `python3 -c`, passing `arguments`, and returns its standard output.
    /// Throws when Python exits with an error, with its standard error as the message.
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        try Python.run(script, arguments: arguments)
    }

    /// A temporary file holding `text`, removed by the caller.
    static func temporaryFile(_ text: String, name: String = "calendar.ics") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("producer-ics-\(UUID().uuidString)-\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
