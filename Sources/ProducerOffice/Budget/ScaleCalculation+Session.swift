import Foundation

extension ScaleCalculation {
    /// Union scale for `session` as booked (its active booking's time and people; without one,
    /// its planned length and required people), at the project's rates (the example rates when it
    /// has none). Nil when no union player or singer is in it.
    public init?(session: StudioSession, in project: ProjectSnapshot) {
        let booking = project.activeBooking(of: session.id)
        let ids = booking?.people ?? session.people
        let minutes =
            booking.map { Int(($0.end.timeIntervalSince($0.start) / 60).rounded()) } ?? session.durationMinutes
        let union = ids.compactMap { id in project.people.first { $0.id == id } }.filter {
            $0.unionScale != nil && Commitment.category(of: Commitment.role(of: $0, in: session)) == .musicians
        }
        guard !union.isEmpty else { return nil }
        self.init(session: session, people: union, bookedMinutes: minutes, in: project)
    }

    /// Union scale for `people` (union musicians and singers) in `session`, booked `bookedMinutes`.
    init(session: StudioSession, people: [Person], bookedMinutes: Int, in project: ProjectSnapshot) {
        let rates = project.scaleRates ?? .example(currency: project.settings.currency)
        var players: [Player] = []
        var singers: [Singer] = []
        for person in people {
            let role = Commitment.role(of: person, in: session).name
            if role.contains("singer") || role.contains("vocal") {
                singers.append(
                    Singer(name: person.name, headcount: person.headcount, perHour: person.rate.unit == .hour))
            } else {
                let names = Set(person.roles.map(\.name))
                players.append(
                    Player(
                        name: person.name, headcount: person.headcount,
                        isLeader: names.contains("leader") || names.contains("bandleader"),
                        isContractor: names.contains("contractor")))
            }
        }
        let song = session.songID.flatMap { id in project.songs.first { $0.id == id } }
        self.init(
            players: players, singers: singers, bookedMinutes: bookedMinutes, musicSeconds: song?.lengthSeconds,
            rates: rates)
    }
}
