import Foundation
import ProducerConsole
import Testing

@Suite struct MicPlacementTests {
    let planner = PlacementPlanner()

    @Test func everySourceHasAPlanForEveryGoal() throws {
        let knowledge = PlacementKnowledge.standard
        let names = knowledge.sources.map(\.name)
        #expect(
            Set(names) == [
                "drum kit", "guitar cab", "bass", "acoustic guitar", "piano", "vocal", "strings", "brass", "choir",
            ])
        for source in knowledge.sources {
            // The data holds together: layouts name positions that exist, refs name references.
            for (goal, layout) in source.layouts {
                #expect(PlacementPlanner.goals.contains(goal), "\(source.name): goal \(goal)")
                for p in layout { #expect(source.mics.contains { $0.name == p }, "\(source.name): \(p)") }
            }
            for p in source.mics {
                for r in p.refs { #expect(knowledge.references[r] != nil, "\(p.name): ref \(r)") }
            }
            for goal in PlacementPlanner.goals {
                let plan = try planner.plan(source: source.name, goal: goal)
                #expect(!plan.placements.isEmpty, "\(source.name) \(goal)")
                #expect(plan.missing.isEmpty, "\(source.name) \(goal): \(plan.missing)")
                #expect(plan.placements.allSatisfy { $0.mic != nil && !$0.why.isEmpty && $0.distance >= 0 })
                #expect(!plan.references.isEmpty && plan.locker.hasPrefix("assumed"))
            }
        }
        // Aliases and case.
        #expect(try planner.plan(source: "Drums").source == "drum kit")
        #expect(throws: MicError.self) { try planner.plan(source: "theremin") }
        #expect(throws: MicError.self) { try planner.plan(source: "vocal", goal: "loud") }
    }

    /// Punchy kit: snare top at 3 cm, hi-hat mic 12 cm from the hat, the two mics 35 cm apart:
    /// 3 × 0.12 = 0.36 m > 0.35 m, so the rule fails by a centimetre; rack tom (5 cm) and snare
    /// top (3 cm), 40 cm apart: 3 × 0.05 = 0.15 m ≤ 0.40 m passes. Tight: the hat mic at 8 cm,
    /// the snare at 5 cm: 0.24 m ≤ 0.35 m passes.
    @Test func threeToOneOnAHandWorkedKit() throws {
        let punchy = try planner.plan(source: "drum kit", goal: "punchy")
        let hat = try #require(punchy.spacing.first { Set([$0.first, $0.second]) == ["snare top", "hi-hat"] })
        #expect(abs(hat.required - 0.36) < 1e-9 && hat.spacing == 0.35 && !hat.passes)
        #expect(hat.advice.contains("hi-hat") && hat.advice.contains("0.12"))
        let tom = try #require(punchy.spacing.first { Set([$0.first, $0.second]) == ["snare top", "rack tom"] })
        #expect(abs(tom.required - 0.15) < 1e-9 && tom.passes)
        let tight = try planner.plan(source: "drum kit", goal: "tight")
        let hat2 = try #require(tight.spacing.first { Set([$0.first, $0.second]) == ["snare top", "hi-hat"] })
        #expect(abs(hat2.required - 0.24) < 1e-9 && hat2.passes)
    }

    /// Guitar cab, punchy: the SM57 at 2 cm and the ribbon at 5 cm hear one speaker: 0.03 m
    /// farther, 0.03 / 343 = 87.46 µs = 4.198 samples at 48 kHz. Kick in (4 cm) and out (30 cm):
    /// 0.26 m, 0.758 ms, 36.38 samples.
    @Test func alignmentDelayOnHandWorkedExamples() throws {
        let cab = try planner.plan(source: "guitar cab", goal: "punchy")
        let w = try #require(cab.alignment.first)
        #expect(w.reference == "guitar cab close" && w.mic == "guitar cab ribbon")
        #expect(abs(w.difference - 0.03) < 1e-9)
        #expect(abs(w.milliseconds - 0.087464) < 1e-5)
        #expect(abs(w.samplesAt48k - 4.1983) < 1e-3)
        let kit = try planner.plan(source: "drum kit", goal: "punchy")
        let kick = try #require(kit.alignment.first { $0.target == "kick" && $0.mic == "kick out" })
        #expect(kick.reference == "kick in" && abs(kick.milliseconds - 0.75802) < 1e-4)
        #expect(abs(kick.samplesAt48k - 36.385) < 1e-2)
        // The overheads hear the snare about a metre and a quarter after the snare mic.
        #expect(
            kit.alignment.contains { $0.target == "snare" && $0.reference == "snare top" && $0.mic == "overheads xy" })
    }

