import Foundation

/// Cox proportional-hazards fit with one binary covariate (Breslow ties), used to summarise
/// simulated data: the naive HR of a sample and the marginal HR of a potential-outcomes
/// population. (The full Cox model lives in `Survival`; this one only needs counts.)
///
/// With n₁(t), n₀(t) at risk and d₁(t), d₀(t) events at each distinct event time t, the
/// Breslow log partial likelihood is ℓ(β) = Σ_t [d₁β − d·log(n₁e^β + n₀)], score
/// U(β) = Σ_t [d₁ − d·n₁e^β/(n₁e^β + n₀)], information I(β) = Σ_t d·n₁n₀e^β/(n₁e^β + n₀)²;
/// Newton–Raphson from β = 0 until |Δβ| < 1e-10.
public struct CoxBinaryCovariate: Sendable, Hashable, Codable {
    /// Estimated log hazard ratio of x = 1 vs x = 0.
    public var logHazardRatio: Double
    /// Model-based standard error, 1/√I(β̂).
    public var standardError: Double
    /// Number of events.
    public var events: Int

    /// exp(β̂).
    public var hazardRatio: Double { exp(logHazardRatio) }

    /// Fits the model to `times` (any unit), `events` (true = event) and `x` (true = 1).
    public init(times: [Double], events: [Bool], x: [Bool]) {
        let order = times.indices.sorted { times[$0] < times[$1] }
        // Collapse to distinct event times with risk-set counts.
        var n1 = x.reduce(0) { $0 + ($1 ? 1 : 0) }, n0 = x.count - n1
        var strata: [(n1: Double, n0: Double, d1: Double, d: Double)] = []
        var k = 0
        while k < order.count {
            let t = times[order[k]]
            var d1 = 0, d0 = 0, c1 = 0, c0 = 0
            var j = k
            while j < order.count && times[order[j]] == t {
                let i = order[j]
                if x[i] { c1 += 1; if events[i] { d1 += 1 } } else { c0 += 1; if events[i] { d0 += 1 } }
                j += 1
            }
            if d1 + d0 > 0 { strata.append((Double(n1), Double(n0), Double(d1), Double(d1 + d0))) }
            n1 -= c1; n0 -= c0
            k = j
        }
        var beta = 0.0, info = 0.0
        for _ in 0..<50 {
            let eb = exp(beta)
            var u = 0.0
            info = 0
            for s in strata {
                let denom = s.n1 * eb + s.n0
                u += s.d1 - s.d * s.n1 * eb / denom
                info += s.d * s.n1 * s.n0 * eb / (denom * denom)
            }
            guard info > 0 else { break }
            let step = u / info
            beta += step
            if abs(step) < 1e-10 { break }
        }
        logHazardRatio = beta
        standardError = info > 0 ? 1 / info.squareRoot() : .infinity
        self.events = strata.reduce(0) { $0 + Int($1.d) }
    }
}
