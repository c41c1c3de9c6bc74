import Foundation
import ProducerMusic

extension TracklistPlanner {
    /// The plan for an order: each track's place in words, the sides and what was left out.
    static func describe(
        _ chosen: [TracklistCandidate], sides: [Int], pool: [TracklistCandidate], leftOut: [TracklistPlan.LeftOut],
        search: Search
    ) -> TracklistPlan {
        let rules = search.rules
        let sideNames = ["A", "B", "C", "D"]
        var sideOf: [Int: (name: String, first: Bool, last: Bool)] = [:]
        var planSides: [TracklistPlan.Side] = []
        var start = 0
        for (k, count) in sides.enumerated() {
            let range = start...(start + count - 1)
            for i in range { sideOf[i] = (sideNames[k], i == range.lowerBound, i == range.upperBound) }
            planSides.append(
                .init(
                    name: sideNames[k], tracks: (start + 1)...(start + count),
                    length: chosen[range].reduce(0) { $0 + ($1.length ?? 0) }))
            start += count
        }
        let ranked = chosen.map(\.rating).sorted(by: >)
        var tracks: [TracklistPlan.Track] = []
        for (i, song) in chosen.enumerated() {
            var why: [String] = []
            // A rank is said only when no other chosen song shares the rating.
            let rank = ranked.firstIndex(of: song.rating).map { $0 + 1 } ?? 0
            let unique = ranked.filter { $0 == song.rating }.count == 1
            let rating =
                "rated \(Self.number(song.rating))"
                + (unique && rank <= 3 ? " (\(Self.ordinal(rank)) of \(chosen.count))" : "")
            if i == 0 {
                why.append(
                    "Opens the album: \(rating), and not slow"
                        + (song.tempo.map { " at \(Int($0.rounded())) bpm" } ?? ""))
            } else if i == chosen.count - 1 {
                why.append(
                    "Closes the album: \(rating)"
                        + (song.isSlow(rules) ? ", slow, to let the record down gently" : ", to end strong"))
            } else if i == 1 {
                why.append("Second, while the listener is still deciding: \(rating)")
            }
            if let side = sideOf[i] {
                if side.first && i > 0 { why.append("Opens side \(side.name): \(rating)") }
                if side.last && i < chosen.count - 1 {
                    why.append("Ends side \(side.name) before the listener turns the record over")
                }
            }
            if i > 0 { why.append(transition(from: chosen[i - 1], to: song, rules: rules)) }
            tracks.append(
                .init(
                    number: i + 1, songID: song.songID, title: song.title, length: song.length, tempo: song.tempo,
                    key: song.key?.description, energy: song.energy, rating: song.rating, side: sideOf[i]?.name,
                    why: why + song.notes))
        }
        let chosenIDs = Set(chosen.map(\.songID))
        let lowest = chosen.map(\.rating).min() ?? 0
        var out = leftOut
        for song in pool where !chosenIDs.contains(song.songID) {
            let why =
                song.rating < lowest
                ? "rated \(Self.number(song.rating)), below every chosen song (the lowest chosen: \(Self.number(lowest)))"
                : "rated \(Self.number(song.rating)), but the album's length, sides or flow rules fit better without it"
            out.append(.init(songID: song.songID, title: song.title, rating: song.rating, why: why))
        }
        out.sort { ($0.rating, $1.title) > ($1.rating, $0.title) }
        var notes: [String] = []
        if search.budgetSpent {
            notes.append(
                "The search stopped after \(TracklistPlanner.searchSteps) steps: this is the best album it found, not a proven best."
            )
        }
        if rules.allowSlowInARow { notes.append("Slow songs may follow each other (asked for).") }
        if rules.allowSoundAlikes {
            notes.append("Songs in the same key at nearly the same tempo may follow each other (asked for).")
        }
        let lengths = chosen.compactMap(\.length)
        return TracklistPlan(
            tracks: tracks, length: lengths.count == chosen.count ? lengths.reduce(0, +) : nil, sides: planSides,
            leftOut: out, notes: notes)
    }

