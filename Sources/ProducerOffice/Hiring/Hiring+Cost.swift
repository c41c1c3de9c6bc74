import Foundation

extension Hiring {
    /// `person`'s rate turned into the fee for the needed time, and how, in words.
    ///
    /// With sessions: an hourly rate pays each session's length with the minimum call, a day
    /// rate a day per session, a session rate each session. Without: each `--on` day is a day of
    /// ``hoursPerDay`` hours (with the minimum call), a day, or one session. A flat fee is paid
    /// once. Money is exact: hours × rate is rounded once, half up, to the cent.
    static func cost(
        of person: Person, request: HiringRequest, sessions: [StudioSession]
    ) -> (amount: Money, words: String) {
        let rate = person.rate
        let currency = rate.amount.currency
        let minimum = Int((rate.minimumHours * 60).rounded(.up))
        let bySession = !sessions.isEmpty
        let count = bySession ? sessions.count : request.days.count
        let unit = bySession ? "session" : "day"
        let what = "\(count) \(unit)\(count == 1 ? "" : "s")"
        switch rate.unit {
        case .hour:
            let minutes =
                bySession
                ? sessions.map { max($0.durationMinutes, minimum) }.reduce(0, +)
                : count * max(hoursPerDay * 60, minimum)
            let (product, overflow) = rate.amount.minorUnits.multipliedReportingOverflow(by: Int64(minutes))
            let amount = overflow ? Int64.max : (product + 30) / 60
            let money = Money(minorUnits: amount, currency: currency)
            let basis = bySession ? "" : " of \(hoursPerDay) h"
            return (money, "\(money.formatted) for \(what)\(basis): \(hoursText(minutes)) at \(rate.formatted)")
        case .day, .session:
            let (product, overflow) = rate.amount.minorUnits.multipliedReportingOverflow(by: Int64(count))
            let money = Money(minorUnits: overflow ? Int64.max : product, currency: currency)
            let per = rate.unit == .day ? (bySession ? ", a day each" : "") : (bySession ? "" : ", a session each")
            return (money, "\(money.formatted) for \(what)\(per) at \(rate.formatted)")
        case .flat:
            return (rate.amount, "\(rate.amount.formatted) flat, whatever the time")
        }
    }

    /// `9 h`, `7 h 30 min`.
    static func hoursText(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
