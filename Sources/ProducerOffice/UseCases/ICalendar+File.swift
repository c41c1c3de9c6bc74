import ProducerFiles

extension ICalendar {
    /// The text of the calendar file at `path`, for
    /// ``ICalendar/importBusyTimes(from:file:timeZone:within:)``.
    ///
    /// A folder, a pipe (FIFO), a device or a socket is refused before anything is read (a FIFO
    /// nobody writes to would block forever), and so is a file larger than
    /// ``ICalendar/maximumTextBytes``.
    ///
    /// - Throws: ``ICalendarError`` with code `unreadable` (or `tooLarge`) naming the file, and
    ///   for text that is not UTF-8 the line of the first bad byte.
    public static func text(ofFile path: String) throws(ICalendarError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.bytes(atPath: path, what: "calendar", limit: maximumTextBytes)
        } catch {
            throw ICalendarError(
                file: path, line: nil, code: error.isTooLarge ? .tooLarge : .unreadable, reason: error.reason)
        }
        do {
            return try InputFile.text(of: bytes, what: "calendar")
        } catch {
            throw ICalendarError(file: path, line: error.line, code: .unreadable, reason: error.reason)
        }
    }
}
