#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The G-rho family of tests comparing survival between groups (R's `survdiff`).
///
/// At each event time t within a stratum, with nₖ at risk and dₖ events in group k, n and d
/// pooled, and weight w = S(t−)^ρ (S the pooled left-continuous Kaplan-Meier of the stratum):
/// Oₖ += w·dₖ, Eₖ += w·d·nₖ/n, V_jk += w²·d(n−d)/(n−1) · (nⱼ/n)(δⱼₖ − nₖ/n).
/// ρ = 0 is the log-rank test, ρ = 1 the Peto-Peto modification of the Gehan-Wilcoxon test.
/// Example: `try LogRankTest.test(time: t, event: e, group: g, groupCount: 2)`.
public enum LogRankTest {
    /// Runs the test.
    ///
    /// - Parameters:
    ///   - group: group code per row, 0..<groupCount (use `FactorCoding` for R's level order).
    ///   - strata: optional stratum code per row; O, E and V are summed over strata.
    ///   - rho: the exponent ρ of the weight S(t−)^ρ.
    ///   - timefix: merge near-equal times first (R's `aeqSurv`, `survdiff(timefix = TRUE)`).
    public static func test(
        time: [Double], event: [Bool], group: [Int], groupCount: Int, strata: [Int]? = nil,
        rho: Double = 0, timefix: Bool = true
    ) throws(SurvivalError) -> LogRankResult {
        let n = time.count
        try InputCheck.times(time)
        try InputCheck.length(event, "event", n)
        try InputCheck.length(group, "group", n)
        try InputCheck.length(strata, "strata", n)
        if !rho.isFinite { throw .invalidOption(name: "rho", value: "\(rho)", expected: "a finite number") }
        for (i, g) in group.enumerated() where g < 0 || g >= groupCount {
            throw .invalidOption(name: "group", value: "\(g) at row \(i)", expected: "a code in 0..<\(groupCount)")
        }
        let k = groupCount
        var nPerGroup = [Int](repeating: 0, count: k)
        for g in group { nPerGroup[g] += 1 }
        if nPerGroup.filter({ $0 > 0 }).count < 2 { throw .fewerThanTwoGroups }

        // Sort all rows once by time (contiguous keys), merge near-ties on the sorted times
        // (R's aeqSurv, over all rows), then split by stratum keeping the time order.
        var keys = [(t: Double, s: Int32, g: Int32, e: Bool)]()
        keys.reserveCapacity(n)
        for i in 0..<n { keys.append((time[i], Int32(strata?[i] ?? 0), Int32(group[i]), event[i])) }
        keys.sort { $0.t < $1.t }
        if timefix, let cuts = TimeFix.cuts(sorted: keys.lazy.map(\.t)) {
            var c = 0
            for r in 0..<n {
                while c + 1 < cuts.count && cuts[c + 1] <= keys[r].t { c += 1 }
                keys[r].t = cuts[c]
            }
        }
        if strata != nil {
            // stable counting sort by stratum code
            let codes = Array(Set(keys.map(\.s))).sorted()
            var slot = [Int32: Int]()
            var offset = 0
            for c in codes {
                slot[c] = offset
                offset += keys.reduce(0) { $0 + ($1.s == c ? 1 : 0) }
            }
            var sorted = keys
            for r in keys { sorted[slot[r.s]!] = r; slot[r.s]! += 1 }
            keys = sorted
        }

        var observed = [Double](repeating: 0, count: k)
        var expected = [Double](repeating: 0, count: k)
        var variance = SymmetricMatrix(dimension: k)
        var atRisk = [Double](repeating: 0, count: k)
        var deaths = [Double](repeating: 0, count: k)
        var leaving = [Double](repeating: 0, count: k)

        var start = 0
        while start < n {
            var end = start
            while end < n && keys[end].s == keys[start].s { end += 1 }
            // at risk counts by group at the first time of the stratum
            for g in 0..<k { atRisk[g] = 0 }
            for r in start..<end { atRisk[Int(keys[r].g)] += 1 }
            var km = 1.0   // pooled S(t−) within the stratum
            var i = start
            while i < end {
                let time0 = keys[i].t
                var j = i
                for g in 0..<k { deaths[g] = 0; leaving[g] = 0 }
                while j < end && keys[j].t == time0 {
                    let g = Int(keys[j].g)
                    if keys[j].e { deaths[g] += 1 }
                    leaving[g] += 1
                    j += 1
                }
                let d = deaths.reduce(0, +)
                let nr = atRisk.reduce(0, +)
                if d > 0 {
                    let w = rho == 0 ? 1.0 : pow(km, rho)
                    for g in 0..<k {
                        observed[g] += w * deaths[g]
                        expected[g] += w * d * atRisk[g] / nr
                    }
                    if nr > 1 {
                        // hypergeometric covariance of the dₖ given margins
                        let c = w * w * d * (nr - d) / (nr * nr * (nr - 1))
                        for a in 0..<k {
                            for b in 0..<k {
                                variance[a, b] += c * atRisk[a] * ((a == b ? nr : 0) - atRisk[b])
                            }
                        }
                    }
                    km *= (nr - d) / nr
                }
                for g in 0..<k { atRisk[g] -= leaving[g] }
                i = j
            }
            start = end
        }
        // χ² on groups with E > 0, dropping the first of them: (O−E)ᵀ V⁻¹ (O−E).
        let keep = (0..<k).filter { expected[$0] > 0 }
        var chisq = 0.0
        if keep.count >= 2 {
            let idx = Array(keep.dropFirst())
            let v = variance.submatrix(idx)
            let diff = idx.map { observed[$0] - expected[$0] }
            chisq = Self.solveQuadratic(v, diff)
        }
        let df = max(keep.count - 1, 0)
        let p = df > 0 ? ChiSquareDistribution.upperTail(chisq, df: Double(df)) : 1
        return LogRankResult(rho: rho, n: nPerGroup, observed: observed, expected: expected,
                             variance: variance, chiSquare: chisq, df: df, p: p)
    }