    /// The change from one song to the next, in words.
    static func transition(from a: TracklistCandidate, to b: TracklistCandidate, rules: TracklistRules) -> String {
        var parts: [String] = []
        if let x = a.energy, let y = b.energy {
            let (x, y) = (Int(x.rounded()), Int(y.rounded()))
            if y >= x + 2 {
                parts.append("lifts the energy from \(x) to \(y)")
            } else if y <= x - 2 {
                parts.append("a breather: the energy falls from \(x) to \(y)")
            } else {
                parts.append("keeps the energy (\(x) → \(y))")
            }
        }
        if let x = a.key, let y = b.key {
            parts.append(keyStep(from: x, to: y))
        }
        if let x = a.tempo, let y = b.tempo {
            parts.append("\(Int(x.rounded())) → \(Int(y.rounded())) bpm")
        }
        if a.isSlow(rules) && !b.isSlow(rules) { parts.append("picks up after a slow song") }
        let text = parts.joined(separator: "; ")
        return "After \(a.title): " + (text.isEmpty ? "no tempo, key or energy known to compare" : text)
    }

    /// How far apart two keys are, as a musician hears it.
    static func keyStep(from a: Key, to b: Key) -> String {
        if a == b { return "stays in \(a)" }
        if a.relative == b { return "\(a) → \(b), its relative \(b.mode == .minor ? "minor" : "major")" }
        if a.tonic == b.tonic { return "\(a) → \(b), the same tonic in another mode" }
        let steps = ((b.fifths - a.fifths) % 12 + 12) % 12
        let distance = min(steps, 12 - steps)
        if distance == 0 { return "\(a) → \(b), the same key signature" }
        if distance == 1 { return "\(a) → \(b), a fifth away" }
        return "\(a) → \(b), a fresh key \(distance) steps round the circle of fifths"
    }

    /// A rating as people write it: `8`, `7.5`.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: "best"
        case 2: "2nd best"
        case 3: "3rd best"
        default: "\(n)th"
        }
    }
}

extension TracklistPlanner.Search {
    /// Why no set of songs fits, naming the rule at fault.
    func failure() -> String {
        let slow = pool.filter { $0.isSlow(rules) }
        let quick = pool.count - slow.count
        if quick == 0 {
            return
                "no album can open with a song that is not slow: every candidate is under \(Int(rules.slowBelow)) bpm"
        }
        // Slow songs kept apart, and not first, fill at most every second place after the first.
        let quickNeeded = rules.count - rules.count / 2
        if !rules.allowSlowInARow && quick < quickNeeded {
            return
                "\(rules.count) songs need at least \(quickNeeded) that are not slow (\(Int(rules.slowBelow)) bpm or more) to open and to keep slow songs apart, and only \(quick) are; allow slow songs in a row with --allow-slow-pairs or ask for fewer songs"
        }
        if setsTried > 0 && setsWithoutOpener == setsTried {
            let opener = pool.filter { !$0.isSlow(rules) }.max { ($0.rating, $1.title) < ($1.rating, $0.title) }
            return
                "no album of \(rules.count) has a strong opener — a song that is not slow, rated at least the middle of the chosen songs' ratings"
                + (opener.map {
                    "; the best that is not slow, \($0.title), is rated \(TracklistPlanner.number($0.rating))"
                } ?? "")
        }
        let lengths = pool.compactMap(\.length).sorted()
        if lengths.count >= rules.count {
            let shortest = lengths.prefix(rules.count).reduce(0, +)
            if let limit = rules.maximumLength, shortest > limit + 0.5 {
                return
                    "the \(rules.count) shortest songs already run \(TracklistPlan.clock(shortest)), over the --max-length of \(TracklistPlan.clock(limit))"
            }
            if rules.vinyl && shortest > Double(TracklistRules.maximumSides) * rules.sideLength + 0.5 {
                return
                    "the \(rules.count) shortest songs run \(TracklistPlan.clock(shortest)), more than \(TracklistRules.maximumSides) vinyl sides of \(TracklistPlan.clock(rules.sideLength))"
            }
        }
        if budgetSpent {
            return
                "no order of \(rules.count) songs keeping the rules was found within \(TracklistPlanner.searchSteps) steps (\(setsTried) sets tried); loosen a rule (--allow-slow-pairs, --allow-sound-alikes) or ask for fewer songs"
        }
        var rulesText = ["a strong opener that is not slow"]
        if !rules.allowSlowInARow { rulesText.append("no two slow songs in a row") }
        if !rules.allowSoundAlikes {
            rulesText.append("no two songs in the same key at nearly the same tempo in a row")
        }
        if rules.vinyl { rulesText.append("sides of at most \(TracklistPlan.clock(rules.sideLength))") }
        if let limit = rules.maximumLength { rulesText.append("at most \(TracklistPlan.clock(limit)) in all") }
        return
            "no \(rules.count) of the \(pool.count) songs can be put in an order that keeps every rule (\(rulesText.joined(separator: ", "))); loosen one or ask for fewer songs"
    }
}
