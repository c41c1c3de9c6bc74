import Foundation

/// A `BEGIN:NAME` … `END:NAME` block of an iCalendar file with its properties and the blocks
/// inside it (a `VEVENT` in a `VCALENDAR`, a `VALARM` in a `VEVENT`).
struct CalendarComponent: Hashable, Sendable {
    /// The component name in upper case (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD`…).
    var name: String
    /// The line (from 1) of its `BEGIN:`.
    var line: Int
    var properties: [ContentLine] = []
    var children: [CalendarComponent] = []

    /// The first property called `name`.
    func property(_ name: String) -> ContentLine? {
        properties.first { $0.name == name }
    }

    /// Every property called `name`, in order.
    func properties(_ name: String) -> [ContentLine] {
        properties.filter { $0.name == name }
    }

    /// The `VCALENDAR` components of `text`: unfolds it, reads every line and checks that every
    /// `BEGIN:` has its `END:`.
    ///
    /// - Throws: ``ICalendarError`` naming `file` and the line when the text does not start with
    ///   `BEGIN:VCALENDAR`, a line is malformed, an `END:` does not match, a component is never
    ///   ended or is nested deeper than ``ICalendar/maximumNesting``; and without a line when the
    ///   text is longer than ``ICalendar/maximumTextBytes``.
    /// - Complexity: O(*n*) in the length of `text`.
    static func calendars(in text: String, file: String) throws(ICalendarError) -> [CalendarComponent] {
        let size = text.utf8.count
        guard size <= ICalendar.maximumTextBytes else {
            throw ICalendarError(
                file: file, line: nil, code: .tooLarge,
                reason:
                    "the calendar is \(ICalendar.byteCount(size)) long; a calendar file may be at most \(ICalendar.maximumTextBytes >> 20) MB (\(ICalendar.byteCount(ICalendar.maximumTextBytes)))"
            )
        }
        let lines = ICalendar.unfoldedLines(text)
        guard let first = lines.first else {
            throw ICalendarError(
                file: file, line: nil, code: .notACalendar, reason: "the file is empty; expected BEGIN:VCALENDAR")
        }
        guard first.text.trimmingCharacters(in: .whitespaces).uppercased() == "BEGIN:VCALENDAR" else {
            throw ICalendarError(
                file: file, line: first.number, code: .notACalendar,
                reason:
                    "this is not an iCalendar file: it starts with \"\(String(first.text.prefix(40)))\", expected BEGIN:VCALENDAR"
            )
        }
        var calendars: [CalendarComponent] = []
        var open: [CalendarComponent] = []
        for (number, text) in lines {
            let line = try ContentLine(parsing: text, line: number, file: file)
            let value = line.value.trimmingCharacters(in: .whitespaces).uppercased()
            switch line.name {
            case "BEGIN":
                guard !value.isEmpty else {
                    throw ICalendarError(
                        file: file, line: number, code: .malformedLine, reason: "BEGIN names no component")
                }
                if open.isEmpty && value != "VCALENDAR" {
                    let reason =
                        number == first.number
                        ? "this is not an iCalendar file: it starts with \"\(String(text.prefix(40)))\", expected BEGIN:VCALENDAR"
                        : "BEGIN:\(value) is outside any VCALENDAR"
                    throw ICalendarError(file: file, line: number, code: .notACalendar, reason: reason)
                }
                guard open.count < ICalendar.maximumNesting else {
                    throw ICalendarError(
                        file: file, line: number, code: .tooDeep,
                        reason:
                            "BEGIN:\(String(value.prefix(40))) is nested \(open.count + 1) components deep; a calendar may nest at most \(ICalendar.maximumNesting) (a VALARM in a VEVENT in a VCALENDAR is 3)"
                    )
                }
                open.append(CalendarComponent(name: value, line: number))
            case "END":
                guard let current = open.popLast() else {
                    throw ICalendarError(
                        file: file, line: number, code: .mismatchedEnd, reason: "END:\(value) has no BEGIN:\(value)")
                }
                guard current.name == value else {
                    throw ICalendarError(
                        file: file, line: number, code: .mismatchedEnd,
                        reason: "END:\(value) closes BEGIN:\(current.name) from line \(current.line)")
                }
                if open.isEmpty {
                    calendars.append(current)
                } else {
                    open[open.count - 1].children.append(current)
                }
            default:
                guard !open.isEmpty else {
                    let reason =
                        calendars.isEmpty
                        ? "this is not an iCalendar file: it starts with \"\(String(text.prefix(40)))\", expected BEGIN:VCALENDAR"
                        : "\(line.name) comes after END:VCALENDAR"
                    throw ICalendarError(file: file, line: number, code: .notACalendar, reason: reason)
                }
                open[open.count - 1].properties.append(line)
            }
        }
        if let unended = open.last {
            throw ICalendarError(
                file: file, line: unended.line, code: .unterminatedComponent,
                reason: "BEGIN:\(unended.name) is never ended (the file stops before END:\(unended.name))")
        }
        return calendars
    }
}
