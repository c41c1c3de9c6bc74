import Foundation
import ProducerOffice

/// Reading a poll's form: the dates asked about, one per line ("2027-03-04" for the whole day,
/// "2027-03-04 10:00-18:00" for part of it), and the day answers are due by.
struct PollOptions {
    /// At most this many dates in one poll.
    static let maxOptions = 31

    let format: PlanFormat

    /// The options, or a sentence naming the line that does not read.
    func parse(_ text: String) throws -> [DateInterval] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw ServerFailure.invalid("dates: give at least one date, one per line.") }
        guard lines.count <= Self.maxOptions else {
            throw ServerFailure.invalid("dates: at most \(Self.maxOptions) dates in one poll, not \(lines.count).")
        }
        return try lines.enumerated().map { index, line in
            try option(line, number: index + 1)
        }
    }

    private func option(_ line: String, number: Int) throws -> DateInterval {
        let problem = ServerFailure.invalid(
            "dates, line \(number): \"\(line.prefix(60))\" is not a day (2027-03-04) or a day and hours (2027-03-04 10:00-18:00)."
        )
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let day = format.parseDay(parts[0]) else { throw problem }
        let calendar = format.calendar
        guard parts.count == 2 else {
            let end = calendar.date(byAdding: .day, value: 1, to: day) ?? day
            return DateInterval(start: day, end: end)
        }
        let hours = parts[1].replacingOccurrences(of: "–", with: "-").split(separator: "-").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard hours.count == 2, let from = minutes(hours[0]), let to = minutes(hours[1]), from < to else {
            throw problem
        }
        guard let start = calendar.date(byAdding: .minute, value: from, to: day),
            let end = calendar.date(byAdding: .minute, value: to, to: day)
        else { throw problem }
        return DateInterval(start: start, end: end)
    }

    /// "10:00" → 600; up to "24:00".
    private func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h),
            (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    /// The end of the day `text` names: answers are due by then.
    func answerBy(_ text: String) throws -> Date {
        guard let day = format.parseDay(text.trimmingCharacters(in: .whitespaces)) else {
            throw ServerFailure.invalid("answer by: \"\(text.prefix(40))\" is not a day written as 2027-03-01.")
        }
        return format.calendar.date(byAdding: .day, value: 1, to: day) ?? day
    }

    /// The option in words: "Thu 4 Mar 2027" or "Thu 4 Mar 2027, 10:00–18:00".
    func describe(_ option: DateInterval) -> String {
        let calendar = format.calendar
        let wholeDay =
            calendar.startOfDay(for: option.start) == option.start
            && calendar.date(byAdding: .day, value: 1, to: option.start) == option.end
        return wholeDay
            ? format.day(option.start) : "\(format.day(option.start)), \(format.range(option.start, option.end))"
    }
}
