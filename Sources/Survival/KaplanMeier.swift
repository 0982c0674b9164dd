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
    ///     error; R switches to an infinitesimal-jackknife SE when weights are not integers.
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
        let t: [Double]
        let e0: [Double]?
        if timefix {
            if let entry {
                let both = TimeFix.merged(time + entry)
                t = Array(both[0..<n]); e0 = Array(both[n...])
            } else {
                t = TimeFix.merged(time); e0 = nil
            }
        } else {
            t = time; e0 = entry
        }
        return compute(time: t, event: event, weights: weights, entry: e0, rows: Array(0..<n),
                       confType: confType, confLevel: confLevel)
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
        // R applies aeqSurv to the whole Surv object before splitting by group.
        let t: [Double]
        let e0: [Double]?
        if timefix {
            if let entry {
                let both = TimeFix.merged(time + entry)
                t = Array(both[0..<n]); e0 = Array(both[n...])
            } else { t = TimeFix.merged(time); e0 = nil }
        } else { t = time; e0 = entry }
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in group.enumerated() {
            guard g >= 0 && g < groupCount else {
                throw .invalidOption(name: "group", value: "\(g) at row \(i)", expected: "a code in 0..<\(groupCount)")
            }
            members[g].append(i)
        }
        return members.map { rows in
            rows.isEmpty ? nil : compute(time: t, event: event, weights: weights, entry: e0, rows: rows,
                                          confType: confType, confLevel: confLevel)
        }
    }

    /// The product-limit pass over the rows `rows` (indices into the arrays), sorted by time.
    static func compute(
        time: [Double], event: [Bool], weights: [Double]?, entry: [Double]?, rows: [Int],
        confType: ConfidenceType, confLevel: Double
    ) -> KaplanMeierCurve {
        // Sort (time, weight·event, weight) triples by time: contiguous, one allocation.
        let m = rows.count
        var recs = [(t: Double, d: Double, w: Double)]()
        recs.reserveCapacity(m)
        var totalWeight = 0.0
        for i in rows {
            let w = weights?[i] ?? 1
            recs.append((time[i], event[i] ? w : 0, w))
            totalWeight += w
        }
        recs.sort { $0.t < $1.t }
        // Entry times sorted, to count rows that have not yet entered.
        var entries: [(t: Double, w: Double)] = []
        if let entry {
            entries = rows.map { (entry[$0], weights?[$0] ?? 1) }
            entries.sort { $0.t < $1.t }
        }
        let z = NormalDistribution.quantile(1 - (1 - confLevel) / 2)
        var out: [KaplanMeierRow] = []
        // n(t) = Σ w over rows with time ≥ t (and entry < t): start from the total and remove
        // each time block after it is processed; add entries with entry < t when truncated.
        var atRiskFromExit = totalWeight
        var entered = entry == nil ? 0.0 : 0.0
        var entryPos = 0
        var surv = 1.0
        var greenwood = 0.0   // Σ d/(n(n−d)), the variance of −log S
        var eventsTotal = 0.0
        var i = 0
        while i < m {
            let t = recs[i].t
            var d = 0.0, wsum = 0.0
            var j = i
            while j < m && recs[j].t == t { d += recs[j].d; wsum += recs[j].w; j += 1 }
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
            let se = greenwood.squareRoot()
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
