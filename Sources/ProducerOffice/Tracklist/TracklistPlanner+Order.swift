import Foundation

extension TracklistPlanner {
    /// A depth-first search for the best order of one set of songs, with a bound from the ratings
    /// still to place (the best ratings in the best places).
    struct OrderState {
        let songs: [TracklistCandidate]
        let set: [Int]
        let rules: TracklistRules
        let sides: Int
        let weights: [Double]
        /// For each place, the weights of it and the places after it, largest first.
        let weightsLeft: [[Double]]
        /// The opener must be rated at least this (the set's median).
        let openerRating: Double
        var order: [Int] = []
        var used: [Bool]
        var steps = 0
        var best: Search.Ordered?
        /// True when no song of the set may open (none is both not slow and rated the median).
        var lacksOpener = false

        init(set: [Int], search: Search) {
            self.set = set.sorted { (search.pool[$0].rating, -$0) > (search.pool[$1].rating, -$1) }
            songs = search.pool
            rules = search.rules
            sides = search.sides
            weights = TracklistPlanner.placeWeights(count: set.count)
            weightsLeft = (0...set.count).map { [weights] in weights[$0...].sorted(by: >) }
            let ratings = set.map { search.pool[$0].rating }.sorted()
            openerRating = ratings[(ratings.count - 1) / 2]
            used = Array(repeating: false, count: set.count)
        }

        /// May `candidate` follow `previous` (or open, when there is none)?
        func fits(_ candidate: TracklistCandidate, after previous: TracklistCandidate?) -> Bool {
            guard let previous else {
                return !candidate.isSlow(rules) && candidate.rating >= openerRating
            }
            if !rules.allowSlowInARow && candidate.isSlow(rules) && previous.isSlow(rules) { return false }
            if !rules.allowSoundAlikes && candidate.soundsAlike(previous, rules) { return false }
            return true
        }

        mutating func extend(flow: Double = 0) {
            steps += 1
            if steps > TracklistPlanner.orderSteps { return }
            if order.isEmpty && !set.contains(where: { fits(songs[$0], after: nil) }) {
                lacksOpener = true
                return
            }
            if order.count == set.count {
                guard
                    let split = TracklistPlanner.split(order.map { songs[$0].length ?? 0 }, sides: sides, rules: rules)
                else { return }
                // Each later side's opener counts again: it opens a side as the first track opens the album.
                var total = flow
                var start = 0
                for count in split.dropLast() {
                    start += count
                    total += 0.2 * songs[order[start]].rating
                }
                if best == nil || total > best!.flow { best = .init(order: order, sides: split, flow: total) }
                return
            }
            // Bound: the ratings left, best first, in the places left, best first.
            // `set` is sorted by rating, best first, so the unused ones come best first.
            var bound = flow + 2 * Double(max(0, sides - 1))
            var place = 0
            let places = weightsLeft[order.count]
            for i in set.indices where !used[i] {
                bound += songs[set[i]].rating * places[place]
                place += 1
            }
            if let best, bound <= best.flow { return }
            let previous = order.last.map { songs[$0] }
            for (i, index) in set.enumerated() where !used[i] {
                let candidate = songs[index]
                guard fits(candidate, after: previous) else { continue }
                used[i] = true
                order.append(index)
                let gain =
                    candidate.rating * weights[order.count - 1]
                    - (previous.map { TracklistPlanner.transitionCost(from: $0, to: candidate) } ?? 0)
                extend(flow: flow + gain)
                order.removeLast()
                used[i] = false
                if steps > TracklistPlanner.orderSteps { return }
            }
        }
    }

    /// How much each place counts: the first, the second and the last most, then earlier over
    /// later.
    static func placeWeights(count: Int) -> [Double] {
        (0..<count).map { place in
            if place == 0 { return 1 }
            if place == count - 1 { return 0.85 }
            if place == 1 { return 0.9 }
            return 0.5 + 0.2 * (1 - Double(place) / Double(max(1, count - 1)))
        }
    }

    /// What a change from one song to the next costs the flow: a lurch in energy of more than 3,
    /// or the same key again.
    static func transitionCost(from a: TracklistCandidate, to b: TracklistCandidate) -> Double {
        var cost = 0.0
        if let x = a.energy, let y = b.energy, abs(x - y) > 3 { cost += 0.3 * (abs(x - y) - 3) }
        if let x = a.key, let y = b.key, x == y { cost += 0.2 }
        return cost
    }

    /// Splits lengths, in order, into `sides` sides of at most the side length each, as evenly as
    /// it can (the longest side as short as possible); nil when it cannot. No vinyl: one "side".
    static func split(_ lengths: [Double], sides: Int, rules: TracklistRules) -> [Int]? {
        guard sides > 0 else { return [] }
        let n = lengths.count
        guard n >= sides else { return nil }
        var prefix = [0.0]
        for length in lengths { prefix.append(prefix.last! + length) }
        // longest[k][i]: the shortest possible longest side putting the first i tracks on k sides.
        let none = Double.infinity
        var longest = Array(repeating: Array(repeating: none, count: n + 1), count: sides + 1)
        var cut = Array(repeating: Array(repeating: 0, count: n + 1), count: sides + 1)
        longest[0][0] = 0
        for k in 1...sides {
            for i in k...n {
                for j in (k - 1)..<i where longest[k - 1][j] < none {
                    let side = prefix[i] - prefix[j]
                    guard side <= rules.sideLength + 0.5 else { continue }
                    let worst = max(longest[k - 1][j], side)
                    if worst < longest[k][i] {
                        longest[k][i] = worst
                        cut[k][i] = j
                    }
                }
            }
        }
        guard longest[sides][n] < none else { return nil }
        var counts: [Int] = []
        var i = n
        for k in stride(from: sides, to: 0, by: -1) {
            let j = cut[k][i]
            counts.append(i - j)
            i = j
        }
        return counts.reversed()
    }
}
