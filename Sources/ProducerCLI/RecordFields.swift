import ArgumentParser
import Foundation
import ProducerOffice

/// `NAME:NUMBER` (a writer's share, a role's count) as a plan mapping, or the name alone.
func namedNumber(_ text: String, name: String, number: String) -> PlanValue {
    guard let colon = text.lastIndex(of: ":") else { return .map([.init(name, .text(text))]) }
    return .map([
        .init(name, .text(String(text[..<colon]).trimmingCharacters(in: .whitespaces))),
        .init(number, .text(String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces))),
    ])
}

/// A song's options, as the plan's song keys.
struct SongFields: ParsableArguments {
    @Option(help: ArgumentHelp("The key, such as \"E minor\" or \"Bb major\".", valueName: "key"))
    var key: String?
    @Option(help: ArgumentHelp("Beats per minute (20–400).", valueName: "bpm"))
    var tempo: String?
    @Option(help: ArgumentHelp("The length: seconds, or m:ss.", valueName: "length"))
    var length: String?
    @Option(
        help: ArgumentHelp(
            "Where it stands: demo, arranged, tracking, overdubs, vocals, editing, mixing, mixed, mastered."))
    var status: String?
    @Option(
        name: .customLong("writer"),
        help: ArgumentHelp(
            "A writer and their share in percent (repeat; the shares add up to 100).", valueName: "name:share"))
    var writers: [String] = []
    @Option(name: .customLong("part"), help: ArgumentHelp("A part still to record (repeat).", valueName: "part"))
    var parts: [String] = []
    @Option(name: .customLong("artist-rating"), help: ArgumentHelp("The artist's rating, 1–10.", valueName: "n"))
    var artistRating: String?
    @Option(name: .customLong("producer-rating"), help: ArgumentHelp("The producer's rating, 1–10.", valueName: "n"))
    var producerRating: String?
    @Option(name: .customLong("market-rating"), help: ArgumentHelp("The market score, 1–10.", valueName: "n"))
    var marketRating: String?
    @Option(help: ArgumentHelp("How much drive it has, 1 (a whisper) to 10 (flat out).", valueName: "n"))
    var energy: String?
    @Option(help: ArgumentHelp("The recording's ISRC, such as DE-A12-27-00001.", valueName: "code"))
    var isrc: String?
    @Option(help: ArgumentHelp("The work's ISWC, such as T-034.524.680-1.", valueName: "code"))
    var iswc: String?

    func add(to edit: inout RecordEdit) {
        edit.set("key", text: key, option: "--key")
        edit.set("tempo", text: tempo, option: "--tempo")
        edit.set("length", text: length, option: "--length")
        edit.set("status", text: status, option: "--status")
        if !writers.isEmpty {
            let items = writers.map { namedNumber($0, name: "name", number: "share") }
            edit.set("writers", to: .list(items), option: "--writer")
        }
        edit.set("parts", texts: parts, option: "--part")
        edit.set("ratings", "artist", text: artistRating, option: "--artist-rating")
        edit.set("ratings", "producer", text: producerRating, option: "--producer-rating")
        edit.set("ratings", "market", text: marketRating, option: "--market-rating")
        edit.set("energy", text: energy, option: "--energy")
        edit.set("isrc", text: isrc, option: "--isrc")
        edit.set("iswc", text: iswc, option: "--iswc")
    }
}

/// A person's options, as the plan's person keys.
struct PersonFields: ParsableArguments {
    @Option(
        name: .customLong("role"),
        help: ArgumentHelp("A role they play (repeat): drummer, engineer…", valueName: "role"))
    var roles: [String] = []
    @Option(help: ArgumentHelp("Their rate, in the project's currency (e.g. 55 or 55.00).", valueName: "amount"))
    var rate: String?
    @Option(help: ArgumentHelp("What the rate is for: hour, day, session or flat.", valueName: "unit"))
    var per: String?
    @Option(
        name: .customLong("minimum-hours"),
        help: ArgumentHelp("The fewest hours paid on a day (hourly rates).", valueName: "hours"))
    var minimumHours: String?
    @Option(help: "Email address.")
    var email: String?
    @Option(help: "Phone number.")
    var phone: String?
    @Option(help: ArgumentHelp("How many players they bring (a quartet is 4).", valueName: "n"))
    var headcount: String?
    @Option(
        name: .customLong("union-scale"),
        help: ArgumentHelp("The union agreement whose scale applies.", valueName: "name"))
    var unionScale: String?
    @Option(
        name: .customLong("style"),
        help: ArgumentHelp("A style they play or sing in (repeat): soul, gospel…", valueName: "style"))
    var styles: [String] = []
    @Option(
        name: .customLong("weekly"),
        help: ArgumentHelp("When they work, week by week (repeat): \"Mon-Fri 10:00-20:00\".", valueName: "window"))
    var weekly: [String] = []
    @Option(
        name: .customLong("busy"),
        help: ArgumentHelp(
            "A day, or days, they cannot work (repeat): 2027-03-09 or 2027-03-09..2027-03-10.", valueName: "days"))
    var busy: [String] = []

