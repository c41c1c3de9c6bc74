/// Aligns performed notes to the notes of a reference part, allowing extra and missing notes.
///
/// A global alignment (dynamic programming over both sequences, as dynamic time warping does,
/// with the gaps an edit distance allows): matching two notes costs their pitch distance plus
/// their start-time distance; leaving a note unmatched costs a fixed penalty. Notes keep their
/// order, so a late phrase is still matched to its own notes, not to the next phrase.
public struct NoteAlignment: Sendable {
    /// Semitones of pitch difference that cost as much as ``gapCost``.
    public var pitchScale: Double = 3
    /// Seconds of start-time difference that cost as much as ``gapCost``.
    public var timeScale: Double = 0.5
    /// Cost of leaving a note unmatched.
    public var gapCost: Double = 0.9

    public init() {}

    /// For each performed note, the index of the reference note it plays, or nil for an extra note.
    /// - Complexity: O(n·m) time and memory for n performed and m reference notes.
    public func align(_ performed: [PerformedNote], to reference: [ReferenceNote]) -> [Int?] {
        let n = performed.count, m = reference.count
        guard n > 0, m > 0 else { return Array(repeating: nil, count: n) }
        let width = m + 1
        var cost = [Double](repeating: .infinity, count: (n + 1) * width)
        var move = [UInt8](repeating: 0, count: (n + 1) * width)  // 1 match, 2 extra performed, 3 missing reference
        cost[0] = 0
        for i in 0...n {
            for j in 0...m where i > 0 || j > 0 {
                var best = Double.infinity, how: UInt8 = 0
                if i > 0, j > 0 {
                    let p = performed[i - 1], r = reference[j - 1]
                    let c =
                        cost[(i - 1) * width + j - 1]
                        + Swift.min(abs(p.midi - Double(r.pitch)) / pitchScale, 2)
                        + Swift.min(abs(p.start - r.start) / timeScale, 2)
                    if c < best { best = c; how = 1 }
                }
                if i > 0, cost[(i - 1) * width + j] + gapCost < best {
                    best = cost[(i - 1) * width + j] + gapCost; how = 2
                }
                if j > 0, cost[i * width + j - 1] + gapCost < best { best = cost[i * width + j - 1] + gapCost; how = 3 }
                cost[i * width + j] = best
                move[i * width + j] = how
            }
        }
        var result = [Int?](repeating: nil, count: n)
        var i = n, j = m
        while i > 0 || j > 0 {
            switch move[i * width + j] {
            case 1: result[i - 1] = j - 1; i -= 1; j -= 1
            case 2: i -= 1
            default: j -= 1
            }
        }
        return result
    }
}
