/// One row of a Kaplan-Meier table: a distinct time with an event or a censoring.
///
/// Counts are sums of case weights. `cumHazardStdErr` is R's `survfit()$std.err` (the SE of
/// −log S); `stdErr` is the SE of S itself, S·cumHazardStdErr (nil where it is undefined).
public struct KaplanMeierRow: Sendable, Equatable {
    /// The time (caller's units).
    public let time: Double
    /// Number (weight) at risk just before `time`: rows with time ≥ `time` (and entered).
    public let nRisk: Double
    /// Number (weight) of events at `time`.
    public let nEvent: Double
    /// Number (weight) censored at `time`.
    public let nCensor: Double
    /// S(time), the product-limit estimate.
    public let survival: Double
    /// Greenwood SE of the cumulative hazard −log S (R's `std.err`); +∞ once n = d.
    public let cumHazardStdErr: Double
    /// SE of S(time) = S·cumHazardStdErr; nil where undefined (S = 0 with infinite SE).
    public let stdErr: Double?
    /// Lower pointwise confidence limit; nil where R gives NA.
    public let lower: Double?
    /// Upper pointwise confidence limit; nil where R gives NA.
    public let upper: Double?
}

/// A quantile of the survival distribution with its confidence interval (R's `quantile.survfit`).
///
/// Times in the caller's units; nil where the curve (or its band) never reaches 1 − p.
public struct SurvivalQuantile: Sendable, Equatable {
    /// The probability p (0.5 for the median).
    public let probability: Double
    /// The quantile estimate.
    public let estimate: Double?
    /// Lower confidence limit (from the lower band).
    public let lower: Double?
    /// Upper confidence limit (from the upper band).
    public let upper: Double?
}

/// The restricted mean survival time to τ and its standard error (R's `print(fit, rmean = τ)`).
///
/// Units: the caller's time units.
public struct RestrictedMean: Sendable, Equatable {
    /// The horizon τ.
    public let tau: Double
    /// ∫₀^τ S(t) dt.
    public let estimate: Double
    /// sqrt(Σ_{tᵢ ≤ τ} Aᵢ² dᵢ/(nᵢ(nᵢ − dᵢ))), Aᵢ = ∫_{tᵢ}^τ S.
    public let stdErr: Double
}

/// The curve read at one requested time (R's `summary(fit, times =, extend = TRUE)`).
public struct SurvivalAtTime: Sendable, Equatable {
    /// The requested time.
    public let time: Double
    /// S at that time (the step function; 1 before the first time, last value past the end).
    public let survival: Double
    /// SE of S at that time; nil where undefined.
    public let stdErr: Double?
    /// Lower confidence limit.
    public let lower: Double?
    /// Upper confidence limit.
    public let upper: Double?
    /// Number (weight) at risk at that time: rows with time ≥ it (0 past the end).
    public let nRisk: Double
}

/// A fitted Kaplan-Meier curve: the table plus quantiles, restricted mean and time lookups.
public struct KaplanMeierCurve: Sendable {
    /// One row per distinct time (events or censorings), increasing.
    public let rows: [KaplanMeierRow]
    /// Number of rows (records) used.
    public let n: Int
    /// Total (weighted) number of events.
    public let events: Double
    /// Interval scale used for `lower`/`upper`.
    public let confType: ConfidenceType
    /// Coverage of the intervals.
    public let confLevel: Double

    /// R's default quantile tolerance, sqrt(.Machine$double.eps).
    static let tolerance = 1.4901161193847656e-08

    /// The median (p = 0.5) with its CI.
    public var median: SurvivalQuantile { quantile(0.5) }

    /// The p-quantile: first time with S ≤ 1 − p; on a flat stretch at exactly 1 − p (within
    /// sqrt(ε)) the midpoint to the next drop, or to the last time if it never drops.
    /// The CI applies the same rule to the lower and upper bands (R's `quantile.survfit`).
    public func quantile(_ p: Double) -> SurvivalQuantile {
        let x = [0.0] + rows.map(\.time)
        let s: [Double?] = [0.0] + rows.map { 1 - $0.survival }
        let lo: [Double?] = [0.0] + rows.map { $0.lower.map { 1 - $0 } }
        let hi: [Double?] = [0.0] + rows.map { $0.upper.map { 1 - $0 } }
        return SurvivalQuantile(
            probability: p,
            estimate: Self.findQuantile(x: x, y: s, p: p),
            lower: Self.findQuantile(x: x, y: lo, p: p),
            upper: Self.findQuantile(x: x, y: hi, p: p))
    }

