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
        // Rows ordered by stratum, then time descending (the Cox fit's order), gathered.
        var keyed = [(s: Int, t: Double, i: Int32)]()
        keyed.reserveCapacity(n)
        for i in 0..<n { keyed.append((strata?[i] ?? 0, time[i], Int32(i))) }
        keyed.sort { a, b in a.s != b.s ? a.s < b.s : a.t > b.t }
        var bounds = [0]
        for k in 1..<max(1, n) where keyed[k].s != keyed[k - 1].s { bounds.append(k) }
        bounds.append(n)
        let original = keyed.map { Int($0.i) }
        return computeDescending(
            time: original.map { time[$0] }, event: original.map { event[$0] ? 1 : 0 },
            risk: original.map { risk[$0] }, weight: weights.map { w in original.map { w[$0] } },
            bounds: bounds, cluster: cluster.map { c in original.map { c[$0] } })
    }

    /// The computation on rows already ordered by stratum blocks `bounds` and, within a block,
    /// by time descending (the order of the Cox fit's arrays). `cluster` is per row in that order.
    static func computeDescending(time: [Double], event: [UInt8], risk: [Double], weight: [Double]?,
                                  bounds: [Int], cluster: [Int]?) -> ConcordanceResult {
        let n = time.count
        // Dense ranks of the risk score (exact equality = tie), by one sort of contiguous pairs.
        var rank = [Int32](repeating: 0, count: n)
        var m = 0
        do {
            var byRisk = [(r: Double, i: Int32)]()
            byRisk.reserveCapacity(n)
            for i in 0..<n { byRisk.append((risk[i], Int32(i))) }
            byRisk.sort { $0.r < $1.r }
            for k in 0..<n {
                if k > 0 && byRisk[k].r != byRisk[k - 1].r { m += 1 }
                rank[Int(byRisk[k].i)] = Int32(m)
            }
            m += 1
        }
        @inline(__always) func w(_ k: Int) -> Double { weight?[k] ?? 1 }
        // Per row: Cᵢ − Dᵢ and Cᵢ + Dᵢ + Tᵢ (all the influence formula needs).
        var infDiff = [Double](repeating: 0, count: n)
        var infSum = [Double](repeating: 0, count: n)
        var totC = 0.0, totD = 0.0, totT = 0.0
        var tree = FenwickTree(size: m)
        for b in 0..<(bounds.count - 1) {
            let start = bounds[b], end = bounds[b + 1]
            // Pass 1, times descending (index ascending): the tree holds rows that outlive the
            // current time. For an event i at t: partners j with tⱼ > t, or tⱼ = t and censored.
            var lo = start
            while lo < end {
                var hi = lo + 1
                while hi < end && time[hi] == time[lo] { hi += 1 }
                for k in lo..<hi where event[k] == 0 { tree.add(Int(rank[k]), w(k)) }
                for k in lo..<hi where event[k] != 0 {
                    let r = Int(rank[k])
                    let below = tree.prefix(r - 1)          // riskⱼ < riskᵢ: concordant
                    let equal = tree.weightAt(r)
                    let above = tree.total - below - equal
                    infDiff[k] += below - above; infSum[k] += below + above + equal
                    let wi = w(k)
                    totC += wi * below; totD += wi * above; totT += wi * equal
                }
                for k in lo..<hi where event[k] != 0 { tree.add(Int(rank[k]), w(k)) }
                lo = hi
            }
            tree.clear(ranks: rank[start..<end])
            // Pass 2, times ascending (index descending): the tree holds events before the
            // current time (or at it, for a censored row); row j is the longer-lived member.
            var hi = end
            while hi > start {
                var lo2 = hi - 1
                while lo2 > start && time[lo2 - 1] == time[hi - 1] { lo2 -= 1 }
                for k in lo2..<hi where event[k] != 0 {
                    let r = Int(rank[k])
                    let below = tree.prefix(r - 1)      // riskᵢ < riskⱼ: discordant for the pair
                    let equal = tree.weightAt(r)
                    let above = tree.total - below - equal
                    infDiff[k] += above - below; infSum[k] += above + below + equal
                }
                for k in lo2..<hi where event[k] != 0 { tree.add(Int(rank[k]), w(k)) }
                for k in lo2..<hi where event[k] == 0 {
                    let r = Int(rank[k])
                    let below = tree.prefix(r - 1)
                    let equal = tree.weightAt(r)
                    let above = tree.total - below - equal
                    infDiff[k] += above - below; infSum[k] += above + below + equal
                }
                hi = lo2
            }
            tree.clear(ranks: rank[start..<end])
        }
        let npair = totC + totD + totT
        let somers = (totC - totD) / npair
        // dfbetaᵢ = wᵢ((Cᵢ − Dᵢ)/N − d (Cᵢ + Dᵢ + Tᵢ)/N), summed within clusters first.
        var variance = 0.0
        if let cluster {
            var sums: [Int: Double] = [:]
            for k in 0..<n { sums[cluster[k], default: 0] += w(k) * (infDiff[k] / npair - (somers / npair) * infSum[k]) }
            for c in sums.keys.sorted() { variance += sums[c]! * sums[c]! }
        } else {
            for k in 0..<n {
                let d = w(k) * (infDiff[k] / npair - (somers / npair) * infSum[k])
                variance += d * d
            }
        }
        return ConcordanceResult(concordant: totC, discordant: totD, tiedRisk: totT,
                                 concordance: (somers + 1) / 2, stdErr: (variance / 4).squareRoot())
    }
}

/// Fenwick (binary indexed) tree of weights over ranks 0..<size, plus the weight at each rank.
struct FenwickTree {
    private var tree: [Double]
    private var single: [Double]
    private(set) var total = 0.0

    init(size: Int) {
        tree = [Double](repeating: 0, count: size + 1)
        single = [Double](repeating: 0, count: size)
    }

    /// Zeroes the entries that adding at `ranks` touched.
    mutating func clear(ranks: ArraySlice<Int32>) {
        if ranks.count * 8 > single.count {
            for i in tree.indices { tree[i] = 0 }
            for i in single.indices { single[i] = 0 }
        } else {
            for r32 in ranks {
                let r = Int(r32)
                single[r] = 0
                var i = r + 1
                while i < tree.count { tree[i] = 0; i += i & (-i) }
            }
        }
        total = 0
    }

    mutating func add(_ rank: Int, _ w: Double) {
        total += w
        single[rank] += w
        var i = rank + 1
        let n = tree.count
        tree.withUnsafeMutableBufferPointer { t in
            while i < n { t[i] += w; i += i & (-i) }
        }
    }

    /// Weight stored at exactly rank r.
    @inline(__always) func weightAt(_ r: Int) -> Double { single[r] }

    /// Σ of weights with rank ≤ r (0 for r < 0).
    func prefix(_ r: Int) -> Double {
        var s = 0.0
        var i = r + 1
        tree.withUnsafeBufferPointer { t in
            while i > 0 { s += t[i]; i -= i & (-i) }
        }
        return s
    }
}
