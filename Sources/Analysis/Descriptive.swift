/// Descriptive statistics with R's conventions: `sd` with n − 1, quantiles `type = 7`.
public enum Descriptive {
    /// Mean, or nil for no values.
    public static func mean(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.reduce(0, +) / Double(x.count) }

    /// Sample standard deviation (n − 1), nil for fewer than 2 values.
    public static func sd(_ x: [Double]) -> Double? {
        guard x.count > 1, let m = mean(x) else { return nil }
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }

    /// R's `quantile(x, p, type = 7)`, nil for no values.
    public static func quantile(_ x: [Double], _ p: Double) -> Double? {
        x.isEmpty ? nil : PropensityWeights.quantile(x, p)
    }

    /// R's `quantile(x, p, type = 7)` of values already sorted ascending, nil for no values.
    public static func quantile(sorted s: [Double], _ p: Double) -> Double? {
        guard !s.isEmpty else { return nil }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// n, mean, SD, median, min, max.
    public static func stats(_ x: [Double]) -> QualityOfLifeSummary.Stats {
        .init(n: x.count, mean: mean(x), sd: sd(x), median: quantile(x, 0.5), min: x.min(), max: x.max())
    }
}