    /// R's `findq`: y = 1 − S (nil = NA) against x = (0, times); see `quantile(_:)`.
    static func findQuantile(x: [Double], y: [Double?], p: Double) -> Double? {
        let tol = tolerance
        let present = y.compactMap { $0 }
        guard let ymax = present.max(), ymax >= p else { return nil }
        guard let xmax = x.last else { return nil }
        // drop duplicated y values (R's duplicated(): NA counts as a value too)
        var xs: [Double] = [], ys: [Double?] = []
        var seen = Set<Double>(), seenNA = false
        for (xv, yv) in zip(x, y) {
            if let yv {
                if seen.contains(yv) { continue }
                seen.insert(yv)
            } else {
                if seenNA { continue }
                seenNA = true
            }
            xs.append(xv); ys.append(yv)
        }
        let n = ys.count
        // approx(y ± tol, 1:n, p, method = "constant", f = 1): on the non-NA points sorted by y,
        // the index of the right end of the bracketing interval (exact hit: that point).
        func approxIndex(shift: Double) -> Int? {
            var pts: [(v: Double, idx: Int)] = []
            for k in 0..<n { if let yv = ys[k] { pts.append((yv + shift, k)) } }
            pts.sort { $0.v < $1.v }
            guard let first = pts.first, let last = pts.last else { return nil }
            if p < first.v || p > last.v { return nil }
            var i = 0, j = pts.count - 1
            while i < j - 1 {
                let ij = (i + j) / 2
                if p < pts[ij].v { j = ij } else { i = ij }
            }
            if p == pts[j].v { return pts[j].idx }
            if p == pts[i].v { return pts[i].idx }
            return pts[j].idx
        }
        let i1 = approxIndex(shift: tol)
        let i2 = approxIndex(shift: -tol)
        var q: Double? = nil
        if let i1, let i2 { q = (xs[i1] + xs[i2]) / 2 }
        if p == 0 { q = xs[0] }
        if let yl = ys[n - 1], abs(p - yl) < tol, let i1 { q = (xs[i1] + xmax) / 2 }
        return q
    }

    /// Restricted mean survival time to `tau` with its SE (R's `survmean` with `rmean = tau`).
    public func restrictedMean(tau: Double) -> RestrictedMean {
        // Rectangles under the step function from start 0 (or the first time if negative) to τ;
        // hᵢ = dᵢ/(nᵢ(nᵢ − dᵢ)), 0 where n = d.
        let start = Swift.min(0, rows.first?.time ?? 0)
        let kept = rows.filter { $0.time <= tau }
        var times = kept.map(\.time); times.append(tau)
        var survs = kept.map(\.survival); survs.append(kept.last?.survival ?? 1)
        var hh = kept.map { r in r.nRisk - r.nEvent == 0 ? 0 : r.nEvent / (r.nRisk * (r.nRisk - r.nEvent)) }
        hh.append(0)
        let m = times.count
        var rect = [Double](repeating: 0, count: m)
        var prevT = start
        for k in 0..<m {
            rect[k] = (times[k] - prevT) * (k == 0 ? 1 : survs[k - 1])
            prevT = times[k]
        }
        let mean = rect.reduce(0, +) + start
        // Var = Σᵢ Aᵢ² hᵢ with Aᵢ = Σ_{k>i} rect_k, the area after time i.
        var variance = 0.0
        var area = 0.0
        if m >= 2 {
            for k in stride(from: m - 1, through: 1, by: -1) {
                area += rect[k]
                variance += area * area * hh[k - 1]
            }
        }
        return RestrictedMean(tau: tau, estimate: mean, stdErr: variance.squareRoot())
    }

    /// The curve at the requested times (R's `summary(fit, times = t, extend = TRUE)`).
    public func survival(at times: [Double]) -> [SurvivalAtTime] {
        times.map { t in
            // last row with time ≤ t
            var lo = 0, hi = rows.count
            while lo < hi { let mid = (lo + hi) / 2; if rows[mid].time <= t { lo = mid + 1 } else { hi = mid } }
            let k = lo - 1
            // at risk at t: weight with time ≥ t = nRisk of the first row with time ≥ t
            let nRisk: Double
            if k >= 0 && rows[k].time == t { nRisk = rows[k].nRisk }
            else if k + 1 < rows.count { nRisk = rows[k + 1].nRisk }
            else { nRisk = 0 }
            if k < 0 {
                let (l, u) = confType.limits(survival: 1, cumHazardStdErr: 0, z: 1)
                return SurvivalAtTime(time: t, survival: 1, stdErr: 0, lower: l ?? 1, upper: u ?? 1, nRisk: nRisk)
            }
            let r = rows[k]
            return SurvivalAtTime(time: t, survival: r.survival, stdErr: r.stdErr, lower: r.lower, upper: r.upper, nRisk: nRisk)
        }
    }
}
