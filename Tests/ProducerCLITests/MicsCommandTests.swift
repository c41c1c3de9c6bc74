import Foundation
import ProducerConsole
import ProducerTestSupport
import Testing

/// `producer mics` end to end: a plan as text and JSON, a mic list read from a file, and the
/// errors of a bad room or a bad list, located.
@Suite struct MicsCommandTests {
    @Test func plansAKitInARoomFromTheStudiosMics() async throws {
        let dir = try temporaryDirectory()
        let locker = dir + "/locker.yaml"
        try """
        mics:
          - { name: SM57, type: dynamic, patterns: [cardioid], count: 6 }
          - { name: D112, type: dynamic, patterns: [cardioid] }
          - { name: KM184, type: condenser, patterns: [cardioid], count: 2 }
        """.write(toFile: locker, atomically: true, encoding: .utf8)
        let r = await runInProcess([
            "mics", "--source", "drum kit", "--room", "5x7x3 m, live", "--goal", "tight", "--mics", locker, "--json",
        ])
        #expect(r.status == 0, "\(r.err)")
        let plan = try JSONDecoder().decode(PlacementPlan.self, from: Data(r.out.utf8))
        #expect(plan.source == "drum kit" && plan.goal == "tight" && plan.locker == locker)
        #expect(plan.placements.first { $0.position == "kick in" }?.mic == "D112")
        #expect(plan.placements.first { $0.position == "overheads ortf" }?.mic == "KM184")
        #expect(plan.placements.first { $0.position == "hi-hat" }?.mic == "SM57")  // the condensers went to the pair
        #expect(plan.warnings.contains { $0.hasPrefix("hi-hat") })
        #expect(plan.room?.liveness == .live)

        let text = await runInProcess(["mics", "--source", "vocal"])
        #expect(text.status == 0)
        #expect(text.out.contains("assumed: a typical small-studio locker") && text.out.contains("Sources:"))
    }

    @Test func badRoomAndBadListAreLocated() async throws {
        let room = await runInProcess(["mics", "--source", "piano", "--room", "5x7x3 m live"])
        #expect(room.status == 1)
        #expect(room.err.contains("--room:1:9: at 'l'") && room.err.contains("comma"))
        let dir = try temporaryDirectory()
        let locker = dir + "/locker.yaml"
        try "mics:\n  - name: U87\n    type: condenser\n    patterns: [cardioid, shotgun]\n".write(
            toFile: locker, atomically: true, encoding: .utf8)
        let list = await runInProcess(["mics", "--source", "vocal", "--mics", locker, "--json"])
        #expect(list.status == 1)
        #expect(list.err.contains("\"line\":4") && list.err.contains("mics[0].patterns[1]"))
        let source = await runInProcess(["mics", "--source", "theremin"])
        #expect(source.status == 1 && source.err.contains("theremin") && source.err.contains("drum kit"))
        let missing = await runInProcess(["mics", "--source", "vocal", "--mics", dir + "/none.yaml"])
        #expect(missing.status == 1 && missing.err.contains("none.yaml"))
    }
}
