#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kaplan-Meier estimator of the survival function (R's `survfit(Surv(time, event) ~ 1)`).
///
/// Times are in the caller's units; `event[i] == true` means an event, `false` a censoring.
/// Case weights scale the counts (n at risk, events, censored are sums of weights).
/// Example: `let curve = try KaplanMeier.fit(time: t, event: e)` then `curve.median`.
public enum KaplanMeier {
    /// Fits one curve on all rows.
    ///
    /// - Parameters:
    ///   - time: exit time per row (≥ 0).
    ///   - event: true for an event, false for a censoring.
    ///   - weights: case weights (> 0), default 1. Greenwood's formula is used for the standard
    ///     error, or, as R does when a weight is not an integer, the infinitesimal jackknife.
    ///   - entry: left-truncation (delayed entry) times, a row is at risk on (entry, time].
    ///   - confType: interval scale, R's default `.log`.
    ///   - confLevel: coverage of the pointwise intervals, default 0.95.
    ///   - timefix: merge times equal up to floating-point noise first (R's default `true`).
    public static func fit(
        time: [Double], event: [Bool], weights: [Double]? = nil, entry: [Double]? = nil,
        confType: ConfidenceType = .log, confLevel: Double = 0.95, timefix: Bool = true
    ) throws(SurvivalError) -> KaplanMeierCurve {
        let n = time.count
        try InputCheck.times(time)
        try InputCheck.length(event, "event", n)
        try InputCheck.length(weights, "weights", n)
        try InputCheck.length(entry, "entry", n)
        try InputCheck.weights(weights)
        try InputCheck.finite(entry, "entry")
        try InputCheck.confLevel(confLevel)
        for (i, t) in time.enumerated() where t < 0 { throw .negativeTime(row: i, value: t) }
        if let entry {
            for i in 0..<n where !(entry[i] < time[i]) {
                throw .entryNotBeforeExit(row: i, entry: entry[i], exit: time[i])
            }
        }
        let curves = fitSorted(time: time, event: event, group: nil, groupCount: 1, weights: weights,
                               entry: entry, confType: confType, confLevel: confLevel, timefix: timefix)
        return curves[0]!
    }

    /// Fits one curve per group; `group[i]` is a code 0..<groupCount (use `FactorCoding`).
    ///
    /// Returns `groupCount` curves in code order; a code with no rows gets nil.
    public static func fit(
        time: [Double], event: [Bool], group: [Int], groupCount: Int, weights: [Double]? = nil,
        entry: [Double]? = nil, confType: ConfidenceType = .log, confLevel: Double = 0.95,
        timefix: Bool = true
    ) throws(SurvivalError) -> [KaplanMeierCurve?] {
        let n = time.count
        try InputCheck.times(time)
        try InputCheck.length(event, "event", n)
        try InputCheck.length(group, "group", n)
        try InputCheck.length(weights, "weights", n)
        try InputCheck.length(entry, "entry", n)
        try InputCheck.weights(weights)
        try InputCheck.finite(entry, "entry")
        try InputCheck.confLevel(confLevel)
        for (i, v) in time.enumerated() where v < 0 { throw .negativeTime(row: i, value: v) }
        if let entry {
            for i in 0..<n where !(entry[i] < time[i]) {
                throw .entryNotBeforeExit(row: i, entry: entry[i], exit: time[i])
            }
        }
        for (i, g) in group.enumerated() where g < 0 || g >= groupCount {
            throw .invalidOption(name: "group", value: "\(g) at row \(i)", expected: "a code in 0..<\(groupCount)")
        }
        return fitSorted(time: time, event: event, group: group, groupCount: groupCount, weights: weights,
                         entry: entry, confType: confType, confLevel: confLevel, timefix: timefix)
    }

    /// One record of the product-limit pass: time, weighted event indicator, weight.
    typealias Record = (t: Double, d: Double, w: Double)

    /// Sorts all rows once by time, applies R's `aeqSurv` to the sorted times (as R does, on the
    /// whole data before splitting by group), splits by group keeping the order, and runs the pass.
    static func fitSorted(
        time: [Double], event: [Bool], group: [Int]?, groupCount: Int, weights: [Double]?, entry: [Double]?,
        confType: ConfidenceType, confLevel: Double, timefix: Bool
    ) -> [KaplanMeierCurve?] {
        let n = time.count
        // R's survfit uses the infinitesimal-jackknife SE when a case weight is not an integer.
        let jackknife = entry == nil && (weights?.contains { $0 != $0.rounded() } ?? false)
        var t = time
        var e0 = entry
        if timefix, let entry {
            let both = TimeFix.merged(time + entry)
            t = Array(both[0..<n]); e0 = Array(both[n...])
        }
        var all = [(t: Double, d: Double, w: Double, g: Int32)]()
        all.reserveCapacity(n)
        for i in 0..<n {
            let w = weights?[i] ?? 1
            all.append((t[i], event[i] ? w : 0, w, Int32(group?[i] ?? 0)))
        }
        all.sort { $0.t < $1.t }
        if timefix && entry == nil, let cuts = TimeFix.cuts(sorted: all.lazy.map(\.t)) {
            var c = 0
            for k in 0..<n {
                while c + 1 < cuts.count && cuts[c + 1] <= all[k].t { c += 1 }
                all[k].t = cuts[c]
            }
        }
        var counts = [Int](repeating: 0, count: groupCount)
        for r in all { counts[Int(r.g)] += 1 }
        var recs = counts.map { c -> [Record] in var a = [Record](); a.reserveCapacity(c); return a }
        for r in all { recs[Int(r.g)].append((r.t, r.d, r.w)) }
        all = []
        var entries = [[(t: Double, w: Double)]](repeating: [], count: groupCount)
        if let e0 {
            for i in 0..<n { entries[group?[i] ?? 0].append((e0[i], weights?[i] ?? 1)) }
            for g in 0..<groupCount { entries[g].sort { $0.t < $1.t } }
        }
        return (0..<groupCount).map { g in
            recs[g].isEmpty ? nil : compute(recs: recs[g], entries: e0 == nil ? nil : entries[g], jackknife: jackknife,
                                            confType: confType, confLevel: confLevel)
        }
    }

