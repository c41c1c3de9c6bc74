import Foundation
import ProducerOffice
import Testing

/// Union scale worked by hand with the example rates (EUR): €430.00 a 3-hour session of up to 15
/// minutes of music, €107.50 an overtime half hour, leader and contractor at double scale
/// (€860.00, overtime €215.00), a contractor from 12 players, pension 13.00 %, health and welfare
/// €26.00 a player a session; singers €250.00 a side or €95.00 an hour (2 hours at least),
/// contributions 18.00 %.
@Suite struct UnionScaleTests {
    let rates = UnionScaleRates.example(currency: "EUR")

    func cents(_ calculation: ScaleCalculation) -> [Int64] { calculation.lines.map(\.amount.minorUnits) }

    @Test func fourPlayersThreeAndAHalfHoursOneFourMinuteSong() {
        // 240 s of music ≤ 15 min: 1 session. 210 min booked − 180 = 30 min: 1 overtime half hour.
        //   Ana, leader: 1 session × €860.00                = €860.00
        //   Bo, Cy, Di: 1 session × €430.00 each            = €1,290.00
        //   Overtime, leader: 1 × €215.00                   = €215.00
        //   Overtime, 3 players at scale: 3 × €107.50       = €322.50
        //   wages                                           = €2,687.50
        //   Pension 13.00 % of €2,687.50 = €349.375         → €349.38 (rounded once, half up)
        //   Health and welfare: 4 player-sessions × €26.00  = €104.00
        //   Total = 2,687.50 + 349.38 + 104.00              = €3,140.88
        let players = ["Ana", "Bo", "Cy", "Di"].map { ScaleCalculation.Player(name: $0) }
        let c = ScaleCalculation(players: players, singers: [], bookedMinutes: 210, musicSeconds: 240, rates: rates)
        #expect(c.sessions == 1 && c.overtimeHalfHours == 1 && c.players == 4)
        #expect(cents(c) == [86_000, 43_000, 43_000, 43_000, 21_500, 32_250, 34_938, 10_400])
        #expect(c.total.minorUnits == 314_088)
        #expect(c.lines.map(\.amount.minorUnits).reduce(0, +) == c.total.minorUnits)
        #expect(c.lines[0].text == "Ana, leader (200.00 % of scale): 1 session × €860.00 = €860.00")
        #expect(c.lines[5].text == "Overtime, 3 players at scale: 3 player-half-hours × €107.50 = €322.50")
        #expect(c.lines[6].text == "Pension: 13.00 % of €2,687.50 = €349.38")
        #expect(c.lines[7].text == "Health and welfare: 4 player-sessions × €26.00 = €104.00")
        #expect(c.text.contains("Total: €3,140.88"))
        #expect(c.text.contains("example rates"))
    }

