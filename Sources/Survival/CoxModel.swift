#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cox proportional hazards regression (R's `coxph`) by Newton-Raphson with step halving.
///
/// Example:
/// ```swift
/// let x = try DesignMatrix(terms: [.numeric(name: "age", values: age)])
/// let fit = try CoxModel.fit(time: t, event: e, design: x)
/// fit.coefficients[0].hazardRatio
/// ```
public enum CoxModel {
    /// Fits the model.
    ///
    /// - Parameters:
    ///   - time: follow-up time per row (≥ 0).
    ///   - event: true for an event.
    ///   - design: covariates (numeric and factor columns).
    ///   - strata: stratum code per row; baseline hazards differ between strata.
    ///   - weights: case weights (> 0). Efron's method with weights follows R (not replication).
    ///   - offset: a known term added to the linear predictor.
    ///   - cluster: cluster code per row; implies the robust variance, scores summed within clusters.
    ///   - options: ties, robust, conf level and R's `coxph.control` settings.
    public static func fit(
        time: [Double], event: [Bool], design: consuming DesignMatrix, strata: [Int]? = nil,
        weights: [Double]? = nil, offset: [Double]? = nil, cluster: [Int]? = nil,
        options: CoxOptions = CoxOptions()
    ) throws(SurvivalError) -> CoxFit {
        let n = time.count
        try InputCheck.times(time)
        for (i, v) in time.enumerated() where v < 0 { throw .negativeTime(row: i, value: v) }
        try InputCheck.length(event, "event", n)
        if design.rows != n && !(design.columns == 0) {
            throw .lengthMismatch(argument: "covariates", expected: n, actual: design.rows)
        }
        try InputCheck.length(strata, "strata", n)
        try InputCheck.length(weights, "weights", n)
        try InputCheck.length(offset, "offset", n)
        try InputCheck.length(cluster, "cluster", n)
        try InputCheck.weights(weights)
        try InputCheck.finite(offset, "offset")
        try InputCheck.confLevel(options.confLevel)
        if design.columns == 0 { throw .invalidOption(name: "covariates", value: "none", expected: "at least one covariate column") }
        for (i, v) in design.values.enumerated() where !v.isFinite {
            throw .notFinite(argument: design.columnNames[i % design.columns], row: i / design.columns, value: v)
        }
        if options.ties == .exact && (options.robust || cluster != nil) {
            throw .unsupported("a robust or cluster variance with exact ties (R has no dfbeta residuals for the exact method)")
        }
        if options.ties == .exact && weights != nil {
            throw .unsupported("case weights with exact ties (R's coxph refuses this too)")
        }
        // R's coxph turns the robust variance on by itself for non-integer case weights.
        var options = options
        if let weights, weights.contains(where: { $0 != $0.rounded() }) { options.robust = true }
        let t = options.timefix ? TimeFix.merged(time) : time
        // Column bookkeeping first; the matrix itself moves into the sorted data (permuted in
        // place when the caller passed its last reference).
        let columnNames = design.columnNames
        let termNames = design.termNames
        let assign = design.assign
        let data = CoxData(time: t, event: event, design: consume design, strata: strata, weights: weights, offset: offset)
        let p = data.p
        let likelihood = CoxPartialLikelihood(data: data, ties: options.ties)

        // Newton-Raphson from β = 0 (R's coxfit6): halve the step while ℓ decreases; stop when
        // |1 − ℓ_old/ℓ_new| ≤ eps on a full step and report that iterate.
        var beta = [Double](repeating: 0, count: p)
        var value = likelihood.evaluate(beta)
        let loglikNull = value.loglik
        var factor = value.information.factorized(tolerance: options.cholTolerance)
        // score test at β = 0: U₀ᵀ I₀⁻¹ U₀
        let scoreStatistic = factor.quadraticForm(value.score)
        var step = factor.solve(value.score)
        var newBeta = (0..<p).map { beta[$0] + step[$0] }
        var loglikOld = loglikNull
        var halving = false
        var converged = false
        var iterations = 0
        var current = value
        let maxIter = max(options.maxIterations, 0)
        if maxIter == 0 { newBeta = beta }
        var iter = 1
        while iter <= maxIter {
            iterations = iter
            current = likelihood.evaluate(newBeta)
            let newLoglik = current.loglik
            if newLoglik.isFinite && abs(1 - loglikOld / newLoglik) <= options.epsilon && !halving {
                converged = true
                break
            }
            if iter == maxIter { break }
            if !newLoglik.isFinite || newLoglik < loglikOld {
                halving = true
                for k in 0..<p { newBeta[k] = (newBeta[k] + beta[k]) / 2 }
            } else {
                halving = false
                loglikOld = newLoglik
                factor = current.information.factorized(tolerance: options.cholTolerance)
                step = factor.solve(current.score)
                beta = newBeta
                for k in 0..<p { newBeta[k] = beta[k] + step[k] }
            }
            iter += 1
        }
        if maxIter == 0 { current = value }
        beta = newBeta
        value = current
        factor = value.information.factorized(tolerance: options.cholTolerance)
        let variance = factor.inverse()
        var singular = factor.singular
        let events = event.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Nothing to estimate without events (R returns NA coefficients).
        if events == 0 { singular = [Bool](repeating: true, count: p); converged = false }
        for k in 0..<p where singular[k] { beta[k] = 0 }

        // Infinite coefficients (R): |U V|ₖ > eps and > toler.inf·|βₖ|.
        var infinite: [String] = []
        for k in 0..<p where !singular[k] {
            var uv = 0.0
            for l in 0..<p { uv += value.score[l] * variance[l, k] }
            let flag = !value.score[k].isFinite || (abs(uv) > options.epsilon && abs(uv) > options.infiniteTolerance * abs(beta[k]))
            if flag { infinite.append(columnNames[k]) }
        }
        let etaSorted = data.linearPredictor(beta)
        if !converged, etaSorted.contains(where: { $0 > 500 }) {
            for k in 0..<p where !singular[k] && !infinite.contains(columnNames[k]) { infinite.append(columnNames[k]) }
        }
        let fitConverged = converged && infinite.isEmpty

        // Robust (sandwich) variance: Σ_clusters (Σ wᵢ Dᵢ)(Σ wᵢ Dᵢ)ᵀ, Dᵢ = Lᵢ V (dfbeta).
        var robustVariance: SymmetricMatrix? = nil
        if options.robust || cluster != nil {
            let resid = CoxScoreResiduals.compute(data: data, beta: beta, ties: options.ties)
            robustVariance = CoxScoreResiduals.sandwich(residuals: resid, data: data, variance: variance, cluster: cluster)
        }

        // Coefficient table.
        let z = NormalDistribution.quantile(1 - (1 - options.confLevel) / 2)
        var rows: [CoxCoefficient] = []
        for k in 0..<p {
            if singular[k] {
                rows.append(CoxCoefficient(term: columnNames[k], coef: nil, hazardRatio: nil, stdErr: nil,
                                           robustStdErr: nil, z: nil, p: nil, hazardRatioLower: nil, hazardRatioUpper: nil))
                continue
            }
            let se = variance[k, k].squareRoot()
            let rse = robustVariance.map { $0[k, k].squareRoot() }
            let useSE = rse ?? se
            let zk = beta[k] / useSE
            rows.append(CoxCoefficient(
                term: columnNames[k], coef: beta[k], hazardRatio: exp(beta[k]), stdErr: se,
                robustStdErr: rse, z: zk, p: NormalDistribution.twoSidedP(zk),
                hazardRatioLower: exp(beta[k] - z * useSE), hazardRatioUpper: exp(beta[k] + z * useSE)))
        }
        let df = p - singular.filter { $0 }.count
        let lr = ChiSquareTest(chiSquare: 2 * (value.loglik - loglikNull), df: df)
        // Wald: β̂ᵀ V⁻¹ β̂ on the estimated columns.
        let est = (0..<p).filter { !singular[$0] }
        let vW = (robustVariance ?? variance).submatrix(est)
        let waldStat = vW.factorized(tolerance: options.cholTolerance).quadraticForm(est.map { beta[$0] })
        let wald = ChiSquareTest(chiSquare: waldStat, df: df)
        let score = ChiSquareTest(chiSquare: scoreStatistic, df: df)

        // On the fit's sorted arrays (stratum blocks, time descending): no copies.
        let concordance = Concordance.computeDescending(
            time: data.time, event: data.status, risk: etaSorted, weight: weights == nil ? nil : data.weight,
            bounds: data.strataBounds, cluster: cluster.map { c in data.original.map { c[$0] } })
        // Linear predictors in caller order, centred as R's (x − mean)β + offset.
        var lp = [Double](repeating: 0, count: n)
        for k in 0..<n { lp[data.original[k]] = etaSorted[k] }
        return CoxFit(
            ties: options.ties, coefficients: rows, termNames: termNames, assign: assign,
            variance: variance, robustVariance: robustVariance, loglikNull: loglikNull, loglik: value.loglik,
            iterations: iterations, converged: fitConverged, infiniteCoefficients: infinite, n: n, events: events,
            likelihoodRatio: lr, wald: wald, score: score, concordance: concordance, linearPredictors: lp,
            beta: beta, data: data)
    }
}
