/// What an editing command's options say about one record: each a value at a key path of the
/// record's plan form, and the option that said it, so that a mistake found by the plan's reader
/// names the option (`--tempo: 500 is out of range (20 to 400 beats per minute)`).
public struct RecordEdit: Sendable, Hashable {
    /// One option's change: the key path in the record (`["ratings", "artist"]`) and its value;
    /// nil removes the key.
    public struct Change: Sendable, Hashable {
        public var path: [String]
        public var value: PlanValue?
    }

    public var changes: [Change] = []
    /// The option for each key path of the record (`ratings.artist` → `--artist-rating`).
    public var options: [String: String] = [:]

    public init() {}

    /// True when no option was given.
    public var isEmpty: Bool { changes.isEmpty }

    /// Sets `path` to `value` (nil removes it), as `option` says.
    public mutating func set(_ path: String..., to value: PlanValue?, option: String) {
        changes.append(Change(path: path, value: value))
        options[path.joined(separator: ".")] = option
    }

    /// Sets `path` to `text` when given.
    public mutating func set(_ path: String..., text: String?, option: String) {
        guard let text else { return }
        changes.append(Change(path: path, value: .text(text)))
        options[path.joined(separator: ".")] = option
    }

    /// Sets `path` to the list `items` when any are given.
    public mutating func set(_ path: String..., texts items: [String], option: String) {
        guard !items.isEmpty else { return }
        changes.append(Change(path: path, value: .texts(items)))
        options[path.joined(separator: ".")] = option
    }

    /// Names the option of a key path set as part of a larger value (`rooms[0].capacity`).
    public mutating func name(_ keyPath: String, option: String) { options[keyPath] = option }

    /// `record` with the changes made.
    public func applied(to record: PlanValue) -> PlanValue {
        var result = record
        for change in changes { result.set(change.path, to: change.value) }
        return result
    }

    /// A plan error said in the words of the command: the option at fault, else the record.
    func error(_ e: ProjectPlanError, prefix: String, record: String) -> OfficeError {
        guard var rest = e.key else { return OfficeError(e.message) }
        if rest.hasPrefix(prefix + ".") {
            rest.removeFirst(prefix.count + 1)
        } else if rest == prefix || prefix.hasPrefix(rest + ".") {
            rest = ""  // about the record itself, or the record around it (a room's studio)
        }
        let match = options.keys.filter { rest == $0 || rest.hasPrefix($0 + ".") || rest.hasPrefix($0 + "[") }
            .max { $0.count < $1.count }
        if let match, let option = options[match] { return OfficeError("\(option): \(e.message)") }
        return OfficeError(rest.isEmpty ? "\(record): \(e.message)" : "\(record): \(rest): \(e.message)")
    }
}
