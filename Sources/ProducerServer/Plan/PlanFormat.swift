import Foundation
import ProducerOffice

/// Dates and times as the plan's pages show them, in the project's time zone.
struct PlanFormat {
    let calendar: Calendar

    /// Made once per page: a page formats hundreds of dates.
    private let days, shortDays, times, dayTimes, isoDays: DateFormatter

    init(project: ProjectSnapshot) { self.init(calendar: project.settings.calendar) }

    init(calendar: Calendar) {
        self.calendar = calendar
        func formatter(_ pattern: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.dateFormat = pattern
            return formatter
        }
        days = formatter("EEE d MMM yyyy")
        shortDays = formatter("EEE d MMM")
        times = formatter("HH:mm")
        dayTimes = formatter("EEE d MMM yyyy HH:mm")
        isoDays = formatter("yyyy-MM-dd")
    }

    /// "Tue 2 Mar 2027"
    func day(_ date: Date) -> String { days.string(from: date) }

    /// "Tue 2 Mar"
    func shortDay(_ date: Date) -> String { shortDays.string(from: date) }

    /// "10:00"
    func time(_ date: Date) -> String { times.string(from: date) }

    /// "Tue 2 Mar 2027 10:00"
    func dayTime(_ date: Date) -> String { dayTimes.string(from: date) }

    /// "10:00–14:00", or across days "Tue 2 Mar 22:00 – Wed 3 Mar 02:00".
    func range(_ start: Date, _ end: Date) -> String {
        calendar.isDate(start, inSameDayAs: end.addingTimeInterval(-1))
            ? "\(time(start))–\(time(end))" : "\(shortDay(start)) \(time(start)) – \(shortDay(end)) \(time(end))"
    }

    /// "2027-03-02", as forms and links write a day.
    func isoDay(_ date: Date) -> String { isoDays.string(from: date) }

    /// The day `text` names (yyyy-MM-dd) at midnight in the project's zone, nil when it does not read.
    func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
        return date.flatMap { calendar.component(.day, from: $0) == day ? $0 : nil }
    }

    /// The Monday starting the week that holds `date`.
    func weekStart(_ date: Date) -> Date {
        let day = calendar.startOfDay(for: date)
        let weekday = calendar.component(.weekday, from: day)  // Sunday 1 … Saturday 7
        return calendar.date(byAdding: .day, value: -((weekday + 5) % 7), to: day) ?? day
    }
}
