// schedule-bench: Producer's schedule solver against OR-Tools CP-SAT on the same generated models.
//
//   swift run -c release schedule-bench                 run every instance, print the comparison
//   swift run -c release schedule-bench --export DIR    only write the instances' models as JSON
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
        result.append(Instance(name: "12 songs, \(days) days", model: try ScheduleModel(project: project, from: monday, until: until)))
    }
    let big = GeneratedAlbum.make(seed: 2, songs: 24, people: 40, rooms: 6, days: 42, start: monday)
    let until = calendar.date(byAdding: .day, value: 41, to: monday)!
    result.append(Instance(name: "24 songs, 42 days", model: try ScheduleModel(project: big, from: monday, until: until)))
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
        print("\(file.path): \(instance.name), \(instance.model.sessions.count) sessions, \(instance.model.people.count) people, \(instance.model.rooms.count) rooms, \(instance.model.dayCount) days")
    }
    exit(0)
}
var timeLimit = 1.5
var only: Int?
var repairOnly = false
while let a = args.popFirst() {
    switch a {
    case "repair": repairOnly = true
    case "--time-limit": timeLimit = Double(args.popFirst() ?? "") ?? timeLimit
    case "--only": only = Int(args.popFirst() ?? "")
    default: print("usage: schedule-bench [--export DIR] [--time-limit S] [--only N]"); exit(2)
    }
}
/// Repair after a cancellation: hold instance 1's schedule, let a busy person cancel one booked
/// day, and re-plan moving as few sessions as possible.
func repairScenario(timeLimit: Double) throws {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
    let monday = calendar.date(from: DateComponents(year: 2027, month: 1, day: 4))!
    let until = calendar.date(byAdding: .day, value: 27, to: monday)!
    var project = GeneratedAlbum.make(seed: 1, songs: 12, people: 20, rooms: 4, days: 28, start: monday)
    let model = try ScheduleModel(project: project, from: monday, until: until)
    let first = Scheduler(timeLimit: timeLimit).solve(model)
    for (s, placement) in first.placements.enumerated() {
        guard let placement else { continue }
        project.bookings.append(
            Booking(
                sessionID: model.sessions[s].id, roomID: model.rooms[placement.room].id, start: model.date(ofSlot: placement.start),
                end: model.date(ofSlot: placement.start + model.sessions[s].durationSlots), people: placement.people.map { model.people[$0].id },
                status: .hold, cost: .zero("EUR")))
    }
    for (label, role, pick) in [("first", Role.mixEngineer, 0), ("last", Role.mixEngineer, -1), ("middle", Role.engineer, 1)] {
        var changed = project
        let p = changed.people.firstIndex { $0.plays(role) && first.placements.contains { $0?.people.contains(model.people.firstIndex(where: { m in m.id == changed.people[changed.people.firstIndex { $0.plays(role) }!].id })!) ?? false } }!
        let index = model.people.firstIndex { $0.id == changed.people[p].id }!
        let days = Array(Set(first.placements.compactMap { $0 }.filter { $0.people.contains(index) }.map { $0.start / model.slotsPerDay })).sorted()
        guard !days.isEmpty else { continue }
        let day = pick < 0 ? days.last! : days[min(pick, days.count - 1)]
        changed.people[p].availability.exceptions.append(.init(start: model.dayStarts[day], end: calendar.date(byAdding: .day, value: 1, to: model.dayStarts[day])!, note: "cancelled"))
        let repaired = try ScheduleModel(project: changed, from: monday, until: until)
        let affected = first.placements.filter { $0.map { $0.people.contains(index) && $0.start / model.slotsPerDay == day } ?? false }.count
        let result = Scheduler(timeLimit: timeLimit, minimizesMoves: true).solve(repaired)
        let problems = repaired.violations(of: result.placements)
        print("repair (\(changed.people[p].name) cancels the \(label) of their days, \(affected) session(s) that day): complete \(result.isComplete), moved \(result.cost.moved), cost \(first.cost.total) → \(result.cost.total), first complete \(result.firstCompleteSeconds.map { String(format: "%.3f s", $0) } ?? "never"), violations \(problems.count)")
    }
}

if repairOnly {
    try repairScenario(timeLimit: timeLimit)
    exit(0)
}

for (i, instance) in try instances().enumerated() where only == nil || only == i + 1 {
    let clock = ContinuousClock()
    let t0 = clock.now
    if let conflict = instance.model.provenConflict() {
        print("\(i + 1). \(instance.name): proven infeasible in \(clock.now - t0): \(conflict.summary) \(conflict.constraints)")
        continue
    }
    print("   (no proof of infeasibility, \(clock.now - t0))")
    let result = Scheduler(timeLimit: timeLimit).solve(instance.model)
    let problems = instance.model.violations(of: result.placements)
    let first = result.firstCompleteSeconds.map { String(format: "%.3f s", $0) } ?? "never"
    print("\(i + 1). \(instance.name): cost \(result.cost.total) (rooms \(result.cost.rooms), people \(result.cost.people), late \(result.cost.lateness)), first complete \(first), \(result.rounds) rounds in \(String(format: "%.2f", result.seconds)) s, unplaced \(result.unplaced.count), violations \(problems.count) \(problems.prefix(3))")
}
