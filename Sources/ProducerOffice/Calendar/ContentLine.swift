/// One unfolded line of an iCalendar file: `NAME;PARAM=VALUE;…:VALUE` (RFC 5545 §3.1).
struct ContentLine: Hashable, Sendable {
    /// The property name in upper case (`DTSTART`, `X-WR-CALNAME`).
    var name: String
    /// Parameters by upper-case name; each value unquoted. A repeated parameter keeps the first.
    var parameters: [String: String]
    /// The raw value, still escaped.
    var value: String
    /// The physical line (from 1) the property starts on.
    var line: Int

    /// The parameter `name` (upper case), if present.
    subscript(parameter name: String) -> String? { parameters[name] }

    /// Reads `text`, reporting a malformed line as an ``ICalendarError`` in `file` at `line`.
    init(parsing text: String, line: Int, file: String) throws(ICalendarError) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func fail(_ reason: String) -> ICalendarError {
            ICalendarError(file: file, line: line, code: .malformedLine, reason: reason)
        }
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-"
        }
        func readName() -> String {
            var name = String.UnicodeScalarView()
            while index < scalars.count, isNameScalar(scalars[index]) {
                name.append(scalars[index])
                index += 1
            }
            return String(name).uppercased()
        }
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let name = readName()
        guard !name.isEmpty else { throw fail("\"\(shown)\" is not a property (expected NAME:VALUE)") }
        var parameters: [String: String] = [:]
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let parameter = readName()
            guard !parameter.isEmpty, index < scalars.count, scalars[index] == "=" else {
                throw fail("\(name) has a malformed parameter (expected NAME=VALUE)")
            }
            index += 1
            var values: [String] = []
            repeat {
                if index < scalars.count, scalars[index] == "," { index += 1 }
                var value = String.UnicodeScalarView()
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" {
                        value.append(scalars[index])
                        index += 1
                    }
                    guard index < scalars.count else { throw fail("\(name);\(parameter) has an unclosed quote") }
                    index += 1
                } else {
                    while index < scalars.count, ![";", ":", ","].contains(scalars[index]) {
                        value.append(scalars[index])
                        index += 1
                    }
                }
                values.append(String(value))
            } while index < scalars.count && scalars[index] == ","
            if parameters[parameter] == nil { parameters[parameter] = values.joined(separator: ",") }
        }
        guard index < scalars.count, scalars[index] == ":" else {
            throw fail("\"\(shown)\" is not a property (expected NAME:VALUE, but there is no colon after \(name))")
        }
        index += 1
        self.name = name
        self.parameters = parameters
        self.value = String(String.UnicodeScalarView(scalars[index...]))
        self.line = line
    }
}
