extension Availability {
    /// This availability with `busyTimes` (from ``ICalendar/busyTimes(from:file:timeZone:within:)``)
    /// in place of every exception imported from a calendar before.
    ///
    /// Exceptions whose `source` starts with `ics:` are removed and the new ones added after the
    /// rest, so importing the same calendar again gives the same availability, and an event
    /// deleted from the calendar disappears on the next import. Exceptions entered by hand (any
    /// other source, or none) are kept in their order. An availability holds one imported
    /// calendar: importing another one replaces it.
    public func replacingImportedBusyTimes(with busyTimes: [Exception]) -> Availability {
        var result = self
        result.replaceImportedBusyTimes(with: busyTimes)
        return result
    }

    /// Replaces every exception imported from a calendar with `busyTimes`; see
    /// ``replacingImportedBusyTimes(with:)``.
    public mutating func replaceImportedBusyTimes(with busyTimes: [Exception]) {
        exceptions.removeAll { $0.source?.hasPrefix(ICalendar.sourcePrefix) == true }
        exceptions += busyTimes.sorted { ($0.start, $0.end, $0.source ?? "") < ($1.start, $1.end, $1.source ?? "") }
    }
}
