/// Splits an amount into parts in proportion to weights so that the parts add up to it exactly.
enum Allocation {
    /// `total` split in proportion to `weights` (each 0 or more) by largest remainder: every part
    /// gets the floor of its exact share and the cents left over go, one each, to the parts with
    /// the largest remainders (the earlier part on a tie). All weights zero: split evenly.
    static func largestRemainder(_ total: Int64, weights: [Int64]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let positive = weights.map { max(0, $0) }
        let weightSum = positive.reduce(0, +)
        let used = weightSum > 0 ? positive : positive.map { _ in Int64(1) }
        let sum = weightSum > 0 ? weightSum : Int64(used.count)
        let sign: Int64 = total < 0 ? -1 : 1
        let magnitude = total.magnitude
        var parts: [Int64] = []
        var remainders: [(remainder: UInt64, index: Int)] = []
        for (i, weight) in used.enumerated() {
            let product = magnitude.multipliedFullWidth(by: UInt64(weight))
            let (quotient, remainder) = UInt64(sum).dividingFullWidth(product)
            parts.append(Int64(quotient))
            remainders.append((remainder, i))
        }
        var missing = Int64(magnitude) - parts.reduce(0, +)
        let order = remainders.sorted { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }
        var k = 0
        while missing > 0 {
            parts[order[k % order.count].index] += 1
            missing -= 1
            k += 1
        }
        return parts.map { $0 * sign }
    }
}
