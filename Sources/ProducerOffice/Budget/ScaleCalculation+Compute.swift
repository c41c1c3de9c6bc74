import Foundation

extension ScaleCalculation {
    /// Union scale for `players` and `singers` in a session booked for `bookedMinutes` that
    /// records `musicSeconds` of finished music (nil when not known), at `rates`. See the rules in
    /// ``ScaleCalculation``.
    public init(
        players: [Player], singers: [Singer], bookedMinutes: Int, musicSeconds: Double?, rates: UnionScaleRates
    ) {
        let m = rates.musicians
        let currency = m.perSession.currency
        func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: currency) }
        var notes: [String] = []
        let perSessionMusic = max(1, m.finishedMusicMinutesPerSession) * 60
        var sessions = 1
        if let musicSeconds, musicSeconds > 0 {
            let seconds = Int(musicSeconds.rounded(.up))
            sessions = max(1, (seconds + perSessionMusic - 1) / perSessionMusic)
        } else if !players.isEmpty {
            notes.append("the song's length is not known: one session assumed")
        }
        let sessionMinutes = max(1, m.sessionMinutes)
        let overtimeMinutes = max(0, bookedMinutes - sessions * sessionMinutes)
        let halfHours = (overtimeMinutes + 29) / 30
        var lines: [Line] = []
        let sessionWord = "session"
        let leaderRate = UnionScaleRates.share(of: m.perSession, basisPoints: m.leaderBasisPoints)
        let leaderOvertime = UnionScaleRates.share(of: m.overtimePerHalfHour, basisPoints: m.leaderBasisPoints)
        let contractorRate = UnionScaleRates.share(of: m.perSession, basisPoints: m.contractorBasisPoints)
        let contractorOvertime = UnionScaleRates.share(of: m.overtimePerHalfHour, basisPoints: m.contractorBasisPoints)
        let leaderShare = UnionScaleRates.percent(m.leaderBasisPoints)
        let contractorShare = UnionScaleRates.percent(m.contractorBasisPoints)
        func line(_ what: String, _ quantity: Int, _ unit: String, _ rate: Money) -> Line {
            Line(
                what: what, quantity: quantity, unit: unit, rate: rate, amount: money(Int64(quantity) * rate.minorUnits)
            )
        }

        // Who leads, who contracts, how many play
        let leaderIndex = players.firstIndex { $0.isLeader } ?? players.indices.first
        let headcount = players.reduce(0) { $0 + $1.headcount }
        let contractorNamed = players.contains { $0.isContractor }
        let needsContractor = !players.isEmpty && headcount >= m.contractorFromPlayers
        var atScale = 0  // player-heads paid at plain scale
        var leaders = 0
        var contractors = 0
        var wages: [Line] = []
        for (i, player) in players.enumerated() {
            var heads = player.headcount
            let group = player.headcount > 1 ? " (\(player.headcount) players)" : ""
            if player.isContractor && needsContractor && i != leaderIndex {
                wages.append(
                    line(
                        "\(player.name), contractor (\(contractorShare) of scale)", sessions, sessionWord,
                        contractorRate))
                contractors += 1
                heads -= 1
            } else if i == leaderIndex {
                let what =
                    player.headcount > 1
                    ? "\(player.name), 1 of \(player.headcount) as leader" : player.name + ", leader"
                wages.append(line("\(what) (\(leaderShare) of scale)", sessions, sessionWord, leaderRate))
                leaders += 1
                heads -= 1
            }
            if heads > 0 {
                let what = heads == player.headcount ? player.name + group : "\(player.name) (\(heads) more players)"
                wages.append(
                    heads == 1
                        ? line(what, sessions, sessionWord, m.perSession)
                        : line(what, heads * sessions, "player-session", m.perSession))
                atScale += heads
            }
        }
        if needsContractor && !contractorNamed {
            wages.append(
                line(
                    "Contractor, to be named (required from \(m.contractorFromPlayers) players; \(contractorShare) of scale)",
                    sessions, sessionWord, contractorRate))
            contractors += 1
        }
        if halfHours > 0 {
            if leaders > 0 { wages.append(line("Overtime, leader", leaders * halfHours, "half hour", leaderOvertime)) }
            if atScale > 0 {
                wages.append(
                    line(
                        "Overtime, \(atScale) player\(atScale == 1 ? "" : "s") at scale", atScale * halfHours,
                        atScale == 1 ? "half hour" : "player-half-hour", m.overtimePerHalfHour))
            }
            if contractors > 0 {
                wages.append(line("Overtime, contractor", contractors * halfHours, "half hour", contractorOvertime))
            }
        }
        lines += wages
        let players = atScale + leaders + contractors
        if players > 0 {
            let wageSum = money(wages.reduce(0) { $0 + $1.amount.minorUnits })
            lines.append(
                Line(
                    what: "Pension", basisPoints: m.pensionBasisPoints, base: wageSum,
                    amount: UnionScaleRates.share(of: wageSum, basisPoints: m.pensionBasisPoints)))
            lines.append(
                line(
                    "Health and welfare", players * sessions, players == 1 ? sessionWord : "player-session",
                    m.healthAndWelfarePerSession))
        }

        // Singers
        let s = rates.singers
        var singing: [Line] = []
        let hours = max(s.minimumHours, (bookedMinutes + 59) / 60)
        for singer in singers {
            let group = singer.headcount > 1 ? " (\(singer.headcount) singers)" : ""
            if singer.perHour {
                let minimum = hours == s.minimumHours ? ", \(s.minimumHours) h minimum" : ""
                singing.append(
                    line(
                        "\(singer.name)\(group), per hour\(minimum)", singer.headcount * hours,
                        singer.headcount > 1 ? "singer-hour" : "hour", s.perHour))
            } else {
                singing.append(
                    line(
                        "\(singer.name)\(group), per side", singer.headcount,
                        singer.headcount > 1 ? "singer-side" : "side", s.perSide))
            }
        }
        lines += singing
        if !singing.isEmpty {
            let wageSum = money(singing.reduce(0) { $0 + $1.amount.minorUnits })
            lines.append(
                Line(
                    what: "Singers' contributions", basisPoints: s.contributionsBasisPoints, base: wageSum,
                    amount: UnionScaleRates.share(of: wageSum, basisPoints: s.contributionsBasisPoints)))
        }
        self.init(
            agreement: rates.agreement, exampleRates: rates.isExample, bookedMinutes: bookedMinutes,
            musicSeconds: musicSeconds, sessions: sessions, overtimeHalfHours: halfHours, players: players,
            lines: lines, total: money(lines.reduce(0) { $0 + $1.amount.minorUnits }), notes: notes)
    }

    /// The calculation as text: a heading, one line each, the total.
    public var text: String {
        var text = "\(agreement)\n"
        let booked = "\(bookedMinutes / 60) h \(bookedMinutes % 60 < 10 ? "0" : "")\(bookedMinutes % 60) min"
        let music =
            musicSeconds.map {
                " for \(Int($0.rounded(.up)) / 60):\(String(format: "%02d", Int($0.rounded(.up)) % 60)) of music"
            } ?? ""
        text += "Booked \(booked)\(music): \(sessions) session\(sessions == 1 ? "" : "s")"
        text +=
            overtimeHalfHours > 0
            ? " and \(overtimeHalfHours) overtime half hour\(overtimeHalfHours == 1 ? "" : "s")\n" : "\n"
        for line in lines { text += "  " + line.text + "\n" }
        text += "  Total: \(total.formatted)\n"
        for note in notes { text += "Note: \(note)\n" }
        if exampleRates {
            text +=
                "These are example rates: import your union's current rates with `producer budget scale --import FILE`.\n"
        }
        return text
    }
}
