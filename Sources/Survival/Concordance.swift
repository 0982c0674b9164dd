/// Harrell's concordance between survival times and a risk score, as `coxph` reports it
/// (R's `concordancefit(reverse = TRUE, timewt = "n")`), with the infinitesimal-jackknife SE.
///
/// A pair (i, j) is comparable when i has an event and tᵢ < tⱼ, or tᵢ = tⱼ with j censored.
/// It is concordant when riskᵢ > riskⱼ, discordant when riskᵢ < riskⱼ, tied_x when equal;
/// its weight is wᵢwⱼ. Pairs only count within a stratum. With per-row influence counts
/// Cᵢ, Dᵢ, Tᵢ (weighted by the partner's weight) and N = C + D + T, Somers' d = (C − D)/N,
/// dfbetaᵢ = wᵢ((Cᵢ − Dᵢ)/N − d (Cᵢ + Dᵢ + Tᵢ)/N), Var(C) = Σ dfbeta²/4 (summed within clusters first).
public enum Concordance {
    /// Computes C and its SE; O(n log n) with Fenwick trees over the ranks of `risk`.
    public static func compute(time: [Double], event: [Bool], risk: [Double], strata: [Int]? = nil,
                               weights: [Double]? = nil, cluster: [Int]? = nil) -> ConcordanceResult {
        let n = time.count
        // rank of the risk score (exact equality = tie)
        let sortedRisk = Array(Set(risk)).sorted()
        var rank = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var lo = 0, hi = sortedRisk.count - 1
            let v = risk[i]
            while lo < hi { let mid = (lo + hi) / 2; if sortedRisk[mid] < v { lo = mid + 1 } else { hi = mid } }
            rank[i] = lo
        }
        let m = sortedRisk.count
        var infC = [Double](repeating: 0, count: n)
        var infD = [Double](repeating: 0, count: n)
        var infT = [Double](repeating: 0, count: n)
        var totC = 0.0, totD = 0.0, totT = 0.0
        // group rows by stratum, order by time
        var order = Array(0..<n)
        let s = strata ?? [Int](repeating: 0, count: n)
        order.sort { s[$0] != s[$1] ? s[$0] < s[$1] : time[$0] < time[$1] }
        var tree = FenwickTree(size: m)
        var start = 0
        while start < n {
            var end = start
            while end < n && s[order[end]] == s[order[start]] { end += 1 }
            // Pass 1, times descending: tree holds rows that outlive the current time.
            // For an event i at t: partners j with tⱼ > t, or tⱼ = t and censored.
            let touched = order[start..<end].map { rank[$0] }
            var hi = end
            while hi > start {
                var lo = hi - 1
                let t = time[order[lo]]
                while lo > start && time[order[lo - 1]] == t { lo -= 1 }
                for k in lo..<hi where !event[order[k]] {
                    let i = order[k]; tree.add(rank[i], weights?[i] ?? 1)
                }
                for k in lo..<hi where event[order[k]] {
                    let i = order[k]
                    let wi = weights?[i] ?? 1
                    let below = tree.prefix(rank[i] - 1)          // riskⱼ < riskᵢ: concordant
                    let equal = tree.prefix(rank[i]) - below
                    let above = tree.total - below - equal
                    infC[i] += below; infD[i] += above; infT[i] += equal
                    totC += wi * below; totD += wi * above; totT += wi * equal
                }
                for k in lo..<hi where event[order[k]] {
                    let i = order[k]; tree.add(rank[i], weights?[i] ?? 1)
                }
                hi = lo
            }
            // Pass 2, times ascending: tree holds events that happened before (or at, for a
            // censored row) the current time; row j is the longer-lived member of those pairs.
            tree.reset(touched: touched)
            var lo = start
            while lo < end {
                var hi2 = lo + 1
                let t = time[order[lo]]
                while hi2 < end && time[order[hi2]] == t { hi2 += 1 }
                func credit(_ j: Int) {
                    let below = tree.prefix(rank[j] - 1)      // riskᵢ < riskⱼ: discordant for the pair
                    let equal = tree.prefix(rank[j]) - below
                    let above = tree.total - below - equal    // riskᵢ > riskⱼ: concordant
                    infC[j] += above; infD[j] += below; infT[j] += equal
                }
                for k in lo..<hi2 where event[order[k]] { credit(order[k]) }
                for k in lo..<hi2 where event[order[k]] {
                    let i = order[k]; tree.add(rank[i], weights?[i] ?? 1)
                }
                for k in lo..<hi2 where !event[order[k]] { credit(order[k]) }
                lo = hi2
            }
            tree.reset(touched: touched)
            start = end
        }
        let npair = totC + totD + totT
        let somers = (totC - totD) / npair
        var dfbeta = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let w = weights?[i] ?? 1
            dfbeta[i] = w * ((infC[i] - infD[i]) / npair - (somers / npair) * (infC[i] + infD[i] + infT[i]))
        }
        var variance = 0.0
        if let cluster {
            var sums: [Int: Double] = [:]
            for i in 0..<n { sums[cluster[i], default: 0] += dfbeta[i] }
            for c in sums.keys.sorted() { variance += sums[c]! * sums[c]! }
        } else {
            for v in dfbeta { variance += v * v }
        }
        return ConcordanceResult(concordant: totC, discordant: totD, tiedRisk: totT,
                                 concordance: (somers + 1) / 2, stdErr: (variance / 4).squareRoot())
    }
}

/// Fenwick (binary indexed) tree of weights over ranks 0..<size.
struct FenwickTree {
    private var tree: [Double]
    private(set) var total = 0.0

    init(size: Int) { tree = [Double](repeating: 0, count: size + 1) }

    mutating func reset(touched: [Int]) {
        for r in touched {
            var i = r + 1
            while i < tree.count { tree[i] = 0; i += i & (-i) }
        }
        total = 0
    }

    mutating func add(_ rank: Int, _ w: Double) {
        total += w
        var i = rank + 1
        while i < tree.count { tree[i] += w; i += i & (-i) }
    }

    /// Σ of weights with rank ≤ r (0 for r < 0).
    func prefix(_ r: Int) -> Double {
        var s = 0.0
        var i = r + 1
        while i > 0 { s += tree[i]; i -= i & (-i) }
        return s
    }
}
