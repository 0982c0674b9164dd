#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Logistic regression by iteratively reweighted least squares, step for step as R's `glm.fit`
/// with `family = binomial` (logit link), so that coefficients agree with R to ~1e-10.
///
/// Example: `let fit = try LogisticRegression.fit(response: y, columns: m.modelColumns)`.
public enum LogisticRegression {
    /// Fits logit P(y = 1) = β₀ + Σ βⱼ xⱼ.
    ///
    /// - Parameters:
    ///   - response: 0/1 outcome per row.
    ///   - columns: design columns (no intercept; it is added first).
    ///   - maxIterations: R's `glm.control(maxit = 25)`.
    ///   - epsilon: convergence when |dev − dev_old| / (|dev| + 0.1) < epsilon (R: 1e-8).
    public static func fit(response y: [Double], columns: [DesignColumn], maxIterations: Int = 25,
                           epsilon: Double = 1e-8) throws(AnalysisError) -> LogisticFit {
        let n = y.count
        let p = columns.count + 1
        for c in columns where c.values.count != n {
            throw .lengthMismatch(argument: c.name, expected: n, actual: c.values.count)
        }
        for (i, v) in y.enumerated() where v != 0 && v != 1 {
            throw .badValue(dataset: "response", row: i + 1, variable: "y", value: "\(v)", expected: "0 or 1")
        }
        if n <= p { throw .tooFewRows(model: "logistic regression", rows: n, needed: p + 1) }
        let names = ["(Intercept)"] + columns.map(\.name)
        // Row-major design X with the intercept column first.
        var x = [Double](repeating: 1, count: n * p)
        for (j, c) in columns.enumerated() { for i in 0..<n { x[i * p + j + 1] = c.values[i] } }

        // R's binomial initialize: μ = (y + 0.5) / 2, η = logit μ.
        var mu = y.map { ($0 + 0.5) / 2 }
        var eta = mu.map { log($0 / (1 - $0)) }
        var devOld = deviance(y, mu)
        var beta = [Double](repeating: 0, count: p)
        var info = [Double](repeating: 0, count: p * p)
        var converged = false
        var iter = 0
        var solver: SymmetricSolver?
        while iter < maxIterations {
            iter += 1
            // Working response z = η + (y − μ)/μ', working weight w = μ'² / Var(μ) = μ(1 − μ),
            // with μ' = dμ/dη = max(μ(1 − μ), ε) as R's logit `mu.eta`.
            info = [Double](repeating: 0, count: p * p)
            var rhs = [Double](repeating: 0, count: p)
            for i in 0..<n {
                let e = exp(eta[i])
                let dmu = max(e / ((1 + e) * (1 + e)), Double.ulpOfOne)
                let v = mu[i] * (1 - mu[i])
                let z = eta[i] + (y[i] - mu[i]) / dmu
                let w = dmu * dmu / v
                let row = i * p
                for a in 0..<p {
                    let wa = w * x[row + a]
                    rhs[a] += wa * z
                    for b in 0...a { info[a * p + b] += wa * x[row + b] }
                }
            }
            // Solve (XᵀWX) β = XᵀWz.
            switch SymmetricSolver.factor(info, p: p) {
            case .failure(let pivot): throw .singularDesign(column: names[pivot.index])
            case .success(let s):
                solver = s
                beta = s.solve(rhs)
            }
            for i in 0..<n {
                var s = 0.0
                for a in 0..<p { s += x[i * p + a] * beta[a] }
                eta[i] = s
                mu[i] = inverseLogit(s)
            }
            let dev = deviance(y, mu)
            if abs(dev - devOld) / (abs(dev) + 0.1) < epsilon { converged = true; devOld = dev; break }
            devOld = dev
        }
        // Covariance (XᵀWX)⁻¹ with W of the last IRLS step, as summary.glm uses fit$qr.
        let cov = solver!.inverse()
        let ybar = y.reduce(0, +) / Double(n)
        let nullDev = deviance(y, [Double](repeating: ybar, count: n))
        let eps = 10 * Double.ulpOfOne
        let separation = mu.contains { $0 > 1 - eps || $0 < eps }
        let coefficients = (0..<p).map { j -> LogisticFit.Coefficient in
            let se = cov[j * p + j].squareRoot()
            let z = beta[j] / se
            return .init(name: names[j], estimate: beta[j], stdErr: se, z: z,
                         p: erfc(abs(z) / 2.0.squareRoot()))
        }
        return LogisticFit(coefficients: coefficients, fitted: mu, deviance: devOld,
                           nullDeviance: nullDev, aic: devOld + 2 * Double(p), iterations: iter,
                           converged: converged, separation: separation)
    }

    /// R's logit `linkinv`: η clamped at ±30 so that μ stays inside (ε, 1 − ε).
    static func inverseLogit(_ eta: Double) -> Double {
        let t = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : exp(eta))
        return t / (1 + t)
    }

    /// Binomial deviance Σ 2[y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))] (0·log 0 = 0).
    static func deviance(_ y: [Double], _ mu: [Double]) -> Double {
        var d = 0.0
        for i in 0..<y.count {
            d += y[i] == 1 ? -2 * log(mu[i]) : -2 * log(1 - mu[i])
        }
        return d
    }
}
