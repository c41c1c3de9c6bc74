/// The recent part of a long signal fed in blocks: values are addressed by their index in the
/// whole signal, and those before a point no reader needs any more are let go, so memory follows
/// what is kept, not the signal's length.
struct SampleHistory<Element: BitwiseCopyable> {
    private var storage: [Element] = []
    /// The index in the whole signal of `storage[0]`.
    private(set) var first = 0
    /// How many values the whole signal has had so far.
    var end: Int { first + storage.count }

    init() {}

    /// Adds values at the end.
    mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        storage.append(contentsOf: values)
    }

    /// Adds one value at the end.
    mutating func append(_ value: Element) {
        storage.append(value)
    }

    /// The value at `index` of the whole signal; it must be kept (`first ..< end`).
    subscript(index: Int) -> Element {
        storage[index - first]
    }

    /// Lets go of the values before `index` (those no reader needs any more).
    mutating func release(before index: Int) {
        let drop = min(storage.count, index - first)
        // Move the rest down only when that frees at least half, so appending stays amortised O(1).
        guard drop > 0, drop >= storage.count / 2, drop >= 4096 else { return }
        storage.removeFirst(drop)
        first += drop
    }

    /// Calls `body` with the kept values from `lower` to `upper` (indices of the whole signal,
    /// clamped to what is kept).
    func withValues<R>(from lower: Int, to upper: Int, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        let lo = min(max(lower, first), end) - first, hi = min(upper, end) - first
        return storage.withUnsafeBufferPointer { p in
            body(UnsafeBufferPointer(rebasing: p[lo..<max(lo, hi)]))
        }
    }
}
