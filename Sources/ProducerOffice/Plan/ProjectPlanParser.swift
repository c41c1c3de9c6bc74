import Foundation
import ProducerFiles
import ProducerMusic
import Yams

/// Reads a plan's YAML node tree, checking every key and type, with lines for errors.
struct ProjectPlanParser {
    let path: String
    let yaml: String
    let settings: ProjectSettings
    var currency: String { settings.currency }

    typealias Place = ProjectPlan.Place

    func place(_ node: Node?, _ key: String) -> Place {
        Place(key: key, line: node?.mark?.line, column: node?.mark?.column)
    }

    func error(_ node: Node?, _ key: String?, _ code: ProjectPlanError.Code, _ message: String) -> ProjectPlanError {
        ProjectPlanError(file: path, line: node?.mark?.line, column: node?.mark?.column, key: key, code: code, message)
    }

    func parse() throws(ProjectPlanError) -> ProjectPlan {
        let composed: Node?
        do {
            composed = try YAMLSyntax.compose(yaml)
        } catch {
            throw ProjectPlanError(
                file: path, line: error.line, column: error.column, code: error.isDuplicateKey ? .duplicate : .syntax,
                error.message)
        }
        guard let root = composed else {
            return ProjectPlan(file: path, songs: [], people: [], studios: [], sessions: [])
        }
        return try parse(root: root)
    }

    /// Reads a plan's node tree: a file's, or one built by an editing command.
    func parse(root: Node) throws(ProjectPlanError) -> ProjectPlan {
        let top = try mapping(root, "", allowed: ["project", "songs", "people", "studios", "sessions", "budget"])
        var songs: [ProjectPlan.Item<Song>] = []
        for (i, node) in try list(top["songs"], "songs").enumerated() { songs.append(try song(node, "songs[\(i)]")) }
        var people: [ProjectPlan.Item<Person>] = []
        for (i, node) in try list(top["people"], "people").enumerated() {
            people.append(try person(node, "people[\(i)]"))
        }
        var studios: [ProjectPlan.Item<Studio>] = []
        for (i, node) in try list(top["studios"], "studios").enumerated() {
            studios.append(try studio(node, "studios[\(i)]"))
        }
        var sessions: [ProjectPlan.Item<ProjectPlan.SessionDraft>] = []
        for (i, node) in try list(top["sessions"], "sessions").enumerated() {
            sessions.append(try session(node, "sessions[\(i)]"))
        }
        var plan = ProjectPlan(file: path, songs: songs, people: people, studios: studios, sessions: sessions)
        if let n = top["project"] { plan.settingsItem = try projectSettings(n, "project") }
        for (i, node) in try list(top["budget"], "budget").enumerated() {
            plan.budgetItems.append(try budgetLine(node, "budget[\(i)]"))
        }
        return plan
    }

    // MARK: - Records

    func song(_ node: Node, _ key: String) throws(ProjectPlanError) -> ProjectPlan.Item<Song> {
        let m = try mapping(
            node, key,
            allowed: [
                "id", "title", "writers", "key", "tempo", "length", "status", "parts", "ratings", "energy", "isrc",
                "iswc",
            ])
        let title = try required(m, node, key, "title")
        var song = Song(id: try optionalText(m["id"], key + ".id") ?? OfficeJobs.slug(title), title: title)
        if let n = m["writers"] {
            let items = try sequence(n, key + ".writers")
            for (i, item) in items.enumerated() {
                let path = key + ".writers[\(i)]"
                if case .scalar = item, items.count == 1 {
                    song.writers.append(.init(name: try text(item, path), shareBasisPoints: 10_000))
                    continue
                }
                let w = try mapping(item, path, allowed: ["name", "share"])
                let name = try required(w, item, path, "name")
                guard let shareNode = w["share"] else {
                    throw error(
                        item, path + ".share", .missingKey,
                        "is missing: give each writer a share in percent (e.g. share: 60)")
                }
                song.writers.append(.init(name: name, shareBasisPoints: try percent(shareNode, path + ".share")))
            }
            let total = song.writers.reduce(0) { $0 + $1.shareBasisPoints }
            if !song.writers.isEmpty && total != 10_000 {
                throw error(
                    n, key + ".writers", .shares, "the shares add up to \(Self.percentText(total)) %, not 100 %")
            }
        }
        if let n = m["key"] { song.key = try musicalKey(n, key + ".key") }
        if let n = m["tempo"] { song.tempo = try number(n, key + ".tempo", in: 20...400, unit: "beats per minute") }
        if let n = m["length"] { song.lengthSeconds = try songLength(n, key + ".length") }
        if let n = m["status"] { song.status = try choice(n, key + ".status", Song.Status.self) }
        if let n = m["parts"] { song.parts = try texts(n, key + ".parts") }
        try songChoice(m, key, into: &song)
        return .init(value: song, idIsGiven: m["id"] != nil, place: place(node, key))
    }

