// schedule-bench: Producer's schedule solver against OR-Tools CP-SAT on the same generated models.
//
//   swift run -c release schedule-bench                 every instance, against CP-SAT (60 s each)
//   swift run -c release schedule-bench --no-cpsat      only Producer's solver
//   swift run -c release schedule-bench repair          repair after cancellations
//   swift run -c release schedule-bench --export DIR    only write the instances' models as JSON
//
// Options: --work N (Producer's budget in steps per search, default Scheduler.standardWork: the
// answer is the same on every machine), --time-limit S (a wall-clock stop for Producer, default
// none; a result it cut short says so), --cpsat-limit S (default 60), --only N, --seed N.
// CP-SAT runs through Benchmarks/schedule/cpsat.py with 2 workers; Benchmarks/setup.sh installs
// OR-Tools. Every schedule either solver returns is checked by Benchmarks/schedule/check.py.
//
// Instances (fixed seeds): 12 songs × 5 sessions, 20 people in 9 roles, 4 rooms, over 28 days;
// the same with tighter horizons down to infeasible; then 24 songs, 40 people, 6 rooms over 42 days.
import Foundation
import ProducerOffice

struct Instance {
    var name: String
    var model: ScheduleModel
}

func instances() throws -> [Instance] {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
    let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    var result: [Instance] = []
    for days in [28, 21, 16, 12, 9, 7] {
        let project = GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: days, start: monday)
        let until = calendar.date(byAdding: .day, value: days - 1, to: monday)!
        result.append(
            Instance(
                name: "12 songs, \(days) days", model: try ScheduleModel(project: project, from: monday, until: until)))
    }
    let big = GeneratedAlbum.make(seed: 2, songs: 24, people: 40, rooms: 6, days: 42, start: monday)
    let until = calendar.date(byAdding: .day, value: 41, to: monday)!
    result.append(
        Instance(name: "24 songs, 42 days", model: try ScheduleModel(project: big, from: monday, until: until)))
    return result
}

