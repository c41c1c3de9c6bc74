import Foundation
import Yams

/// A value as a plan file writes it — text, a list or a mapping — built by code instead of read
/// from a file, so that an editing command's record goes through the plan's own reader and checks.
public indirect enum PlanValue: Sendable, Hashable {
    case text(String)
    case list([PlanValue])
    case map([Pair])

    /// One key and its value in a mapping, in order.
    public struct Pair: Sendable, Hashable {
        public var key: String
        public var value: PlanValue
        public init(_ key: String, _ value: PlanValue) {
            self.key = key
            self.value = value
        }
    }

    /// A list of texts.
    public static func texts(_ items: [String]) -> PlanValue { .list(items.map { .text($0) }) }

    /// The value at `key` of a mapping.
    public subscript(key: String) -> PlanValue? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// Sets (or, with nil, removes) the value at `path` inside mappings, making the mappings on
    /// the way; a value that is not a mapping on the way is replaced by one.
    public mutating func set(_ path: [String], to value: PlanValue?) {
        guard let first = path.first else {
            if let value { self = value }
            return
        }
        var pairs: [Pair] = []
        if case .map(let own) = self { pairs = own }
        let i = pairs.firstIndex { $0.key == first }
        if path.count == 1 {
            if let value {
                if let i { pairs[i].value = value } else { pairs.append(Pair(first, value)) }
            } else if let i {
                pairs.remove(at: i)
            }
        } else {
            var inner = i.map { pairs[$0].value } ?? .map([])
            inner.set(Array(path.dropFirst()), to: value)
            if let i { pairs[i].value = inner } else { pairs.append(Pair(first, inner)) }
        }
        self = .map(pairs)
    }

    /// The YAML node, with no place in a file (errors then name no line).
    var node: Node {
        switch self {
        case .text(let text): return Node(text, .implicit, .plain)
        case .list(let items): return Node(items.map(\.node))
        case .map(let pairs): return Node(pairs.map { (Node($0.key, .implicit, .plain), $0.value.node) })
        }
    }
}

extension ProjectPlan {
    /// Reads a plan given as values (`{ songs: [ { title: … } ] }`) with every check a plan file
    /// gets; `name` stands for the file in errors.
    public init(value: PlanValue, name: String, settings: ProjectSettings) throws(ProjectPlanError) {
        self = try ProjectPlanParser(path: name, yaml: "", settings: settings).parse(root: value.node)
    }
}
