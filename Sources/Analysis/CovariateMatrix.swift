/// Covariates expanded into numeric columns on the complete cases (R's `na.omit`).
///
/// `modelColumns` use treatment contrasts (one indicator per non-reference level, reference =
/// first level in R's order), as in `model.matrix`; `balanceColumns` keep every level, as a
/// balance table reports them.
/// Example: `let m = try CovariateMatrix(covariates: [age, sex], alsoRequire: [exposureMissing])`.
public struct CovariateMatrix: Sendable {
    /// Indices (into the covariates' rows) of the complete rows, ascending.
    public let rows: [Int]
    /// Columns of the model matrix without intercept.
    public let modelColumns: [DesignColumn]
    /// Numeric covariates and one indicator per level of each factor.
    public let balanceColumns: [DesignColumn]
    /// For each covariate, the levels in R's order (empty for numeric covariates).
    public let levels: [String: [String]]

    /// Expands `covariates` on the rows where none is missing and `include(row)` holds.
    public init(covariates: [Covariate], rowCount n: Int,
                include: (Int) -> Bool = { _ in true }) throws(AnalysisError) {
        for c in covariates where c.count != n {
            throw .lengthMismatch(argument: c.name, expected: n, actual: c.count)
        }
        let rows = (0..<n).filter { i in include(i) && !covariates.contains { $0.isMissing(i) } }
        var model: [DesignColumn] = []
        var balance: [DesignColumn] = []
        var levels: [String: [String]] = [:]
        for c in covariates {
            switch c {
            case let .numeric(name, v):
                let col = DesignColumn(name: name, term: name, level: nil, values: rows.map { v[$0]! })
                model.append(col)
                balance.append(col)
            case .factor, .numericFactor:
                let lv = c.levels(rows: rows)
                levels[c.name] = lv
                let labels = rows.map { c.label($0)! }
                for (k, level) in lv.enumerated() {
                    let col = DesignColumn(name: "\(c.name)=\(level)", term: c.name, level: level,
                                           values: labels.map { $0 == level ? 1 : 0 })
                    if k > 0 { model.append(col) }
                    balance.append(col)
                }
            }
        }
        self.rows = rows
        self.modelColumns = model
        self.balanceColumns = balance
        self.levels = levels
    }
}
