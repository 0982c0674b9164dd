#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution's upper tail, for test p-values (R: `pchisq(x, df, lower.tail = FALSE)`).
///
/// Computed as the regularized upper incomplete gamma Q(df/2, x/2), written here: a power
/// series for x < a + 1 and a continued fraction (modified Lentz) otherwise; exact closed
/// forms for df = 1 (erfc) and df = 2 (exp).
public enum ChiSquareDistribution {
    /// P(X > x) for X ~ χ²(df); 1 for x ≤ 0, NaN for NaN or df ≤ 0.
    public static func upperTail(_ x: Double, df: Double) -> Double {
        if x.isNaN || df.isNaN || df <= 0 { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        if df == 1 { return erfc((x / 2).squareRoot()) }
        if df == 2 { return exp(-x / 2) }
        return IncompleteGamma.upperRegularized(a: df / 2, x: x / 2)
    }
}

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
public enum IncompleteGamma {
    /// Q(a, x) = Γ(a, x)/Γ(a), the upper regularized incomplete gamma, for a > 0, x ≥ 0.
    public static func upperRegularized(a: Double, x: Double) -> Double {
        if x <= 0 { return 1 }
        if x < a + 1 { return max(0, 1 - seriesP(a: a, x: x)) }
        return continuedFractionQ(a: a, x: x)
    }

    /// P(a, x) = γ(a, x)/Γ(a), the lower regularized incomplete gamma.
    public static func lowerRegularized(a: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < a + 1 { return seriesP(a: a, x: x) }
        return max(0, 1 - continuedFractionQ(a: a, x: x))
    }

    /// log of the common prefactor x^a e^{−x} / Γ(a).
    private static func logPrefactor(a: Double, x: Double) -> Double {
        -x + a * log(x) - lgamma(a)
    }

    /// P(a, x) = x^a e^{−x}/Γ(a) · Σ_{n≥0} x^n / (a (a+1) … (a+n)).
    private static func seriesP(a: Double, x: Double) -> Double {
        var ap = a
        var term = 1 / a
        var sum = term
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logPrefactor(a: a, x: x))
    }

    /// Q(a, x) = x^a e^{−x}/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))), Lentz's method.
    private static func continuedFractionQ(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefactor(a: a, x: x)) * h
    }
}
