#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time scale g(t) of the proportional-hazards test (R's `cox.zph(transform =)`).
public enum TimeTransform: String, Sendable, CaseIterable, Codable {
    /// g(t) = 1 − KM(t−), the pooled unweighted Kaplan-Meier of all rows; R's default.
    case km
    /// g(t) = rank of t among all rows' times (ties averaged).
    case rank
    /// g(t) = t.
    case identity
    /// g(t) = log t.
    case log
}

/// One row of the proportional-hazards test table.
public struct ProportionalHazardsTerm: Sendable, Equatable {
    /// Term name (a factor is one multi-df term).
    public let term: String
    /// The score test of θ = 0 for this term.
    public let test: ChiSquareTest
}

/// Result of the proportional-hazards check (R's `cox.zph` table).
public struct ProportionalHazardsResult: Sendable, Equatable {
    /// The transform used.
    public let transform: TimeTransform
    /// Per-term tests.
    public let terms: [ProportionalHazardsTerm]
    /// Joint test of all terms.
    public let global: ChiSquareTest
}

/// R's `cox.zph` (survival ≥ 3.0): a score test of β(t) = β + θ·g(t) at (β̂, θ = 0).
///
/// With centred g (mean over event rows), augmented covariates (x, g(t)x) give a score
/// U = (0, Σ_deaths g(t)(xᵢ − x̄(t))) and an information [[ΣV, ΣgV], [ΣgV, Σg²V]], V(t) the
/// weighted risk-set covariance (Efron-averaged for Efron fits; exact fits use Breslow).
/// Term test: Uᵀ I⁻¹ U on (all β, θ of the term); global: on everything.
public enum ProportionalHazardsTest {
    /// Runs the test on a fit.
    public static func test(_ fit: CoxFit, transform: TimeTransform = .km) -> ProportionalHazardsResult {
        let data = fit.data
        let n = data.n
        // estimated (non-aliased) columns only
        let keep = (0..<data.p).filter { fit.coefficients[$0].coef != nil }
        let p = keep.count
        let eta = data.linearPredictor(fit.beta)
        // g(t) per sorted row
        var g = [Double](repeating: 0, count: n)
        switch transform {
        case .identity: for i in 0..<n { g[i] = data.time[i] }
        case .log: for i in 0..<n { g[i] = Foundation_log(data.time[i]) }
        case .rank:
            // average ranks of all times; rows are sorted by stratum then time, so rank globally
            let order = (0..<n).sorted { data.time[$0] < data.time[$1] }
            var k = 0
            while k < n {
                var j = k
                while j + 1 < n && data.time[order[j + 1]] == data.time[order[k]] { j += 1 }
                let r = Double(k + j + 2) / 2
                for q in k...j { g[order[q]] = r }
                k = j + 1
            }
        case .km:
            // pooled unweighted KM over all rows; g = 1 − S(t−)
            let order = (0..<n).sorted { data.time[$0] < data.time[$1] }
            var atRisk = Double(n)
            var s = 1.0
            var k = 0
            while k < n {
                var j = k
                var d = 0.0
                while j < n && data.time[order[j]] == data.time[order[k]] {
                    if data.status[order[j]] != 0 { d += 1 }
                    j += 1
                }
                for q in k..<j { g[order[q]] = 1 - s }
                s *= (1 - d / atRisk)
                atRisk -= Double(j - k)
                k = j
            }
        }
        var gsum = 0.0, ev = 0.0
        for i in 0..<n where data.status[i] != 0 { gsum += g[i]; ev += 1 }
        let gmean = gsum / ev
        for i in 0..<n { g[i] -= gmean }

        let efron = fit.ties == .efron
        var uTheta = [Double](repeating: 0, count: p)
        var imat = SymmetricMatrix(dimension: 2 * p)
        var x = [Double](repeating: 0, count: n * p)
        for i in 0..<n { for (c, k) in keep.enumerated() { x[i * p + c] = data.x[i * data.p + k] } }
        for st in 0..<(data.strataBounds.count - 1) {
            let start = data.strataBounds[st], end = data.strataBounds[st + 1]
            var s0 = 0.0
            var s1 = [Double](repeating: 0, count: p)
            var s2 = [Double](repeating: 0, count: p * p)
            var i = start
            while i < end {
                let t = data.time[i]
                var j = i
                var d0 = 0.0, wD = 0.0, nd = 0
                var d1 = [Double](repeating: 0, count: p)
                var d2 = [Double](repeating: 0, count: p * p)
                var xD = [Double](repeating: 0, count: p)
                while j < end && data.time[j] == t {
                    let w = data.weight[j]
                    let wr = w * exp(eta[j])
                    s0 += wr
                    for k in 0..<p {
                        s1[k] += wr * x[j * p + k]
                        for l in 0..<p { s2[k * p + l] += wr * x[j * p + k] * x[j * p + l] }
                    }
                    if data.status[j] != 0 {
                        nd += 1; wD += w; d0 += wr
                        for k in 0..<p {
                            xD[k] += w * x[j * p + k]
                            d1[k] += wr * x[j * p + k]
                            for l in 0..<p { d2[k * p + l] += wr * x[j * p + k] * x[j * p + l] }
                        }
                    }
                    j += 1
                }
                if nd > 0 {
                    let gt = g[i]
                    let steps = (efron && nd > 1) ? nd : 1
                    let meanwt = wD / Double(steps)
                    var aSum = [Double](repeating: 0, count: p)
                    var vSum = [Double](repeating: 0, count: p * p)
                    for kk in 0..<steps {
                        let f = steps == 1 ? 0 : Double(kk) / Double(nd)
                        let den = s0 - f * d0
                        var a = [Double](repeating: 0, count: p)
                        for k in 0..<p { a[k] = (s1[k] - f * d1[k]) / den; aSum[k] += meanwt * a[k] }
                        for k in 0..<p {
                            for l in 0..<p {
                                vSum[k * p + l] += meanwt * ((s2[k * p + l] - f * d2[k * p + l]) / den - a[k] * a[l])
                            }
                        }
                    }
                    for k in 0..<p {
                        uTheta[k] += gt * (xD[k] - aSum[k])
                        for l in 0..<p {
                            let v = vSum[k * p + l]
                            imat[k, l] += v
                            imat[k, p + l] += gt * v
                            imat[p + k, l] += gt * v
                            imat[p + k, p + l] += gt * gt * v
                        }
                    }
                }
                i = j
            }
        }
        // map terms to kept columns
        var position: [Int: Int] = [:]
        for (c, k) in keep.enumerated() { position[k] = c }
        var rows: [ProportionalHazardsTerm] = []
        for (tIndex, name) in fit.termNames.enumerated() {
            let cols = fit.assign[tIndex].compactMap { position[$0] }
            if cols.isEmpty { continue }
            let kk = Array(0..<p) + cols.map { $0 + p }
            let u = [Double](repeating: 0, count: p) + cols.map { uTheta[$0] }
            let stat = imat.submatrix(kk).factorized(tolerance: 1e-14).quadraticForm(u)
            rows.append(ProportionalHazardsTerm(term: name, test: ChiSquareTest(chiSquare: stat, df: cols.count)))
        }
        let uAll = [Double](repeating: 0, count: p) + uTheta
        let global = imat.factorized(tolerance: 1e-14).quadraticForm(uAll)
        return ProportionalHazardsResult(transform: transform, terms: rows, global: ChiSquareTest(chiSquare: global, df: p))
    }
}

@inline(__always) private func Foundation_log(_ x: Double) -> Double { log(x) }
