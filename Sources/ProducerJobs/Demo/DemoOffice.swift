import Foundation
import ProducerAudio
import ProducerOffice
import ProducerStore

/// The demo's office, part 2: the album's budget with two expenses, two backup singers added to
/// the roster and ranked for the backing vocals, offers to both (one accepted, the schedule
/// repaired around her; one waiting), a tracklist, and the mix engineer's delivery set for the
/// song with two files received — one accepted, one rejected on arrival.
public enum DemoOffice {
    /// What the office part did, for the demo's report.
    public struct Made: Sendable, Codable {
        public var budget: BudgetReport.Figures
        public var budgetWarnings: [String]
        public var expenses: [String]
        public var hiring: HiringRanking
        public var offers: [OfferList.Line]
        public var accepted: OfferAnswer
        public var tracklist: TracklistPlan
        public var deliveries: [Delivery]
        public var tasks: Int
        public var status: ProjectStatus

        /// One file received for a task, and the verdict.
        public struct Delivery: Sendable, Codable {
            public var task: String
            public var file: String
            public var accepted: Bool
            public var findings: [String]
        }
    }

    /// The singers the demo adds to the roster: a soul singer and a country singer, both free.
    static func singers(timeZone: String) -> [Person] {
        let free = Availability.daily(from: 9 * 60, to: 21 * 60, timeZone: timeZone)
        return [
            Person(
                id: "june-okafor", name: "June Okafor", roles: [.backupSinger],
                contact: .init(email: "june@example.com"),
                rate: Rate(Money(minorUnits: 28_000, currency: "EUR"), per: .session), availability: free,
                styles: ["soul", "gospel"]),
            Person(
                id: "cass-dunne", name: "Cass Dunne", roles: [.backupSinger], contact: .init(email: "cass@example.com"),
                rate: Rate(Money(minorUnits: 22_000, currency: "EUR"), per: .session), availability: free,
                styles: ["country"]),
        ]
    }

    /// Runs the office part on the demo project in `folder` (scheduled, produced): `mix` is the
    /// song's produced mix, which the mix engineer "delivers".
    public static func run(folder: String, song: String, mix: String, now: Date) async throws -> Made {
        let store = try await ProjectDatabase.open(
            .sqlite(path: (folder as NSString).appendingPathComponent(ProjectDatabase.fileName)))
        do {
            let made = try await run(store: store, folder: folder, song: song, mix: mix, now: now)
            try await store.close()
            return made
        } catch {
            try? await store.close()
            throw error
        }
    }

