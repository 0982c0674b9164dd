#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution: tail areas and quantiles (R's `pnorm`, `qnorm`).
///
/// Tails come from the C library's `erfc` (relative error near machine precision even far in
/// the tail); quantiles from a rational start refined by Halley steps on that tail.
public enum NormalDistribution {
    /// P(Z > z) for a standard normal Z (R: `pnorm(z, lower.tail = FALSE)`).
    public static func upperTail(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// P(Z ≤ z) for a standard normal Z (R: `pnorm(z)`).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// Two-sided p-value of a z statistic: 2·P(Z > |z|); NaN for NaN.
    public static func twoSidedP(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        return 2 * upperTail(abs(z))
    }

    /// The p-quantile of the standard normal (R: `qnorm(p)`); ±∞ at 0 and 1, NaN outside.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // Solve Q(x) = q on the smaller tail q = min(p, 1 − p), x > 0, then fix the sign.
        let q = min(p, 1 - p)
        // Abramowitz & Stegun 26.2.23 start (|error| < 4.5e-4): t = sqrt(−2 log q).
        let t = (-2 * log(q)).squareRoot()
        var x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        // Halley steps on f(x) = Q(x) − q with f' = −φ(x), f'' = x·φ(x):
        // x ← x − f/f' / (1 − f·f''/(2 f'²)); cubic convergence, 4 steps reach machine precision.
        for _ in 0..<4 {
            let f = upperTail(x) - q
            let phi = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            if phi == 0 { break }
            let newton = f / -phi
            let step = newton / (1 + 0.5 * newton * x)
            x -= step
            if abs(step) <= 1e-16 * abs(x) { break }
        }
        return p < 0.5 ? -x : x
    }
}