    /// The product-limit pass over records sorted by time (entries sorted, when truncated).
    static func compute(
        recs: [Record], entries: [(t: Double, w: Double)]?, jackknife: Bool,
        confType: ConfidenceType, confLevel: Double
    ) -> KaplanMeierCurve {
        let m = recs.count
        var totalWeight = 0.0
        for r in recs { totalWeight += r.w }
        let entry: [(t: Double, w: Double)]? = entries
        let entries = entries ?? []
        let z = NormalDistribution.quantile(1 - (1 - confLevel) / 2)
        var out: [KaplanMeierRow] = []
        // n(t) = Σ w over rows with time ≥ t (and entry < t): start from the total and remove
        // each time block after it is processed; add entries with entry < t when truncated.
        var atRiskFromExit = totalWeight
        var entered = entry == nil ? 0.0 : 0.0
        var entryPos = 0
        var surv = 1.0
        var greenwood = 0.0   // Σ d/(n(n−d)), the variance of −log S
        // Jackknife state: every row still at risk has the same influence a on log S, the sum
        // of d/(n(n−d)) over past event times; a row that dies at tⱼ ends at a − 1/nⱼ, one
        // censored at tⱼ at a + dⱼ/(nⱼ(nⱼ−dⱼ)). Var(log S) = Σ_left w² a_final² + Σ_at-risk w² · a².
        var ijA = 0.0, ijFrozen = 0.0
        var ijW2Risk = 0.0
        if jackknife { for r in recs { ijW2Risk += r.w * r.w } }
        var eventsTotal = 0.0
        var i = 0
        while i < m {
            let t = recs[i].t
            var d = 0.0, wsum = 0.0
            var w2Dead = 0.0, w2Cens = 0.0
            var j = i
            while j < m && recs[j].t == t {
                d += recs[j].d; wsum += recs[j].w
                if jackknife { let w2 = recs[j].w * recs[j].w; if recs[j].d > 0 { w2Dead += w2 } else { w2Cens += w2 } }
                j += 1
            }
            var nRisk = atRiskFromExit
            if entry != nil {
                // rows that enter at or after t are not yet at risk at t: at risk = exit ≥ t minus not-entered
                while entryPos < entries.count && entries[entryPos].t < t {
                    entered += entries[entryPos].w; entryPos += 1
                }
                nRisk = atRiskFromExit - (totalWeight - entered)
            }
            // S(t) = S(t−)·(1 − d/n)
            if d > 0 {
                surv *= (1 - d / nRisk)
                // Greenwood: d/(n(n−d)); R's survfit sets it to +∞ once n = d.
                if nRisk > d { greenwood += d / (nRisk * (nRisk - d)) } else { greenwood = .infinity }
                eventsTotal += d
            }
            var se = greenwood.squareRoot()
            if jackknife {
                let c = nRisk > d ? d / (nRisk * (nRisk - d)) : 0
                if d > 0 { ijFrozen += w2Dead * (ijA - 1 / nRisk) * (ijA - 1 / nRisk) }
                ijFrozen += w2Cens * (ijA + c) * (ijA + c)
                ijA += c
                ijW2Risk -= w2Dead + w2Cens
                // at S = 0 R's jackknife SE of S is 0 (all at risk died): report 0 like R
                se = surv == 0 ? 0 : (ijFrozen + max(ijW2Risk, 0) * ijA * ijA).squareRoot()
            }
            let (lo, hi) = confType.limits(survival: surv, cumHazardStdErr: se, z: z)
            let seS = surv * se
            out.append(KaplanMeierRow(
                time: t, nRisk: nRisk, nEvent: d, nCensor: wsum - d, survival: surv,
                cumHazardStdErr: se, stdErr: seS.isFinite ? seS : nil, lower: lo, upper: hi))
            atRiskFromExit -= wsum
            i = j
        }
        return KaplanMeierCurve(rows: out, n: m, events: eventsTotal, confType: confType, confLevel: confLevel)
    }
}