    /// xᵀ V⁻¹ x by a full-rank LDLᵀ solve (R uses `solve()`, which fails on singular V).
    static func solveQuadratic(_ v: SymmetricMatrix, _ x: [Double]) -> Double {
        let f = v.factorized(tolerance: 1e-14)
        return f.quadraticForm(x)
    }
}

/// Result of a log-rank-family test (R's `survdiff` object).
///
/// `observed` and `expected` are ρ-weighted (equal to counts when ρ = 0), summed over strata.
public struct LogRankResult: Sendable, Equatable {
    /// The exponent ρ of the weight S(t−)^ρ.
    public let rho: Double
    /// Rows per group.
    public let n: [Int]
    /// Weighted observed events per group.
    public let observed: [Double]
    /// Weighted expected events per group under H₀.
    public let expected: [Double]
    /// Covariance matrix of O − E (k×k).
    public let variance: SymmetricMatrix
    /// The chi-square statistic.
    public let chiSquare: Double
    /// Degrees of freedom: groups with E > 0, minus 1.
    public let df: Int
    /// Upper-tail chi-square p-value.
    public let p: Double
}

extension LogRankResult {
    /// Test for trend across ordered groups (SAS LIFETEST `TREND`; R's survdiff has none).
    ///
    /// With group scores s (default 1, 2, …, k): T = Σₖ sₖ(Oₖ − Eₖ), Var T = sᵀ V s,
    /// χ² = T²/Var T on 1 df, using this result's ρ-weighted O, E and V.
    public func trendTest(scores: [Double]? = nil) -> ChiSquareTest {
        let k = observed.count
        let s = scores ?? (0..<k).map { Double($0 + 1) }
        precondition(s.count == k, "one score per group")
        var t = 0.0
        for g in 0..<k { t += s[g] * (observed[g] - expected[g]) }
        var v = 0.0
        for a in 0..<k { for b in 0..<k { v += s[a] * variance[a, b] * s[b] } }
        return ChiSquareTest(chiSquare: v > 0 ? t * t / v : 0, df: 1)
    }
}
