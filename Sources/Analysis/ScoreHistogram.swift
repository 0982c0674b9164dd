import Foundation

/// A multiset of scores kept as value → count: exact n, median, min and max, and mean and SD
/// from an accurate sum, in memory that grows with the number of *distinct* values only.
///
/// QLQ-C30 scale scores take few distinct values (a 2-item scale with 4-point items has 7), so
/// the scores of 100,000 subjects at a visit fit in a few hundred bytes. The statistics do not
/// depend on the order the values were added in (chunking cannot change them).
/// Example: `var h = ScoreHistogram(); h.add(50); h.add(75); h.stats.mean == 62.5`.
public struct ScoreHistogram: Sendable, Equatable {
    /// Count per distinct value.
    public private(set) var counts: [Double: Int] = [:]
    /// Number of values added.
    public private(set) var n = 0

    /// An empty multiset.
    public init() {}

    /// Adds one value (must be finite). −0 is stored as 0 (they are one key; which sign came
    /// first must not decide what is reported).
    public mutating func add(_ x: Double) {
        counts[x + 0, default: 0] += 1
        n += 1
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: ScoreHistogram) {
        for (v, c) in other.counts { counts[v, default: 0] += c }
        n += other.n
    }

    /// n, mean, SD (n − 1), median (R `quantile` type 7), min, max — as `Descriptive.stats` of
    /// the values; mean and SD are sums over the distinct values in ascending order with
    /// Neumaier compensation (error of a few ulp, independent of n and of the adding order).
    public var stats: QualityOfLifeSummary.Stats {
        guard n > 0 else { return .init(n: 0, mean: nil, sd: nil, median: nil, min: nil, max: nil) }
        let values = counts.keys.sorted()
        let c = values.map { Double(counts[$0]!) }
        let nd = Double(n)
        // mean = Σ cᵥ·v / n; each product cᵥ·v is split exactly (fma) into its rounded value and
        // rounding error, both summed with compensation.
        var sum = CompensatedSum()
        for (k, v) in values.enumerated() {
            let p = c[k] * v
            sum.add(p)
            sum.add(fma(c[k], v, -p))
        }
        let mean = sum.value / nd
        var sd: Double? = nil
        if n > 1 {
            // s² = Σ cᵥ·(v − mean)² / (n − 1)
            var ss = CompensatedSum()
            for (k, v) in values.enumerated() {
                let d = v - mean
                ss.add(c[k] * (d * d))
            }
            sd = (ss.value / (nd - 1)).squareRoot()
        }
        return .init(n: n, mean: mean, sd: sd, median: quantile(0.5, sorted: values), min: values.first, max: values.last)
    }

    /// R's `quantile(x, p, type = 7)` of the values: h = (n − 1)p, linear interpolation between
    /// the order statistics x₍⌊h⌋₎ and x₍⌊h⌋+1₎ (same formula as `PropensityWeights.quantile`).
    public func quantile(_ p: Double) -> Double? {
        n == 0 ? nil : quantile(p, sorted: counts.keys.sorted())
    }

    private func quantile(_ p: Double, sorted values: [Double]) -> Double {
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, n - 1)
        let xlo = orderStatistic(lo, sorted: values), xhi = orderStatistic(hi, sorted: values)
        return xlo + (h - Double(lo)) * (xhi - xlo)
    }

    /// The value at 0-based position `k` of the sorted multiset.
    private func orderStatistic(_ k: Int, sorted values: [Double]) -> Double {
        var seen = 0
        for v in values {
            seen += counts[v]!
            if k < seen { return v }
        }
        return values[values.count - 1]
    }
}

/// Neumaier's compensated summation: the running sum and the lost low-order part.
fileprivate struct CompensatedSum {
    private var s = 0.0, comp = 0.0
    /// Adds `x`.
    mutating func add(_ x: Double) {
        let t = s + x
        if abs(s) >= abs(x) { comp += (s - t) + x } else { comp += (x - t) + s }
        s = t
    }
    /// The sum.
    var value: Double { s + comp }
}