    func add(to edit: inout RecordEdit) {
        edit.set("roles", texts: roles, option: "--role")
        edit.set("rate", "amount", text: rate, option: "--rate")
        edit.set("rate", "per", text: per, option: "--per")
        edit.name("rate.per", option: "--per")
        edit.set("rate", "minimumHours", text: minimumHours, option: "--minimum-hours")
        edit.set("email", text: email, option: "--email")
        edit.set("phone", text: phone, option: "--phone")
        edit.set("headcount", text: headcount, option: "--headcount")
        edit.set("unionScale", text: unionScale, option: "--union-scale")
        edit.set("styles", texts: styles, option: "--style")
        edit.set("availability", "weekly", texts: weekly, option: "--weekly")
        if !busy.isEmpty {
            let items: [PlanValue] = busy.map { text in
                let ends = text.components(separatedBy: "..")
                if ends.count == 2 { return .map([.init("from", .text(ends[0])), .init("until", .text(ends[1]))]) }
                return .map([.init("on", .text(text))])
            }
            edit.set("availability", "busy", to: .list(items), option: "--busy")
        }
    }
}

/// A room's options, as the plan's room keys.
struct RoomFields: ParsableArguments {
    @Option(name: .customLong("hourly-rate"), help: ArgumentHelp("What an hour costs.", valueName: "amount"))
    var hourlyRate: String?
    @Option(name: .customLong("daily-rate"), help: ArgumentHelp("What a day costs at most.", valueName: "amount"))
    var dailyRate: String?
    @Option(help: ArgumentHelp("How many players fit at once.", valueName: "n"))
    var capacity: String?
    @Option(
        name: .customLong("gear"),
        help: ArgumentHelp("What the room has (repeat): \"drum kit\", \"vocal booth\"…", valueName: "gear"))
    var gear: [String] = []
    @Option(
        name: .customLong("open"),
        help: ArgumentHelp("Opening hours (repeat): \"Mon-Sat 10:00-22:00\".", valueName: "window"))
    var open: [String] = []

    func add(to edit: inout RecordEdit) {
        edit.set("hourlyRate", text: hourlyRate, option: "--hourly-rate")
        edit.set("dailyRate", text: dailyRate, option: "--daily-rate")
        edit.set("capacity", text: capacity, option: "--capacity")
        edit.set("gear", texts: gear, option: "--gear")
        edit.set("openingHours", "weekly", texts: open, option: "--open")
    }
}

/// A session's options, as the plan's session keys.
struct SessionFields: ParsableArguments {
    @Option(help: ArgumentHelp("tracking, overdub, vocals, editing, mixing or mastering.", valueName: "kind"))
    var kind: String?
    @Option(help: ArgumentHelp("How long: 6h, 1h30m, 90m or minutes.", valueName: "duration"))
    var duration: String?
    @Option(help: ArgumentHelp("The song it is for, by title or id.", valueName: "song"))
    var song: String?
    @Option(
        name: .customLong("need"),
        help: ArgumentHelp(
            "A role to fill, with how many (repeat): engineer, \"backup singer:2\".", valueName: "role[:n]"))
    var needs: [String] = []
    @Option(name: .customLong("person"), help: ArgumentHelp("Someone who must be there (repeat).", valueName: "name"))
    var people: [String] = []
    @Option(name: .customLong("gear"), help: ArgumentHelp("Gear the room must have (repeat).", valueName: "gear"))
    var gear: [String] = []
    @Option(
        name: .customLong("after"), help: ArgumentHelp("A session that comes first (repeat).", valueName: "session"))
    var after: [String] = []
    @Option(help: ArgumentHelp("Done by then, or each day later costs the lateness penalty.", valueName: "YYYY-MM-DD"))
    var due: String?
    @Option(help: ArgumentHelp("Done by then, at the latest.", valueName: "YYYY-MM-DD"))
    var deadline: String?

    func add(to edit: inout RecordEdit) {
        edit.set("kind", text: kind, option: "--kind")
        edit.set("duration", text: duration, option: "--duration")
        edit.set("song", text: song, option: "--song")
        if !needs.isEmpty {
            edit.set("needs", to: .list(needs.map { namedNumber($0, name: "role", number: "count") }), option: "--need")
        }
        edit.set("people", texts: people, option: "--person")
        edit.set("gear", texts: gear, option: "--gear")
        edit.set("after", texts: after, option: "--after")
        edit.set("due", text: due, option: "--due")
        edit.set("deadline", text: deadline, option: "--deadline")
    }
}
