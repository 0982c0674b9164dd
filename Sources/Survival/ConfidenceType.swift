#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a pointwise confidence interval for S(t) is built (R's `survfit(conf.type=)`).
///
/// With se = standard error of the cumulative hazard −log S (Greenwood) and z = qnorm(1 − α/2):
/// `log` (R's default) exp(log S ± z·se); `logLog` (SAS's default)
/// exp(−exp(log(−log S) ∓ z·se/log S)); `plain` S ± z·se·S, clipped to [0, 1].
public enum ConfidenceType: String, Sendable, CaseIterable, Codable {
    /// Interval on the log-survival scale; R's default.
    case log
    /// Interval on the log(−log S) scale; SAS PROC LIFETEST's default.
    case logLog = "log-log"
    /// Linear interval S ± z·SE(S), clipped to [0, 1].
    case plain

    /// Lower and upper limits for S given se = SE(−log S) and z; nil where R gives NA.
    ///
    /// Mirrors R's `survfit_confint(logse = TRUE, ulimit = TRUE)`.
    public func limits(survival s: Double, cumHazardStdErr se: Double, z: Double) -> (lower: Double?, upper: Double?) {
        switch self {
        case .plain:
            let se2 = se * s * z
            if se2.isNaN { return (nil, nil) }
            return (max(s - se2, 0), min(s + se2, 1))
        case .log:
            if s == 0 || se.isNaN { return (nil, nil) }
            let se2 = z * se
            let lo = exp(logFn(s) - se2)
            let hi = min(exp(logFn(s) + se2), 1)
            return (lo.isNaN ? nil : lo, hi.isNaN ? nil : hi)
        case .logLog:
            if s == 0 || s == 1 || se.isNaN { return (nil, nil) }
            let ls = logFn(s)
            let se2 = z * se / ls
            let lo = exp(-exp(logFn(-ls) - se2))
            let hi = exp(-exp(logFn(-ls) + se2))
            return (lo.isNaN ? nil : lo, hi.isNaN ? nil : hi)
        }
    }
}

@inline(__always) func logFn(_ x: Double) -> Double { log(x) }