var args = CommandLine.arguments.dropFirst()
if args.first == "--export", args.count >= 2 {
    let folder = URL(fileURLWithPath: args[args.startIndex + 1])
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    for (i, instance) in try instances().enumerated() {
        let file = folder.appendingPathComponent(String(format: "instance-%02d.json", i + 1))
        try encoder.encode(instance.model).write(to: file)
        print(
            "\(file.path): \(instance.name), \(instance.model.sessions.count) sessions, \(instance.model.people.count) people, \(instance.model.rooms.count) rooms, \(instance.model.dayCount) days"
        )
    }
    exit(0)
}
var timeLimit: Double?
var stepBudget = Scheduler.standardWork
var cpsatLimit = 60.0
var useCPSAT = true
var only: Int?
var repairOnly = false
var temperature = 0.05
var seed: UInt64 = 1
while let a = args.popFirst() {
    switch a {
    case "repair": repairOnly = true
    case "--seed": seed = UInt64(args.popFirst() ?? "") ?? seed
    case "--temperature": temperature = Double(args.popFirst() ?? "") ?? temperature
    case "--time-limit": timeLimit = Double(args.popFirst() ?? "") ?? timeLimit
    case "--work": stepBudget = Int(args.popFirst() ?? "") ?? stepBudget
    case "--only": only = Int(args.popFirst() ?? "")
    case "--cpsat-limit": cpsatLimit = Double(args.popFirst() ?? "") ?? cpsatLimit
    case "--no-cpsat": useCPSAT = false
    default:
        print("usage: schedule-bench [repair] [--export DIR] [--work N] [--time-limit S] [--only N] [--no-cpsat]");
        exit(2)
    }
}
/// Repair after a cancellation: hold instance 1's schedule, let a busy person cancel one booked
/// day, and re-plan moving as few sessions as possible.
func repairScenario(timeLimit: Double?, work: Int) throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
    let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    let until = calendar.date(byAdding: .day, value: 27, to: monday)!
    var project = GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: 28, start: monday)
    let model = try ScheduleModel(project: project, from: monday, until: until)
    let first = Scheduler(timeLimit: timeLimit, work: work).solve(model)
    for (s, placement) in first.placements.enumerated() {
        guard let placement else { continue }
        project.bookings.append(
            Booking(
                sessionID: model.sessions[s].id, roomID: model.rooms[placement.room].id,
                start: model.date(ofSlot: placement.start),
                end: model.date(ofSlot: placement.start + model.sessions[s].durationSlots),
                people: placement.people.map { model.people[$0].id },
                status: .hold, cost: .zero("EUR")))
    }
    for (label, role, pick) in [
        ("first", Role.mixEngineer, 0), ("last", Role.mixEngineer, -1), ("middle", Role.engineer, 1),
    ] {
        var changed = project
        let p = changed.people.firstIndex {
            $0.plays(role)
                && first.placements.contains {
                    $0?.people.contains(
                        model.people.firstIndex(where: { m in
                            m.id == changed.people[changed.people.firstIndex { $0.plays(role) }!].id
                        })!) ?? false
                }
        }!
        let index = model.people.firstIndex { $0.id == changed.people[p].id }!
        let days = Array(
            Set(
                first.placements.compactMap { $0 }.filter { $0.people.contains(index) }.map {
                    $0.start / model.slotsPerDay
                })
        ).sorted()
        guard !days.isEmpty else { continue }
        let day = pick < 0 ? days.last! : days[min(pick, days.count - 1)]
        changed.people[p].availability.exceptions.append(
            .init(
                start: model.dayStarts[day], end: calendar.date(byAdding: .day, value: 1, to: model.dayStarts[day])!,
                note: "cancelled"))
        let repaired = try ScheduleModel(project: changed, from: monday, until: until)
        let affected = first.placements.filter {
            $0.map { $0.people.contains(index) && $0.start / model.slotsPerDay == day } ?? false
        }.count
        let result = Scheduler(timeLimit: timeLimit, work: work, minimizesMoves: true).solve(repaired)
        let problems = repaired.violations(of: result.placements)
        print(
            "repair (\(changed.people[p].name) cancels the \(label) of their days, \(affected) session(s) that day): complete \(result.isComplete), moved \(result.cost.moved), cost \(first.cost.total) → \(result.cost.total), first complete \(result.firstCompleteSeconds.map { String(format: "%.3f s", $0) } ?? "never"), \(String(format: "%.2f s", result.seconds)), violations \(problems.count)\(result.stoppedByClock ? ", stopped by the time limit" : "")"
        )
    }
}

if repairOnly {
    try repairScenario(timeLimit: timeLimit, work: stepBudget)
    exit(0)
}

/// Runs a Python script of Benchmarks/schedule and returns its standard output.
func python(_ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(
            domain: "schedule-bench", code: Int(process.terminationStatus),
            userInfo: [NSLocalizedDescriptionKey: "python3 \(arguments.joined(separator: " ")) failed"])
    }
    return data
}

struct CPSATResult: Decodable {
    var status: String
    var firstSolutionSeconds: Double?
    var bestCostAt: [String: Int64?]?
    var bestCost: Int64?
    var bestBound: Double?
    var infeasibleProvedSeconds: Double?
    var wallSeconds: Double?
}

struct CheckResult: Decodable {
    struct Cost: Decodable { var total: Int64 }
    var valid: Bool
    var cost: Cost?
}