    static func run(store: ProjectDatabase, folder: String, song: String, mix: String, now: Date) async throws -> Made {
        let start = try await store.snapshot()
        let zone = start.settings.timeZone
        let calendar = start.settings.calendar
        func day(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }

        // The budget's expenses: a deposit paying the first booking, and the artwork's invoice.
        let receipts = (folder as NSString).appendingPathComponent("receipts")
        try FileManager.default.createDirectory(atPath: receipts, withIntermediateDirectories: true)
        let first = start.bookings.filter { $0.status != .cancelled }.min { $0.start < $1.start }
        var expenses: [Expense] = []
        if let first {
            let receipt = (receipts as NSString).appendingPathComponent("deposit-\(first.id).txt")
            try Data("Deposit for booking \(first.id): \(first.cost.formatted)\n".utf8).write(
                to: URL(fileURLWithPath: receipt))
            expenses.append(
                try await OfficeJobs.addExpense(
                    amount: amountText(first.cost), category: "studio", description: "deposit for the first session",
                    song: start.sessions.first { $0.id == first.sessionID }?.songID, date: day(now), payee: nil,
                    receipt: receipt, covers: first.id, projectFolder: folder, store: store, now: now))
        }
        let artwork = (receipts as NSString).appendingPathComponent("artwork-invoice.txt")
        try Data("Cover artwork, first half: €900.00\n".utf8).write(to: URL(fileURLWithPath: artwork))
        expenses.append(
            try await OfficeJobs.addExpense(
                amount: "900", category: "artwork", description: "cover artwork, first half", song: nil, date: day(now),
                payee: "Studio Kranich Design", receipt: artwork, covers: nil, projectFolder: folder, store: store,
                now: now))

        // The roster grows by two singers; the backing vocals of the song are ranked for them.
        try await store.update { project in
            for person in singers(timeZone: zone) where !project.people.contains(where: { $0.id == person.id }) {
                project.people.append(person)
            }
        }
        let project = try await store.snapshot()
        guard
            let session = project.sessions.first(where: {
                $0.songID == song && $0.needs.contains { $0.role == .backupSinger }
            }), project.activeBooking(of: session.id) != nil
        else {
            throw OfficeError("the demo album has no booked backing-vocal session for \(song)")
        }
        let ranking = try await OfficeJobs.hire(
            role: "backup singer", style: "soul", on: [], sessions: [session.id], store: store)
        let newcomers = ranking.candidates.filter { c in singers(timeZone: zone).contains { $0.id == c.personID } }
        var offers: [OfferList.Line] = []
        for candidate in newcomers {
            let person = project.people.first { $0.id == candidate.personID }!
            offers.append(
                try await OfficeJobs.sendOffer(
                    to: person.id, role: "backup singer", sessions: [session.id], fee: amountText(person.rate.amount),
                    answerBy: day(calendar.date(byAdding: .day, value: 3, to: now)!),
                    note: "backing vocals, \(session.title)",
                    store: store, now: now))
        }
        guard let best = offers.first else { throw OfficeError("the demo's singers were not ranked") }
        let accepted = try await OfficeJobs.answerOffer(best.id, .accepted, timeLimit: 10, store: store, now: now)

        // The tracklist: four of the five songs, cut for vinyl.
        let tracklist = try await TracklistJob(rules: TracklistRules(count: 4, vinyl: true), folder: folder)
            .run(store: store, now: now)

        // The mix engineer's delivery set for the song, and two files arriving.
        let engineer = project.people.first { $0.plays(.mixEngineer) }?.id ?? project.people[0].id
        let due = day(calendar.date(byAdding: .day, value: 14, to: now)!)
        let planned = try await OfficeJobs.planDeliverables(songs: [song], to: engineer, due: due, store: store)
        let deliveries = (folder as NSString).appendingPathComponent("deliveries")
        try FileManager.default.createDirectory(atPath: deliveries, withIntermediateDirectories: true)
        var received: [Made.Delivery] = []
        if let main = planned.added.first(where: { $0.deliverable == .mainMix }) {
            let target = try await OfficeJobs.deliveryTarget(main.id, store: store)
            let name = target.rules.expectedName(target.parts, sampleRate: 48_000, bits: 24)
            let file = (deliveries as NSString).appendingPathComponent(name)
            try printed(mix, to: file, bits: 24, tail: 1.5)
            let receipt = try await DeliveryReceipt.receive([file], task: main.id, store: store, now: now)
            received.append(
                .init(
                    task: main.title, file: name, accepted: receipt.status == .delivered,
                    findings: receipt.task.findings))
        }
        if let instrumental = planned.added.first(where: { $0.deliverable == .instrumental }) {
            // Bounced at 16 bits, cut off at the last note and named by hand: rejected.
            let name = "night trains instrumental FINAL v2.wav"
            let file = (deliveries as NSString).appendingPathComponent(name)
            try printed(mix, to: file, bits: 16, tail: 0)
            let receipt = try await DeliveryReceipt.receive([file], task: instrumental.id, store: store, now: now)
            received.append(
                .init(
                    task: instrumental.title, file: name, accepted: receipt.status == .delivered,
                    findings: receipt.task.findings))
        }
        let final = try await store.snapshot()
        let report = BudgetReport(project: final, now: now)
        return Made(
            budget: report.total, budgetWarnings: report.warnings,
            expenses: expenses.map { "\($0.description): \($0.amount.formatted)" }, hiring: ranking,
            offers: OfferList(project: final, now: now, all: true).offers, accepted: accepted, tracklist: tracklist,
            deliveries: received, tasks: planned.added.count, status: ProjectStatus(project: final, now: now))
    }

    /// An amount as typed: `1234.50`.
    static func amountText(_ money: Money) -> String {
        let cents = money.minorUnits
        return "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }

    /// The mix as the engineer prints it: at `bits`, with the last second faded and `tail`
    /// seconds of silence after it (none: it stops where the music stops).
    static func printed(_ mix: String, to path: String, bits: Int, tail: Double) throws {
        let reader = try AudioFileReader(path: mix)
        var format = reader.format
        format.encoding = .integer(bits: bits)
        format.container = .wav
        let writer = try AudioFileWriter(path: path, format: format)
        let total = Int(reader.frameCount)
        let fade = tail > 0 ? Int(format.sampleRate) : 0
        var buffer = AudioBuffer(channelCount: format.channelCount, frameCapacity: 16_384)
        var done = 0
        while true {
            let n = try reader.read(into: &buffer)
            if n == 0 { break }
            if fade > 0 {
                var channels = (0..<format.channelCount).map { buffer.channel($0) }
                for i in 0..<n where done + i >= total - fade {
                    let gain = Float(total - done - i) / Float(fade)
                    for c in channels.indices { channels[c][i] *= gain }
                }
                try writer.write(AudioBuffer(channels: channels.map { Array($0.prefix(n)) }))
            } else {
                try writer.write(
                    AudioBuffer(channels: (0..<format.channelCount).map { Array(buffer.channel($0).prefix(n)) }))
            }
            done += n
        }
        let silence = Int(tail * format.sampleRate)
        if silence > 0 {
            try writer.write(
                AudioBuffer(
                    channels: Array(repeating: [Float](repeating: 0, count: silence), count: format.channelCount)))
        }
        try writer.finish()
    }
}
