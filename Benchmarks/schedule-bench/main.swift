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
while let a = args.popFirst() {
    switch a {
    case "--time-limit": timeLimit = Double(args.popFirst() ?? "") ?? timeLimit
    case "--only": only = Int(args.popFirst() ?? "")
    default: print("usage: schedule-bench [--export DIR] [--time-limit S] [--only N]"); exit(2)
    }
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