    @Test func aLockerWithoutACondenserGetsADynamicAndAWarning() throws {
        let locker = try MicLocker(
            yaml: """
                mics:
                  - name: SM57
                    type: dynamic
                    patterns: [cardioid]
                    count: 2
                  - name: SM7B
                    type: dynamic
                """, path: "locker.yaml")
        let plan = try planner.plan(source: "vocal", goal: "natural", locker: locker)
        let vocal = try #require(plan.placements.first)
        #expect(vocal.mic == "SM7B")  // one of the usual choices before the plain SM57
        #expect(vocal.distance == 0.15)  // half of natural's 0.3 m, as a dynamic
        #expect(plan.warnings.contains { $0.contains("no condenser") })
        #expect(plan.locker == "locker.yaml")
        // The kit's XY overheads want a pair of condensers: missing, said so.
        let kit = try planner.plan(source: "drum kit", goal: "tight", locker: locker)
        #expect(kit.missing.contains { $0.hasPrefix("overheads ortf") })
        #expect(kit.placements.contains { $0.position == "overheads ortf" && $0.mic == nil })
    }

    @Test func roomSetsTheRoomMics() throws {
        let live = try Room(parsing: "5x7x3 m, live")
        #expect(live.width == 5 && live.length == 7 && live.height == 3 && live.liveness == .live)
        #expect(abs(live.criticalDistance - 0.057 * 105.0.squareRoot()) < 1e-9)
        let plan = try planner.plan(source: "drum kit", goal: "natural", room: live)
        let roomPair = try #require(plan.placements.first { $0.position == "room pair" })
        #expect(roomPair.distance == 2)
        let big = try planner.plan(source: "drum kit", room: Room(parsing: "10 x 15 x 5 m, neutral"))
        let far = try #require(big.placements.first { $0.position == "room pair" })
        #expect(far.distance > 4 && far.distance <= 7.5)
        let dead = try planner.plan(source: "drum kit", room: Room(parsing: "5x7x3m, dead"))
        #expect(!dead.placements.contains { $0.position == "room pair" })
        #expect(dead.roomNotes.contains { $0.contains("dead") })
        let feet = try Room(parsing: "20x30x10 ft, neutral")
        #expect(abs(feet.width - 6.096) < 1e-9)
    }

    @Test(arguments: [
        ("5x7 m, live", 5, "'x'"),
        ("5x7x3 m live", 9, "comma"),
        ("5x7x3 m, lively", 10, "live, neutral or dead"),
        ("5x0x3 m, dead", 3, "above 0"),
        ("5x7x3 yd, live", 7, "unit"),
        ("x7x3 m, live", 1, "width"),
        ("5x7x3 m, live!", 14, "unexpected"),
        ("", 1, "width"),
    ])
    func badRoomsPointAtTheCharacter(text: String, column: Int, words: String) {
        do {
            _ = try Room(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.description.contains(words), "\(error)")
            #expect(error.description.hasPrefix("--room:1:\(column): "))
        }
    }

    @Test func badMicListsGiveLocatedErrors() {
        func problem(_ yaml: String) -> MicError? {
            do {
                _ = try MicLocker(yaml: yaml, path: "locker.yaml")
                return nil
            } catch { return error }
        }
        let type = problem("mics:\n  - name: U87\n    type: tube\n")
        #expect(type?.line == 3 && type?.column == 11 && type?.key == "mics[0].type")
        #expect(
            type?.description
                == "locker.yaml:3:11: mics[0].type: 'tube' is not a mic type; use dynamic, condenser or ribbon")
        let pattern = problem("mics:\n  - name: U87\n    type: condenser\n    patterns: [cardioid, shotgun]\n")
        #expect(pattern?.line == 4 && pattern?.key == "mics[0].patterns[1]")
        let syntax = problem("mics: [a\n")
        #expect(syntax?.line != nil && syntax?.description.hasPrefix("locker.yaml:") == true)
        #expect(syntax?.description.contains("yaml_") == false)
        let unknown = problem("mics:\n  - name: U87\n    type: condenser\n    colour: warm\n")
        #expect(unknown?.line == 4 && unknown?.column == 5 && unknown?.key == "mics[0].colour")
        let missing = problem("mics:\n  - type: condenser\n")
        #expect(missing?.key == "mics[0].name" && missing?.line == 2)
        let count = problem("mics:\n  - name: SM57\n    type: dynamic\n    count: 0\n")
        #expect(count?.key == "mics[0].count" && count?.line == 4)
        #expect(problem("")?.message.contains("empty") == true)
        #expect(problem("- name: SM57\n  type: dynamic\n") == nil)
    }
}

@Suite struct MicReadmeTests {
    /// The README's AVAILABLE.yaml example reads as it says.
    @Test func readmeMicListParses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\nmics:"))
        let body = readme[start.upperBound...]
        let end = try #require(body.range(of: "```"))
        let locker = try MicLocker(yaml: "mics:" + body[..<end.lowerBound], path: "README.md")
        #expect(locker.mics.map(\.name) == ["SM57", "AT4050"])
        #expect(locker.mics[0].count == 4 && locker.mics[1].patterns == ["cardioid", "omni", "figure-8"])
    }
}