    func person(_ node: Node, _ key: String) throws(ProjectPlanError) -> ProjectPlan.Item<Person> {
        let m = try mapping(
            node, key,
            allowed: [
                "id", "name", "roles", "email", "phone", "rate", "headcount", "availability", "unionScale", "styles",
            ])
        let name = try required(m, node, key, "name")
        guard let rolesNode = m["roles"] else {
            throw error(node, key + ".roles", .missingKey, "is missing (e.g. roles: [drummer])")
        }
        let roles = try texts(rolesNode, key + ".roles").map { Role($0) }
        if roles.isEmpty { throw error(rolesNode, key + ".roles", .badValue, "is empty: give at least one role") }
        guard let rateNode = m["rate"] else {
            throw error(
                node, key + ".rate", .missingKey, "is missing (e.g. rate: { amount: 55, per: hour, minimumHours: 4 })")
        }
        var person = Person(
            id: try optionalText(m["id"], key + ".id") ?? OfficeJobs.slug(name), name: name, roles: roles,
            contact: .init(
                email: try optionalText(m["email"], key + ".email"), phone: try optionalText(m["phone"], key + ".phone")
            ),
            rate: try rate(rateNode, key + ".rate"),
            availability: Availability(timeZone: settings.timeZone),
            unionScale: try optionalText(m["unionScale"], key + ".unionScale"))
        if let n = m["headcount"] { person.headcount = try integer(n, key + ".headcount", in: 1...200) }
        if let n = m["styles"] { person.styles = try styles(n, key + ".styles") }
        if let n = m["availability"] {
            person.availability = try availability(n, key + ".availability", timeZone: settings.timeZone)
        }
        return .init(value: person, idIsGiven: m["id"] != nil, place: place(node, key))
    }

