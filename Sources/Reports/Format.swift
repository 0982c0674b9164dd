import TrialCore
/// Number formatting for tables and plots: fixed decimals, p-values, percentages, CIs.
///
/// Formatting rounds half away from zero; missing values print as an en dash, a median or
/// limit not reached as `NR`.
public enum Format {
    /// `x` with `digits` decimals, or `–` for nil / non-finite.
    public static func fixed(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (abs(x) * scale).rounded(.toNearestOrAwayFromZero) / scale
        let sign = x < 0 && r != 0 ? "-" : ""
        let whole = Int64(r.rounded(.down))
        if digits == 0 { return sign + String(whole) }
        let frac = Int64(((r - Double(whole)) * scale).rounded(.toNearestOrAwayFromZero))
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        return sign + String(whole) + "." + f
    }

    /// p-value: `<0.001` below 0.001, else 3 decimals.
    public static func p(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return x < 0.001 ? "<0.001" : fixed(x, 3)
    }

    /// `p = 0.012` or `p < 0.001`.
    public static func pEquals(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "p = –" }
        return x < 0.001 ? "p < 0.001" : "p = " + fixed(x, 3)
    }

    /// A time in days shown in months with 1 decimal, `NR` when nil (not reached).
    public static func months(_ days: Double?, daysPerMonth: Double) -> String {
        guard let days else { return "NR" }
        return fixed(days / daysPerMonth, 1)
    }

    /// `est (lo–hi)` with `digits` decimals.
    public static func ci(_ est: String, _ lo: String, _ hi: String) -> String { "\(est) (\(lo)–\(hi))" }

    /// A count with percentage: `12 (34.5%)`.
    public static func countPercent(_ n: Int, _ pct: Double) -> String { "\(n) (\(fixed(pct, 1))%)" }

    /// Text escaped for HTML and SVG.
    public static func escape(_ s: String) -> String { TextEscaping.html(s) }
}
