import Foundation
import ProducerMusic

/// Chooses and orders an album's songs from its candidates.
///
/// It chooses the songs with the highest combined rating (``TracklistCandidate/rating(of:)``)
/// that fit the length (and the vinyl sides, in order), and orders them so that a strong song
/// that is not slow opens, no two slow songs and no two sound-alikes (same key, nearly the same
/// tempo) follow each other unless allowed, and the strongest songs take the places listeners
/// remember — first, second and last — while the energy moves without lurching. Both searches
/// count their steps, not seconds: the same candidates give the same album on any machine.
public enum TracklistPlanner {
    /// The most steps spent looking for the best set of songs; the best found by then is used.
    public static let searchSteps = 150_000
    /// The most steps spent ordering one set of songs.
    public static let orderSteps = 5_000

    /// Chooses `rules.count` songs from `candidates` and orders them.
    /// - Throws: ``OfficeError`` when too few songs are known well enough to choose from, or no
    ///   set of songs fits the rules, naming the rule that cannot be kept.
    public static func plan(
        _ candidates: [TracklistCandidate], rules: TracklistRules
    ) throws(OfficeError)
        -> TracklistPlan
    {
        guard (1...TracklistRules.maximumCount).contains(rules.count) else {
            throw OfficeError("--songs \(rules.count): an album has 1 to \(TracklistRules.maximumCount) songs")
        }
        let needsLength = rules.maximumLength != nil || rules.vinyl
        var leftOut: [TracklistPlan.LeftOut] = []
        var pool: [TracklistCandidate] = []
        for candidate in candidates {
            if needsLength && candidate.length == nil {
                leftOut.append(
                    .init(
                        songID: candidate.songID, title: candidate.title, rating: candidate.rating,
                        why: "its length is not known, so it cannot be fitted to the album's length"))
            } else {
                pool.append(candidate)
            }
        }
        guard pool.count >= rules.count else {
            let missing = needsLength && pool.count < candidates.count ? " with a known length" : ""
            throw OfficeError(
                "--songs \(rules.count): the project has \(pool.count) candidate song\(pool.count == 1 ? "" : "s")\(missing)"
            )
        }
        var search = Search(pool: pool, rules: rules)
        let sideCounts = rules.vinyl ? [2, TracklistRules.maximumSides] : [0]
        for sides in sideCounts {
            search.sides = sides
            search.run()
            if search.best != nil { break }
        }
        guard let best = search.best else { throw OfficeError(search.failure()) }
        return describe(best.order.map { pool[$0] }, sides: best.sides, pool: pool, leftOut: leftOut, search: search)
    }
}

extension TracklistPlanner {
    /// The two nested searches: sets of songs by rating (branch and bound), then orders of a set.
    struct Search {
        let pool: [TracklistCandidate]
        let rules: TracklistRules
        /// Vinyl sides to cut (0 when not vinyl).
        var sides = 0
        /// Pool indices by rating, best first (ties in the project's order).
        let byRating: [Int]
        var best: (order: [Int], sides: [Int], score: Double)?
        var steps = 0
        var setsTried = 0
        var setsWithoutOrder = 0
        var setsWithoutOpener = 0
        var budgetSpent = false

        init(pool: [TracklistCandidate], rules: TracklistRules) {
            self.pool = pool
            self.rules = rules
            byRating = pool.indices.sorted { (pool[$0].rating, -$0) > (pool[$1].rating, -$1) }
        }

        var capacity: Double {
            let vinyl = sides > 0 ? Double(sides) * rules.sideLength : .infinity
            return min(rules.maximumLength ?? .infinity, vinyl)
        }

        mutating func run() {
            best = nil
            var chosen: [Int] = []
            choose(from: 0, chosen: &chosen, rating: 0, length: 0)
        }

        /// Branch and bound over sets, best ratings first: each complete set is ordered, and the
        /// first set whose rating no later set can beat and that has an order is kept.
        private mutating func choose(from i: Int, chosen: inout [Int], rating: Double, length: Double) {
            steps += 1
            if steps > TracklistPlanner.searchSteps {
                budgetSpent = true
                return
            }
            if chosen.count == rules.count {
                setsTried += 1
                guard let order = orderSet(chosen) else {
                    setsWithoutOrder += 1
                    return
                }
                let score = rating * 1_000 + order.flow
                if best == nil || score > best!.score { best = (order.order, order.sides, score) }
                return
            }
            let needed = rules.count - chosen.count
            guard byRating.count - i >= needed else { return }
            // The best this branch can reach: the next `needed` ratings.
            let bound = rating + byRating[i..<(i + needed)].reduce(0) { $0 + pool[$1].rating }
            if let best, bound * 1_000 + 1_000 <= best.score { return }
            let candidate = pool[byRating[i]]
            let length = length + (candidate.length ?? 0)
            if length <= capacity + 0.5 {
                chosen.append(byRating[i])
                choose(from: i + 1, chosen: &chosen, rating: rating + candidate.rating, length: length)
                chosen.removeLast()
            }
            if budgetSpent { return }
            choose(from: i + 1, chosen: &chosen, rating: rating, length: length - (candidate.length ?? 0))
        }

        // MARK: Ordering one set

        struct Ordered {
            var order: [Int]
            var sides: [Int]
            var flow: Double
        }

        /// The best order of `set` within ``TracklistPlanner/orderSteps``, or nil when none keeps
        /// the rules.
        mutating func orderSet(_ set: [Int]) -> Ordered? {
            var state = OrderState(set: set, search: self)
            state.extend()
            steps += state.steps
            if state.lacksOpener { setsWithoutOpener += 1 }
            return state.best
        }
    }
}