    func rate(_ node: Node, _ key: String) throws(ProjectPlanError) -> Rate {
        let m = try mapping(node, key, allowed: ["amount", "per", "minimumHours"])
        guard let amount = m["amount"] else {
            throw error(node, key + ".amount", .missingKey, "is missing (e.g. amount: 55)")
        }
        guard let per = m["per"] else {
            throw error(
                node, key + ".per", .missingKey,
                "is missing: one of \(Rate.Unit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let minimum = try m["minimumHours"].map { n throws(ProjectPlanError) in
            try number(n, key + ".minimumHours", in: 0...24, unit: "hours")
        }
        return Rate(
            try money(amount, key + ".amount"), per: try choice(per, key + ".per", Rate.Unit.self),
            minimumHours: minimum ?? 0)
    }

    func studio(_ node: Node, _ key: String) throws(ProjectPlanError) -> ProjectPlan.Item<Studio> {
        let m = try mapping(node, key, allowed: ["id", "name", "location", "timeZone", "rooms"])
        let name = try required(m, node, key, "name")
        let zone =
            try m["timeZone"].map { n throws(ProjectPlanError) in try timeZone(n, key + ".timeZone") }
            ?? settings.timeZone
        var studio = Studio(
            id: try optionalText(m["id"], key + ".id") ?? OfficeJobs.slug(name), name: name,
            location: try optionalText(m["location"], key + ".location") ?? "", timeZone: zone)
        guard let roomsNode = m["rooms"] else {
            throw error(node, key + ".rooms", .missingKey, "is missing: a studio needs at least one room")
        }
        var ids = Set<String>()
        for (i, item) in try sequence(roomsNode, key + ".rooms").enumerated() {
            let room = try self.room(item, key + ".rooms[\(i)]", timeZone: zone)
            guard ids.insert(room.id).inserted else {
                throw error(item, key + ".rooms[\(i)]", .duplicate, "two rooms of \(name) have the id \"\(room.id)\"")
            }
            studio.rooms.append(room)
        }
        if studio.rooms.isEmpty {
            throw error(roomsNode, key + ".rooms", .badValue, "is empty: a studio needs at least one room")
        }
        return .init(value: studio, idIsGiven: m["id"] != nil, place: place(node, key))
    }

    func room(_ node: Node, _ key: String, timeZone: String) throws(ProjectPlanError) -> Room {
        let m = try mapping(
            node, key, allowed: ["id", "name", "hourlyRate", "dailyRate", "capacity", "gear", "openingHours"])
        let name = try required(m, node, key, "name")
        guard let hourly = m["hourlyRate"] else {
            throw error(node, key + ".hourlyRate", .missingKey, "is missing (e.g. hourlyRate: 95)")
        }
        guard let capacity = m["capacity"] else {
            throw error(
                node, key + ".capacity", .missingKey, "is missing: how many players fit at once (e.g. capacity: 6)")
        }
        return Room(
            id: try optionalText(m["id"], key + ".id") ?? OfficeJobs.slug(name), name: name,
            hourlyRate: try money(hourly, key + ".hourlyRate"),
            dailyRate: try m["dailyRate"].map { n throws(ProjectPlanError) in try money(n, key + ".dailyRate") },
            capacity: try integer(capacity, key + ".capacity", in: 1...500),
            gear: try m["gear"].map { n throws(ProjectPlanError) in try texts(n, key + ".gear") } ?? [],
            openingHours: try m["openingHours"].map { n throws(ProjectPlanError) in
                try availability(n, key + ".openingHours", timeZone: timeZone)
            }
                ?? Availability(timeZone: timeZone))
    }

    func session(_ node: Node, _ key: String) throws(ProjectPlanError) -> ProjectPlan.Item<ProjectPlan.SessionDraft> {
        let m = try mapping(
            node, key,
            allowed: [
                "id", "title", "song", "kind", "needs", "people", "gear", "duration", "after", "due", "deadline",
                "done",
            ])
        guard let kindNode = m["kind"] else {
            throw error(
                node, key + ".kind", .missingKey,
                "is missing: one of \(StudioSession.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let kind = try choice(kindNode, key + ".kind", StudioSession.Kind.self)
        let song = try m["song"].map { n throws(ProjectPlanError) in
            ProjectPlan.Reference(text: try text(n, key + ".song"), place: place(n, key + ".song"))
        }
        guard let durationNode = m["duration"] else {
            throw error(node, key + ".duration", .missingKey, "is missing (e.g. duration: 6h, or 360 for minutes)")
        }
        let title: String
        if let n = m["title"] {
            title = try text(n, key + ".title")
        } else if let song {
            title = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst() + " — " + song.text
        } else {
            throw error(node, key + ".title", .missingKey, "is missing (a session without a song needs a title)")
        }
        var session = StudioSession(
            id: try optionalText(m["id"], key + ".id") ?? OfficeJobs.slug(title), kind: kind, title: title,
            gear: try m["gear"].map { n throws(ProjectPlanError) in try texts(n, key + ".gear") } ?? [],
            durationMinutes: try duration(durationNode, key + ".duration"),
            isDone: try m["done"].map { n throws(ProjectPlanError) in try flag(n, key + ".done") } ?? false)
        var needPlaces: [Place] = []
        if let n = m["needs"] {
            for (i, item) in try sequence(n, key + ".needs").enumerated() {
                let path = key + ".needs[\(i)]"
                let need: StudioSession.RoleNeed
                if case .scalar = item {
                    need = .init(Role(try text(item, path)))
                } else {
                    let r = try mapping(item, path, allowed: ["role", "count"])
                    let role = Role(try required(r, item, path, "role"))
                    need = .init(
                        role,
                        count: try r["count"].map { c throws(ProjectPlanError) in
                            try integer(c, path + ".count", in: 1...100)
                        } ?? 1)
                }
                if let j = session.needs.firstIndex(where: { $0.role == need.role }) {
                    session.needs[j].count += need.count
                } else {
                    session.needs.append(need)
                    needPlaces.append(place(item, path))
                }
            }
        }
        if let n = m["due"] { session.due = try date(n, key + ".due") }
        if let n = m["deadline"] { session.deadline = try date(n, key + ".deadline") }
        if let due = session.due, let deadline = session.deadline, due > deadline {
            throw error(m["due"], key + ".due", .badTimeRange, "is after the session's deadline")
        }
        let draft = ProjectPlan.SessionDraft(
            session: session, song: song,
            people: try references(m["people"], key + ".people"), after: try references(m["after"], key + ".after"),
            needPlaces: needPlaces, doneIsGiven: m["done"] != nil)
        return .init(value: draft, idIsGiven: m["id"] != nil, place: place(node, key))
    }

    func references(_ node: Node?, _ key: String) throws(ProjectPlanError) -> [ProjectPlan.Reference] {
        var result: [ProjectPlan.Reference] = []
        for (i, item) in try list(node, key).enumerated() {
            result.append(.init(text: try text(item, key + "[\(i)]"), place: place(item, key + "[\(i)]")))
        }
        return result
    }

    // MARK: - Time

    /// Weekly windows and dated exceptions, or a list of weekly windows alone.
    func availability(_ node: Node, _ key: String, timeZone: String) throws(ProjectPlanError) -> Availability {
        if case .sequence = node { return Availability(weekly: try weekly(node, key), timeZone: timeZone) }
        let m = try mapping(node, key, allowed: ["weekly", "busy", "free", "timeZone"])
        let zone =
            try m["timeZone"].map { n throws(ProjectPlanError) in try self.timeZone(n, key + ".timeZone") } ?? timeZone
        var availability = Availability(timeZone: zone)
        if let n = m["weekly"] { availability.weekly = try weekly(n, key + ".weekly") }
        for (name, isBusy) in [("busy", true), ("free", false)] {
            for (i, item) in try list(m[name], key + "." + name).enumerated() {
                availability.exceptions.append(
                    try exception(item, key + ".\(name)[\(i)]", isBusy: isBusy, timeZone: zone))
            }
        }
        return availability
    }

    func weekly(_ node: Node, _ key: String) throws(ProjectPlanError) -> [Availability.WeeklyWindow] {
        var windows: [Availability.WeeklyWindow] = []
        for (i, item) in try sequence(node, key).enumerated() {
            let line = try text(item, key + "[\(i)]")
            guard let found = Self.windows(line) else {
                let hours =
                    line.replacingOccurrences(of: "–", with: "-").split(separator: " ").last?.split(separator: "-").map(
                        String.init) ?? []
                if hours.count == 2, let start = Self.minute(of: hours[0]), let end = Self.minute(of: hours[1]),
                    end <= start
                {
                    throw error(
                        item, key + "[\(i)]", .badTimeRange,
                        "\"\(line)\" ends before it starts; a window cannot cross midnight (write 22:00-24:00 and 00:00-02:00)"
                    )
                }
                throw error(
                    item, key + "[\(i)]", .badTimeRange,
                    "\"\(line)\" is not a weekly window; write days and hours like \"Mon-Fri 10:00-19:00\" or \"Sat 12:00-18:00\""
                )
            }
            windows += found
        }
        return windows.sorted { ($0.weekday, $0.startMinute) < ($1.weekday, $1.startMinute) }
    }

    /// `Mon-Fri 10:00-19:00`, `Sat,Sun 12:00-18:00`, `daily 10:00-22:00`; nil when it cannot be read
    /// or the window ends before it starts.
    static func windows(_ line: String) -> [Availability.WeeklyWindow]? {
        let normal = line.replacingOccurrences(of: "–", with: "-").trimmingCharacters(in: .whitespaces)
        guard let space = normal.lastIndex(of: " ") else { return nil }
        let dayText = normal[..<space].trimmingCharacters(in: .whitespaces).lowercased()
        let hours = normal[normal.index(after: space)...].split(separator: "-").map(String.init)
        guard hours.count == 2, let start = minute(of: hours[0]), let end = minute(of: hours[1]), end > start else {
            return nil
        }
        var days: [Availability.Weekday] = []
        if ["daily", "every day", "everyday"].contains(dayText) {
            days = Availability.Weekday.allCases
        } else {
            for item in dayText.split(separator: ",") {
                let ends = item.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                guard (1...2).contains(ends.count), let first = Availability.Weekday(parsing: ends[0]),
                    let last = Availability.Weekday(parsing: ends[ends.count - 1])
                else { return nil }
                var day = first
                while true {
                    if !days.contains(day) { days.append(day) }
                    if day == last { break }
                    day = Availability.Weekday(rawValue: day.rawValue % 7 + 1)!
                }
            }
        }
        return days.isEmpty ? nil : days.map { .init(weekday: $0, startMinute: start, endMinute: end) }
    }

    /// `10:00` → 600; `24:00` is midnight at the end of the day.
    static func minute(of text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...59).contains(m)
        else { return nil }
        guard (0...23).contains(h) || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// `{ from: 2027-03-08, until: 2027-03-09, note: festival }`: whole days when dates, with `until`
    /// the last day; exact when times (`2027-03-08T14:00`), with `until` the end. `on:` is one day.
    func exception(
        _ node: Node, _ key: String, isBusy: Bool, timeZone: String
    ) throws(ProjectPlanError) -> Availability.Exception {
        let m = try mapping(node, key, allowed: ["from", "until", "on", "note"])
        let calendar = Calendar.gregorian(timeZone: timeZone)
        let note = try optionalText(m["note"], key + ".note") ?? ""
        func endOfDay(_ date: Date) -> Date { calendar.date(byAdding: .day, value: 1, to: date)! }
        if let on = m["on"] {
            guard m["from"] == nil, m["until"] == nil else {
                throw error(on, key + ".on", .badTimeRange, "give either on: (one day) or from: and until:, not both")
            }
            let (day, isDay) = try time(on, key + ".on", timeZone: timeZone)
            guard isDay else {
                throw error(
                    on, key + ".on", .badTimeRange, "must be a day (yyyy-mm-dd); use from: and until: for times")
            }
            return .init(start: day, end: endOfDay(day), isBusy: isBusy, note: note)
        }
        guard let fromNode = m["from"] else {
            throw error(
                node, key + ".from", .missingKey,
                "is missing (e.g. { from: 2027-03-08, until: 2027-03-09, note: festival })")
        }
        let (start, startIsDay) = try time(fromNode, key + ".from", timeZone: timeZone)
        var end = endOfDay(start)
        if let untilNode = m["until"] {
            let (until, untilIsDay) = try time(untilNode, key + ".until", timeZone: timeZone)
            end = untilIsDay ? endOfDay(until) : until
            guard end > start else {
                throw error(
                    untilNode, key + ".until", .badTimeRange,
                    "\(untilNode.string ?? "") is before from: \(fromNode.string ?? "")")
            }
        } else if !startIsDay {
            throw error(node, key + ".until", .missingKey, "is missing: a busy time that starts at a time needs an end")
        }
        return .init(start: start, end: end, isBusy: isBusy, note: note)
    }

    /// A date (the start of that day, in the project's time zone) for `due:` and `deadline:`.
    func date(_ node: Node, _ key: String) throws(ProjectPlanError) -> Date {
        try time(node, key, timeZone: settings.timeZone).date
    }

    /// `2027-03-08` (the start of that day) or `2027-03-08T14:00`, in `timeZone`.
    func time(_ node: Node, _ key: String, timeZone: String) throws(ProjectPlanError) -> (date: Date, isDay: Bool) {
        let text = try self.text(node, key).trimmingCharacters(in: .whitespaces)
        do {
            return (try OfficeJobs.date(text, timeZone: timeZone, option: key), !text.contains("T"))
        } catch {
            throw self.error(
                node, key, .badValue,
                "\"\(text)\" is not a date; write yyyy-mm-dd (2027-03-08) or a time (2027-03-08T14:00)")
        }
    }

    /// `6h`, `1h30m`, `90m`, `1.5h`, or a number of minutes.
    func duration(_ node: Node, _ key: String) throws(ProjectPlanError) -> Int {
        let text = try self.text(node, key)
        guard let minutes = Self.minutes(text), minutes > 0, minutes <= 1440 else {
            throw error(
                node, key, .badValue,
                "\"\(text)\" is not a length of time; write 6h, 1h30m, 90m or 360 (minutes), at most 24h")
        }
        return minutes
    }

    static func minutes(_ text: String) -> Int? {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "min", with: "m")
        if let n = Int(t) { return n }
        if let h = t.firstIndex(of: "h") {
            // At most a few days either way, so that no number can overflow (the caller allows 24 h).
            guard let hours = Double(t[..<h]), hours >= 0, hours <= 100 else { return nil }
            let rest = t[t.index(after: h)...]
            var extra = 0
            if !rest.isEmpty {
                guard rest.hasSuffix("m"), let m = Int(rest.dropLast()), m >= 0, m <= 100_000 else { return nil }
                extra = m
            }
            return Int((hours * 60).rounded()) + extra
        }
        if t.hasSuffix("m"), let m = Int(t.dropLast()) { return m }
        return nil
    }

    /// A song's length: seconds, or `3:34`.
    func songLength(_ node: Node, _ key: String) throws(ProjectPlanError) -> Double {
        let text = try self.text(node, key)
        let parts = text.split(separator: ":")
        if parts.count == 2, let m = Int(parts[0]), let s = Double(parts[1]), (0...600).contains(m),
            (0..<60).contains(s)
        {
            return Double(m * 60) + s
        }
        return try number(node, key, in: 1...36_000, unit: "seconds (or m:ss)")
    }

    func timeZone(_ node: Node, _ key: String) throws(ProjectPlanError) -> String {
        let name = try text(node, key)
        guard TimeZone(identifier: name) != nil else {
            throw error(node, key, .badValue, "\"\(name)\" is not a time zone; use an IANA name such as Europe/Berlin")
        }
        return name
    }
}
