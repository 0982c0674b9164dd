/// Merges times that differ only by floating-point noise into exact ties (R's `aeqSurv`,
/// applied by `coxph` and `survfit` when `timefix = TRUE`, the default).
///
/// Sorted distinct finite times y₁ < y₂ < …; a gap dy = y_{k+1} − y_k counts as a tie when
/// dy ≤ tol or dy / mean|y| ≤ tol (tol = sqrt(machine ε)). Each time is replaced by the
/// first time of its run of tied neighbours.
public enum TimeFix {
    /// R's default tolerance, sqrt(.Machine$double.eps).
    public static let defaultTolerance: Double = 1.4901161193847656e-08

    /// The times with near-ties replaced by the smallest time of their group; unchanged when none.
    public static func merged(_ times: [Double], tolerance: Double = defaultTolerance) -> [Double] {
        if tolerance <= 0 || times.count < 2 { return times }
        var y = times.filter { $0.isFinite }
        y.sort()
        // distinct values
        var u: [Double] = []
        u.reserveCapacity(y.count)
        for v in y where u.last != v { u.append(v) }
        if u.count < 2 { return times }
        var meanAbs = 0.0
        for v in u { meanAbs += abs(v) }
        meanAbs /= Double(u.count)
        // cuts = first value of each run of tied neighbours
        var cuts: [Double] = [u[0]]
        var anyTied = false
        for k in 1..<u.count {
            let dy = u[k] - u[k - 1]
            let tied = dy <= tolerance || dy / meanAbs <= tolerance
            if tied { anyTied = true } else { cuts.append(u[k]) }
        }
        if !anyTied { return times }
        // findInterval: the last cut ≤ t.
        return times.map { t in
            guard t.isFinite else { return t }
            var lo = 0, hi = cuts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if cuts[mid] <= t { lo = mid } else { hi = mid - 1 }
            }
            return cuts[lo]
        }
    }

    /// The merge on times already sorted increasingly: the cut values (first time of each run of
    /// tied neighbours among the distinct finite times), or nil when nothing merges. Replacing each
    /// time by the last cut ≤ it gives `merged(_:)` and keeps the order.
    public static func cuts<C: Collection>(sorted times: C, tolerance: Double = defaultTolerance) -> [Double]?
        where C.Element == Double {
        if tolerance <= 0 { return nil }
        var distinct = 0
        var sumAbs = 0.0
        var last = -Double.infinity
        var first = true
        for v in times where v.isFinite {
            if first || v != last { distinct += 1; sumAbs += abs(v); last = v; first = false }
        }
        if distinct < 2 { return nil }
        let meanAbs = sumAbs / Double(distinct)
        var cuts: [Double] = []
        var anyTied = false
        first = true
        for v in times where v.isFinite {
            if first { cuts.append(v); last = v; first = false; continue }
            if v == last { continue }
            let dy = v - last
            if dy <= tolerance || dy / meanAbs <= tolerance { anyTied = true } else { cuts.append(v) }
            last = v
        }
        return anyTied ? cuts : nil
    }
}