    @Test func twelvePlayersBringAContractorAndASixteenMinuteSongTwoSessions() {
        // 960 s > 900 s: 2 sessions (360 min). 370 min booked: 10 min over → 1 half hour (a part
        // counts whole). Players: leader + 3 + an ensemble of 8 = 12 → a contractor to be named.
        //   Lead, leader: 2 sessions × €860.00              = €1,720.00
        //   P1, P2, P3: 2 sessions × €430.00 each           = €860.00 × 3 = €2,580.00
        //   Strings (8 players): 16 player-sessions × €430  = €6,880.00
        //   Contractor: 2 sessions × €860.00                = €1,720.00
        //   Overtime, leader: 1 × €215.00                   = €215.00
        //   Overtime, 11 players: 11 × €107.50              = €1,182.50
        //   Overtime, contractor: 1 × €215.00               = €215.00
        //   wages: 1,720 + 2,580 + 6,880 + 1,720 + 215 + 1,182.50 + 215 = €14,512.50
        //   Pension 13.00 % = €1,886.625                    → €1,886.63
        //   Health and welfare: 13 players × 2 × €26.00     = €676.00
        //   Total = 14,512.50 + 1,886.63 + 676.00           = €17,075.13
        var players = [ScaleCalculation.Player(name: "Lead", isLeader: true)]
        players += ["P1", "P2", "P3"].map { ScaleCalculation.Player(name: $0) }
        players.append(ScaleCalculation.Player(name: "Strings", headcount: 8))
        let c = ScaleCalculation(players: players, singers: [], bookedMinutes: 370, musicSeconds: 960, rates: rates)
        #expect(c.sessions == 2 && c.overtimeHalfHours == 1 && c.players == 13)
        #expect(
            cents(c) == [172_000, 86_000, 86_000, 86_000, 688_000, 172_000, 21_500, 118_250, 21_500, 188_663, 67_600])
        #expect(c.total.minorUnits == 1_707_513)
        #expect(c.lines[5].what.hasPrefix("Contractor, to be named (required from 12 players"))
        // Eleven players and no contractor
        let eleven = ScaleCalculation(
            players: Array(players.dropLast()) + [ScaleCalculation.Player(name: "Strings", headcount: 7)], singers: [],
            bookedMinutes: 360, musicSeconds: 960, rates: rates)
        #expect(!eleven.lines.contains { $0.what.contains("Contractor") })
        #expect(eleven.overtimeHalfHours == 0)
        // A named contractor is paid the contractor's rate and no one is added
        players[1].isContractor = true
        let named = ScaleCalculation(players: players, singers: [], bookedMinutes: 360, musicSeconds: 960, rates: rates)
        #expect(named.lines.filter { $0.what.contains("ontractor") }.count == 1)
        #expect(named.lines[1].text == "P1, contractor (200.00 % of scale): 2 sessions × €860.00 = €1,720.00")
        #expect(named.players == 12)
    }

    @Test func singersPerSideAndPerHour() {
        // 150 min booked: 3 begun hours (minimum 2).
        //   Sol, per side: 1 side × €250.00                 = €250.00
        //   Lu, per hour: 3 hours × €95.00                  = €285.00
        //   Trio (3 singers), per side: 3 singer-sides × €250 = €750.00
        //   Contributions 18.00 % of €1,285.00              = €231.30
        //   Total                                           = €1,516.30
        let singers = [
            ScaleCalculation.Singer(name: "Sol"), ScaleCalculation.Singer(name: "Lu", perHour: true),
            ScaleCalculation.Singer(name: "Trio", headcount: 3),
        ]
        let c = ScaleCalculation(players: [], singers: singers, bookedMinutes: 150, musicSeconds: 240, rates: rates)
        #expect(cents(c) == [25_000, 28_500, 75_000, 23_130])
        #expect(c.total.minorUnits == 151_630)
        #expect(c.lines[1].text == "Lu, per hour: 3 hours × €95.00 = €285.00")
        #expect(c.lines[2].text == "Trio (3 singers), per side: 3 singer-sides × €250.00 = €750.00")
        #expect(c.lines[3].text == "Singers' contributions: 18.00 % of €1,285.00 = €231.30")
        // One hour booked is paid the 2-hour minimum: 2 × €95.00 = €190.00, + 18 % = €34.20
        let short = ScaleCalculation(
            players: [], singers: [singers[1]], bookedMinutes: 60, musicSeconds: nil, rates: rates)
        #expect(cents(short) == [19_000, 3_420])
        #expect(short.lines[0].text == "Lu, per hour, 2 h minimum: 2 hours × €95.00 = €190.00")
    }

    @Test func aLeaderShareThatIsNotWholeIsRoundedOnceAndShown() {
        // 150 % of €430.01 = €645.015 → €645.02; overtime 150 % of €107.50 = €161.25
        var odd = rates
        odd.musicians.perSession = Money(minorUnits: 43_001, currency: "EUR")
        odd.musicians.leaderBasisPoints = 15_000
        let c = ScaleCalculation(
            players: [.init(name: "Ana")], singers: [], bookedMinutes: 181, musicSeconds: nil, rates: odd)
        #expect(cents(c).prefix(2) == [64_502, 16_125])
        #expect(c.notes == ["the song's length is not known: one session assumed"])
    }
}