let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("schedule")
let work = FileManager.default.temporaryDirectory.appendingPathComponent("schedule-bench-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let encoder = JSONEncoder()
encoder.dateEncodingStrategy = .iso8601
func money(_ units: Int64?) -> String { units.map { Money(minorUnits: $0, currency: "EUR").formatted } ?? "—" }
func seconds(_ value: Double?) -> String { value.map { String(format: "%.2f s", $0) } ?? "—" }

let budget = "\(stepBudget) steps per search" + (timeLimit.map { ", at most \($0) s" } ?? "")
print(
    "Producer's scheduler (\(budget), 2 threads) against OR-Tools CP-SAT (\(cpsatLimit) s, 2 workers) on the same models"
)
for (i, instance) in try instances().enumerated() where only == nil || only == i + 1 {
    let model = instance.model
    print(
        "\n\(i + 1). \(instance.name): \(model.sessions.count) sessions, \(model.people.count) people, \(model.rooms.count) rooms, \(model.dayCount) days"
    )
    let modelFile = work.appendingPathComponent("model-\(i + 1).json")
    try encoder.encode(model).write(to: modelFile)
    // Producer.
    let clock = ContinuousClock()
    let t0 = clock.now
    var ours: (first: Double?, cost: Int64?, proof: Double?, conflict: ScheduleConflict?) = (nil, nil, nil, nil)
    var searched: Scheduler.Result?
    if let conflict = model.provenConflict() {
        let d = clock.now - t0
        ours.proof = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        ours.conflict = conflict
    } else {
        var scheduler = Scheduler(timeLimit: timeLimit, work: stepBudget, seed: seed)
        scheduler.temperature = temperature
        let result = scheduler.solve(model)
        searched = result
        if result.isComplete {
            ours.first = result.firstCompleteSeconds
            ours.cost = result.cost.total
            let placementsFile = work.appendingPathComponent("ours-\(i + 1).json")
            try encoder.encode(result.placements).write(to: placementsFile)
            let check = try JSONDecoder().decode(
                CheckResult.self,
                from: python([scripts.appendingPathComponent("check.py").path, modelFile.path, placementsFile.path]))
            if !check.valid || check.cost?.total != result.cost.total {
                print(
                    "   !! check.py disagrees with Producer's schedule: valid \(check.valid), cost \(check.cost?.total ?? -1)"
                )
            }
        } else {
            ours.conflict = model.explain(unplaced: result.unplaced)
        }
    }
    if let cost = ours.cost {
        let done =
            searched.map {
                "\($0.steps) steps in \(seconds($0.seconds))\($0.stoppedByClock ? ", stopped by the time limit" : "")"
            } ?? ""
        print(
            "   Producer: first schedule \(seconds(ours.first)), cost \(money(cost)) after \(done) (checked by check.py)"
        )
    } else if let conflict = ours.conflict {
        print(
            "   Producer: \(conflict.isProven ? "proved infeasible in \(String(format: "%.1f ms", (ours.proof ?? 0) * 1000))" : "no schedule found in \(searched.map { "\($0.steps) steps, \(seconds($0.seconds))" } ?? "—"), not proven infeasible")"
        )
        print("     \(conflict.summary)")
        for line in conflict.constraints { print("     - \(line)") }
    }
    guard useCPSAT else { continue }
    let resultFile = work.appendingPathComponent("cpsat-\(i + 1).json")
    _ = try python([
        scripts.appendingPathComponent("cpsat.py").path, modelFile.path, "--time-limit", "\(cpsatLimit)", "--workers",
        "2", "--checkpoints", "10,\(Int(cpsatLimit))", "--out", resultFile.path,
    ])
    let cpsat = try JSONDecoder().decode(CPSATResult.self, from: Data(contentsOf: resultFile))
    let at10 = cpsat.bestCostAt?["10"] ?? nil
    let atEnd = cpsat.bestCostAt?["\(Int(cpsatLimit))"] ?? nil
    switch cpsat.status {
    case "INFEASIBLE":
        print(
            "   CP-SAT:   proved infeasible in \(seconds(cpsat.infeasibleProvedSeconds))"
                + (ours.conflict?.isProven == true ? "" : " — Producer did not prove it"))
    case "OPTIMAL", "FEASIBLE":
        print(
            "   CP-SAT:   \(cpsat.status.lowercased()), first schedule \(seconds(cpsat.firstSolutionSeconds)), best \(money(at10)) at 10 s, \(money(atEnd)) at \(Int(cpsatLimit)) s (bound \(money(cpsat.bestBound.map { Int64($0) })))"
        )
        if let cost = ours.cost {
            for (label, reference) in [("10 s", at10), ("\(Int(cpsatLimit)) s", atEnd)] {
                guard let reference else { continue }
                print(
                    String(
                        format: "   gap to CP-SAT's best at %@: %+.2f %%", label,
                        Double(cost - reference) / Double(reference) * 100))
            }
        } else {
            print("   !! CP-SAT found a schedule where Producer found none")
        }
    default:
        print(
            "   CP-SAT:   no schedule within \(Int(cpsatLimit)) s (\(cpsat.status))"
                + (ours.cost != nil ? "; Producer's is the only one" : ""))
    }
}
try? FileManager.default.removeItem(at: work)
