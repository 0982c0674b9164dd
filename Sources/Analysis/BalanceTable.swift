/// Covariate balance between two groups before and after weighting: standardized mean
/// differences per covariate and per factor level, and effective sample sizes.
///
/// SMD = (m₁ − m₀) / √((s₁² + s₀²)/2), m the (weighted) group means, s² the *unweighted* group
/// variances (n − 1 denominator for numeric covariates, p(1 − p) for level indicators), so that
/// before and after share the denominator (cobalt's default for binary treatments). |SMD| < 0.1
/// is the usual balance threshold.
public struct BalanceTable: Sendable, Codable, Equatable {
    /// One balance row.
    public struct Row: Sendable, Codable, Equatable {
        /// `VAR` or `VAR=LEVEL`.
        public let name: String
        /// The covariate.
        public let term: String
        /// The level for an indicator row.
        public let level: String?
        /// Unweighted means (control, treated); proportions for indicators.
        public let meanBefore: [Double]
        /// Weighted means (control, treated).
        public let meanAfter: [Double]
        /// SMD before weighting.
        public let smdBefore: Double
        /// SMD after weighting.
        public let smdAfter: Double
    }

    /// Rows in covariate order.
    public let rows: [Row]
    /// Subjects per group (control, treated).
    public let n: [Int]
    /// Kish effective sample size per group after weighting (control, treated).
    public let effectiveSampleSize: [Double]
    /// Sum of weights per group (control, treated).
    public let weightSum: [Double]

    /// Builds the table from columns over the same rows as `treated` and `weights`.
    public init(columns: [DesignColumn], treated: [Bool], weights: [Double]) throws(AnalysisError) {
        let n = treated.count
        if weights.count != n { throw .lengthMismatch(argument: "weights", expected: n, actual: weights.count) }
        let g1 = (0..<n).filter { treated[$0] }
        let g0 = (0..<n).filter { !treated[$0] }
        if g1.count < 2 || g0.count < 2 {
            throw .tooFewRows(model: "balance table", rows: min(g1.count, g0.count), needed: 2)
        }
        func mean(_ x: [Double], _ rows: [Int], _ w: [Double]?) -> Double {
            var s = 0.0, sw = 0.0
            for i in rows { let wi = w?[i] ?? 1; s += wi * x[i]; sw += wi }
            return s / sw
        }
        func variance(_ x: [Double], _ rows: [Int], indicator: Bool) -> Double {
            let m = mean(x, rows, nil)
            if indicator { return m * (1 - m) }
            var ss = 0.0
            for i in rows { ss += (x[i] - m) * (x[i] - m) }
            return ss / Double(rows.count - 1)
        }
        var out: [Row] = []
        for c in columns {
            if c.values.count != n { throw .lengthMismatch(argument: c.name, expected: n, actual: c.values.count) }
            let x = c.values
            let before = [mean(x, g0, nil), mean(x, g1, nil)]
            let after = [mean(x, g0, weights), mean(x, g1, weights)]
            let sd = ((variance(x, g1, indicator: c.isIndicator) + variance(x, g0, indicator: c.isIndicator)) / 2).squareRoot()
            // A covariate constant in both groups has SD 0: its SMD is 0 (it is balanced), not NaN.
            let smdB = sd > 0 ? (before[1] - before[0]) / sd : 0
            let smdA = sd > 0 ? (after[1] - after[0]) / sd : 0
            out.append(Row(name: c.name, term: c.term, level: c.level, meanBefore: before,
                           meanAfter: after, smdBefore: smdB, smdAfter: smdA))
        }
        rows = out
        self.n = [g0.count, g1.count]
        effectiveSampleSize = [PropensityWeights.effectiveSampleSize(weights, rows: g0),
                               PropensityWeights.effectiveSampleSize(weights, rows: g1)]
        weightSum = [g0.reduce(0) { $0 + weights[$1] }, g1.reduce(0) { $0 + weights[$1] }]
    }

    /// The largest |SMD| after weighting (0 for an empty table).
    public var maxAbsSMDAfter: Double { rows.map { abs($0.smdAfter) }.max() ?? 0 }
    /// The largest |SMD| before weighting (0 for an empty table).
    public var maxAbsSMDBefore: Double { rows.map { abs($0.smdBefore) }.max() ?? 0 }
}
