import Foundation
import ProducerOffice

/// The iCalendar reader: unfolding, components, events, repeats, time zones, free/busy.
func fuzzCalendar(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ICalendar.unfolded(text)
    expectOnly(ICalendarError.self, file: "fuzz.ics", input: text) {
        let result = try ICalendar.importBusyTimes(
            from: text, file: "fuzz.ics", timeZone: berlin, within: DateInterval(start: start2025, end: end2025))
        var availability = Availability(timeZone: "Europe/Berlin")
        availability.replaceImportedBusyTimes(with: result.busyTimes)
        _ = result.warning
    }
}

private let berlin = TimeZone(identifier: "Europe/Berlin")
/// 2025-01-01 and 2026-01-01, UTC.
private let start2025 = Date(timeIntervalSince1970: 1_735_689_600)
private let end2025 = Date(timeIntervalSince1970: 1_767_225_600)
