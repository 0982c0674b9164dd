/// Subject weights from propensity scores (IPTW and relatives), see `WeightOptions` for the rules.
///
/// Example: `let w = try PropensityWeights(scores: ps, treated: a, options: .init(stabilize: true))`.
public struct PropensityWeights: Sendable, Codable, Equatable {
    /// Weight per subject (0 for trimmed subjects), aligned with the input scores.
    public let weights: [Double]
    /// False for subjects excluded by trimming.
    public let kept: [Bool]
    /// The truncation bounds applied (lower, upper), nil when no truncation was asked.
    public let truncationBounds: [Double]?
    /// The options used.
    public let options: WeightOptions

    /// Computes the weights.
    public init(scores e: [Double], treated: [Bool], options: WeightOptions) throws(AnalysisError) {
        try options.validate()
        let n = e.count
        if treated.count != n { throw .lengthMismatch(argument: "treated", expected: n, actual: treated.count) }
        for (i, s) in e.enumerated() where !(s > 0 && s < 1) {
            throw .badOption(name: "propensity score at row \(i + 1)", value: "\(s)", expected: "a probability strictly between 0 and 1")
        }
        let a = options.trim ?? 0
        let kept = e.map { $0 >= a && $0 <= 1 - a }
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n where kept[i] { w[i] = options.estimand.weight(score: e[i], treated: treated[i]) }
        if options.stabilize {
            // Stabilised IPTW: multiply by P(A = a) among kept subjects.
            let nKept = kept.filter { $0 }.count
            let nTreated = (0..<n).filter { kept[$0] && treated[$0] }.count
            let pA = Double(nTreated) / Double(max(nKept, 1))
            for i in 0..<n where kept[i] { w[i] *= treated[i] ? pA : 1 - pA }
        }
        var bounds: [Double]? = nil
        if let q = options.truncate {
            let kw = (0..<n).filter { kept[$0] }.map { w[$0] }
            let lo = PropensityWeights.quantile(kw, q)
            let hi = PropensityWeights.quantile(kw, 1 - q)
            for i in 0..<n where kept[i] { w[i] = min(max(w[i], lo), hi) }
            bounds = [lo, hi]
        }
        self.weights = w
        self.kept = kept
        self.truncationBounds = bounds
        self.options = options
    }

    /// R's `quantile(x, p, type = 7)`: h = (n − 1)p, linear interpolation between order statistics.
    public static func quantile(_ x: [Double], _ p: Double) -> Double {
        let s = x.sorted()
        guard !s.isEmpty else { return .nan }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// Kish's effective sample size (Σw)² / Σw² of `weights` over `rows`.
    public static func effectiveSampleSize(_ weights: [Double], rows: [Int]) -> Double {
        var s = 0.0, s2 = 0.0
        for i in rows { s += weights[i]; s2 += weights[i] * weights[i] }
        return s2 > 0 ? s * s / s2 : 0
    }
}
