import Foundation
import ProducerMusic
import ProducerOffice
import Testing

/// The tracklist's choice and order, against albums worked by hand.
@Suite("tracklist planner")
struct TracklistPlannerTests {
    static func song(
        _ title: String, rating: Double, tempo: Double?, key: String? = nil, length: Double? = nil,
        energy: Double? = nil
    ) -> TracklistCandidate {
        TracklistCandidate(
            songID: title.lowercased(), title: title, length: length, tempo: tempo,
            key: key.flatMap { try? Key(parsing: $0) },
            energy: energy ?? tempo.map(TracklistCandidate.energy(fromTempo:)), rating: rating)
    }

    @Test("the best-rated songs, a strong opener that is not slow, slow songs kept apart")
    func bestSongsInAFlowingOrder() throws {
        // Given six candidates, two of the four best slow (70 and 75 bpm)
        let candidates = [
            Self.song("A", rating: 9, tempo: 120), Self.song("B", rating: 8.5, tempo: 70),
            Self.song("C", rating: 8, tempo: 75), Self.song("D", rating: 7, tempo: 128),
            Self.song("E", rating: 6, tempo: 100), Self.song("F", rating: 3, tempo: 110),
        ]
        // When four are chosen
        let plan = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 4))
        // Then the four best are chosen, and ordered A C D B. By hand: the opener must not be
        // slow and must be rated at least the median (8): only A. B and C may not touch, so the
        // orders are A B D C and A C D B. Places weigh 1, 0.9, 0.567, 0.85 and energies (from
        // tempo) are A 5, B 1, C 2, D 5. A B D C: 9 + 7.65 + 3.967 + 6.8 − 0.3 (A→B jumps 4)
        // − 0.3 (B→D) = 26.82; A C D B: 9 + 7.2 + 3.967 + 7.225 − 0.3 (D→B) = 27.09.
        #expect(plan.tracks.map(\.title) == ["A", "C", "D", "B"])
        #expect(plan.leftOut.map(\.title) == ["E", "F"])
        #expect(plan.tracks[0].why[0].hasPrefix("Opens the album: rated 9 (best of 4), and not slow at 120 bpm"))
        #expect(plan.tracks[3].why[0].contains("slow, to let the record down gently"))
        #expect(plan.leftOut[1].why.contains("below every chosen song"))
    }

    @Test("the best set that fits --max-length, not the best songs")
    func lengthLimit() throws {
        // Given X 9 (5:00), Y 8 (4:00), Z 7.5 (3:30) and a limit of 8:00
        let candidates = [
            Self.song("X", rating: 9, tempo: 120, length: 300), Self.song("Y", rating: 8, tempo: 110, length: 240),
            Self.song("Z", rating: 7.5, tempo: 100, length: 210),
        ]
        // When two are chosen
        let plan = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 2, maximumLength: 480))
        // Then X+Y (9:00) and X+Z (8:30) are too long, so Y and Z (7:30) are chosen
        #expect(Set(plan.tracks.map(\.title)) == ["Y", "Z"])
        #expect(plan.length == 450)
        #expect(plan.tracks.first?.title == "Y")
        // And a limit no two songs fit says so
        #expect(throws: OfficeError.self) {
            try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 2, maximumLength: 400))
        }
        do {
            _ = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 2, maximumLength: 400))
        } catch {
            #expect(error.message == "the 2 shortest songs already run 7:30, over the --max-length of 6:40")
        }
    }

    @Test("two songs in the same key at nearly the same tempo are kept apart")
    func soundAlikesApart() throws {
        // Given P and Q in E minor at 92 and 94 bpm (2 % apart) and R in G major at 130
        let candidates = [
            Self.song("P", rating: 9, tempo: 92, key: "E minor"), Self.song("Q", rating: 8, tempo: 94, key: "E minor"),
            Self.song("R", rating: 5, tempo: 130, key: "G major"),
        ]
        // When all three are ordered
        let plan = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 3))
        // Then R sits between them: P R Q (1·9 + 0.9·5 + 0.85·8 = 20.3) beats Q R P (20.15)
        #expect(plan.tracks.map(\.title) == ["P", "R", "Q"])
        #expect(plan.tracks[1].why.contains { $0.contains("E minor → G major, its relative major") })
    }

    @Test("vinyl: every side at most 22 minutes, in play order, as even as it can be")
    func vinylSides() throws {
        // Given four songs of 12, 11, 10 and 9 minutes (42 in all)
        let candidates = [
            Self.song("Twelve", rating: 9, tempo: 120, length: 720),
            Self.song("Eleven", rating: 8, tempo: 118, length: 660),
            Self.song("Ten", rating: 7, tempo: 116, length: 600),
            Self.song("Nine", rating: 6, tempo: 114, length: 540),
        ]
        // When they are cut for vinyl
        let plan = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 4, vinyl: true))
        // Then there are two sides of two songs, each at most 22:00, covering the album in order
        #expect(plan.sides.map(\.name) == ["A", "B"])
        #expect(plan.sides.allSatisfy { $0.length <= 22 * 60 })
        #expect(plan.sides.map(\.tracks) == [1...2, 3...4])
        #expect(plan.sides.reduce(0) { $0 + $1.length } == 2_520)
        #expect(plan.tracks.map(\.side) == ["A", "A", "B", "B"])
        #expect(plan.tracks[2].why.contains { $0.hasPrefix("Opens side B") })
        // And the saved tracklist keeps the sides
        #expect(plan.tracklist(madeAt: Date(timeIntervalSince1970: 0)).sides == [2, 2])
    }

    @Test("45 minutes of music needs a double album: three songs cannot fill four sides, four can")
    func vinylLimits() throws {
        // Given three songs of 15 minutes (45 in all: more than two sides)
        let long = (1...4).map { Self.song("L\($0)", rating: 8, tempo: 120, length: 900) }
        // When three are cut for vinyl, then four sides are needed but three songs cannot fill four
        #expect(throws: OfficeError.self) {
            try TracklistPlanner.plan(Array(long.prefix(3)), rules: TracklistRules(count: 3, vinyl: true))
        }
        // When four are, then each goes on a side of its own
        let plan = try TracklistPlanner.plan(long, rules: TracklistRules(count: 4, vinyl: true))
        #expect(plan.sides.map(\.name) == ["A", "B", "C", "D"])
    }

    @Test("too few songs that are not slow: the message names the rule and the way out")
    func tooManySlowSongs() throws {
        // Given one quick song and four slow ones
        let candidates =
            [Self.song("Quick", rating: 5, tempo: 120)]
            + (1...4).map { Self.song("Slow \($0)", rating: 8, tempo: 70) }
        // When four songs are asked for
        do {
            _ = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 4))
            Issue.record("four songs with one quick one were ordered")
        } catch {
            // Then four songs need two quick ones (places 1 and 3) and it says how to allow it
            #expect(error.message.hasPrefix("4 songs need at least 2 that are not slow"))
            #expect(error.message.contains("--allow-slow-pairs"))
        }
        // And with slow songs allowed in a row, the quick song, rated 5 under the slow songs'
        // 8, is still too weak to open
        do {
            _ = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 4, allowSlowInARow: true))
            Issue.record("a song rated under the middle opened")
        } catch {
            #expect(error.message.hasPrefix("no album of 4 has a strong opener"))
            #expect(error.message.hasSuffix("the best that is not slow, Quick, is rated 5"))
        }
        // And when it is rated as well as they are, it opens and the slow songs follow each other
        var rated = candidates
        rated[0].rating = 8
        let plan = try TracklistPlanner.plan(rated, rules: TracklistRules(count: 4, allowSlowInARow: true))
        #expect(plan.tracks.first?.title == "Quick")
        #expect(plan.notes == ["Slow songs may follow each other (asked for)."])
    }

    @Test("asking for more songs than there are, or songs without lengths against a limit")
    func tooFewCandidates() throws {
        let candidates = [
            Self.song("One", rating: 5, tempo: 120), Self.song("Two", rating: 5, tempo: 100, length: 200),
        ]
        do {
            _ = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 3))
        } catch {
            #expect(error.message == "--songs 3: the project has 2 candidate songs")
        }
        do {
            _ = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 2, maximumLength: 900))
        } catch {
            #expect(error.message == "--songs 2: the project has 1 candidate song with a known length")
        }
        let one = try TracklistPlanner.plan(candidates, rules: TracklistRules(count: 1, maximumLength: 900))
        #expect(one.tracks.map(\.title) == ["Two"])
        #expect(one.leftOut.first?.why.contains("length is not known") == true)
    }

    @Test("ratings: artist and producer 40 % each, market 20 %, over those given")
    func combinedRating() {
        #expect(TracklistCandidate.rating(of: .init(artist: 8, producer: 6, market: 10)) == 7.6)
        #expect(TracklistCandidate.rating(of: .init(artist: 8, producer: 6)) == 7)
        #expect(TracklistCandidate.rating(of: .init(market: 3)) == 3)
        #expect(TracklistCandidate.rating(of: .init()) == nil)
    }

    @Test("thirty unrated songs: the search stops at its step budget with an album, the same each time")
    func searchBudget() throws {
        // Given 30 songs rated alike, in two keys, at spread tempos
        let candidates = (0..<30).map { (i: Int) -> TracklistCandidate in
            let tempo = Double(80 + (i * 7) % 80)
            let key = i % 2 == 0 ? "C major" : "A minor"
            return Self.song("S\(i)", rating: 5, tempo: tempo, key: key, length: Double(180 + i * 3))
        }
        // When ten are chosen twice
        let rules = TracklistRules(count: 10, maximumLength: 45 * 60, vinyl: true)
        let first = try TracklistPlanner.plan(candidates, rules: rules)
        let second = try TracklistPlanner.plan(candidates, rules: rules)
        // Then both are the same album of ten that keeps the rules
        #expect(first == second)
        #expect(first.tracks.count == 10)
        #expect((first.length ?? .infinity) <= 45 * 60)
        #expect(first.sides.allSatisfy { $0.length <= 22 * 60 })
        for (a, b) in zip(first.tracks, first.tracks.dropFirst()) {
            let bothSlow = (a.tempo ?? 99) < 90 && (b.tempo ?? 99) < 90
            #expect(!bothSlow, "\(a.title) and \(b.title) are both slow")
        }
    }
}
