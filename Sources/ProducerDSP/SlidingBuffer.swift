/// A window onto a sequence that grows at the end and is dropped from the front, addressed by each
/// element's index in the whole sequence (its global index).
///
/// Dropped elements are released in bulk once they are at least three quarters of the storage (the
/// live ones are moved to the front), so appending and dropping cost O(1) amortised and the
/// storage stays within four times the live elements plus the last append (and a few thousand).
///
/// The streams that read long takes in blocks keep what later blocks still need in one of these.
public struct SlidingBuffer<Element> {
    @usableFromInline private(set) var storage: [Element] = []
    /// The storage index of the element at ``start``.
    @usableFromInline private(set) var head = 0
    /// The global index of the first element kept.
    public private(set) var start: Int

    /// An empty buffer whose first element will have global index `start`.
    public init(start: Int = 0) { self.start = start }

    /// The global index after the last element.
    @inlinable public var end: Int { start + storage.count - head }
    /// The number of elements kept.
    @inlinable public var count: Int { storage.count - head }

    /// The element of global index `global`, which must be kept (`start ..< end`).
    @inlinable public subscript(global: Int) -> Element {
        get { storage[head + global - start] }
        set { storage[head + global - start] = newValue }
    }

    /// Appends one element (global index ``end``).
    @inlinable public mutating func append(_ value: Element) { storage.append(value) }

    /// Appends elements in order.
    @inlinable public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        storage.append(contentsOf: values)
    }

    /// Forgets the elements before global index `global` (no-op for those already forgotten); past
    /// the end, the next element appended will have index `global`.
    public mutating func drop(before global: Int) {
        if global >= end {
            storage.removeAll(keepingCapacity: storage.count <= 65_536)
            head = 0
            start = global
            return
        }
        let k = global - start
        guard k > 0 else { return }
        head += k
        start += k
        if head >= 4096 && head >= 3 * (storage.count - head) {
            storage.removeFirst(head)
            head = 0
        }
    }

    /// Appends `count` copies of `value` and calls `body` with a pointer to the first of them,
    /// to overwrite them.
    mutating func append(
        _ count: Int, of value: Element, overwrite body: (UnsafeMutablePointer<Element>) throws -> Void
    ) rethrows {
        let first = storage.count
        storage.append(contentsOf: repeatElement(value, count: count))
        try storage.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            try body(base + first)
        }
    }

    /// Calls `body` with a pointer to the element of global index `start` (valid from `start` to `end`).
    @inlinable public func withPointer<R>(_ body: (UnsafePointer<Element>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { b in
            // An empty buffer has no storage; a pointer that must not be read stands in for it.
            guard let base = b.baseAddress else {
                return try body(UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!)
            }
            return try body(base + head)
        }
    }
}

extension SlidingBuffer: Sendable where Element: Sendable {}
