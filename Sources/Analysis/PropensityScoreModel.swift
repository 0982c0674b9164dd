/// A propensity-score analysis for a binary exposure: the logistic model of exposure on
/// covariates, the score per subject, the weights and the balance they achieve.
///
/// Rows with any covariate or the exposure missing are dropped first (R's `na.omit`); `rows`
/// lists the kept input rows and every array of the result is aligned with it.
/// Example:
/// ```swift
/// let ps = try PropensityScoreModel(exposure: a, covariates: [age, sex], options: .init(stabilize: true))
/// ps.weights.weights   // one per ps.rows
/// ```
public struct PropensityScoreModel: Sendable {
    /// Input rows used (complete cases), ascending.
    public let rows: [Int]
    /// Exposure per used row (true = treated).
    public let treated: [Bool]
    /// The fitted logistic model.
    public let fit: LogisticFit
    /// Propensity score e = P(treated | X) per used row.
    public let scores: [Double]
    /// Weights per used row.
    public let weights: PropensityWeights
    /// Balance before and after weighting (over the kept rows).
    public let balance: BalanceTable
    /// The expanded covariates.
    public let matrix: CovariateMatrix

    /// Fits the model and derives weights and balance; `exposure[i] == nil` is missing.
    public init(exposure: [Bool?], covariates: [Covariate], options: WeightOptions = WeightOptions())
        throws(AnalysisError) {
        try options.validate()
        let m = try CovariateMatrix(covariates: covariates, rowCount: exposure.count) { exposure[$0] != nil }
        let a = m.rows.map { exposure[$0]! }
        if !a.contains(true) || !a.contains(false) {
            throw .notBinary(variable: "exposure", levels: Array(Set(a.map { $0 ? "treated" : "control" })).sorted())
        }
        let fit = try LogisticRegression.fit(response: a.map { $0 ? 1 : 0 }, columns: m.modelColumns)
        // Scores exactly 0 or 1 cannot be weighted; they only arise with separation.
        let e = fit.fitted
        let w = try PropensityWeights(scores: e, treated: a, options: options)
        let keep = (0..<a.count).filter { w.kept[$0] }
        let cols = m.balanceColumns.map { c in
            DesignColumn(name: c.name, term: c.term, level: c.level, values: keep.map { c.values[$0] })
        }
        self.balance = try BalanceTable(columns: cols, treated: keep.map { a[$0] }, weights: keep.map { w.weights[$0] })
        self.rows = m.rows
        self.treated = a
        self.fit = fit
        self.scores = e
        self.weights = w
        self.matrix = m
    }
}
