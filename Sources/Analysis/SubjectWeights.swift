import TrialCore

/// Propensity-score weights per subject of a subject-level dataset (ADSL), as `trialdata
/// balance` writes them: one row per input row with the score, the weight and whether the
/// subject is used.
///
/// Example:
/// ```swift
/// let w = try SubjectWeights(adsl: adsl, subject: "USUBJID", group: "TRT01P", reference: "Group II",
///                            covariates: specs, options: WeightOptions(stabilize: true))
/// w.dataset   // USUBJID, TRT01P, PS, WEIGHT, USEDFL
/// ```
public struct SubjectWeights: Sendable {
    /// The fitted model and balance.
    public let model: PropensityScoreModel
    /// Group coded 1 (treated).
    public let treatedGroup: String
    /// Reference (control) group, coded 0.
    public let controlGroup: String
    /// The summary shown by reports (coefficients, balance, weight range).
    public var result: PropensityResult { PropensityResult(model: model, treatedGroup: treatedGroup, controlGroup: controlGroup) }
    /// Output dataset `WEIGHTS`: subject, group, PS, WEIGHT (missing when not used), USEDFL (Y/N).
    public let dataset: Dataset

    /// Covariate entries for `names`: numeric columns enter as numbers unless listed in
    /// `factors`, character columns as factors. A name not in the dataset is an error.
    public static func covariates(in ds: Dataset, names: [String], factors: Set<String>) throws(AnalysisError) -> [AnalysisPlan.CovariateSpec] {
        try names.map { n throws(AnalysisError) in
            guard let c = ds.column(n) else { throw .missingVariable(dataset: ds.name, variable: n) }
            let factor = c.type == .character || factors.contains(n) || factors.contains(c.name)
            return AnalysisPlan.CovariateSpec(variable: c.name, type: factor ? .factor : .numeric)
        }
    }

    /// Fits the model of `group` (two levels) on `covariates`; `reference` defaults to the first
    /// level in byte order (R's factor reference).
    public init(adsl: Dataset, subject: String, group: String, reference: String?,
                covariates: [AnalysisPlan.CovariateSpec], options: WeightOptions) throws(AnalysisError) {
        let ids = try DatasetColumns.strings(adsl, subject)
        let g = try DatasetColumns.strings(adsl, group)
        let levels = Set(g.compactMap { $0 }).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard levels.count == 2 else { throw .notBinary(variable: group, levels: levels) }
        let control = reference ?? levels[0]
        guard let ci = levels.firstIndex(of: control) else {
            throw .badOption(name: "reference", value: control, expected: "one of \(levels.joined(separator: ", "))")
        }
        let treated = levels[1 - ci]
        let covs = try covariates.map { s throws(AnalysisError) in try DatasetColumns.covariate(adsl, s) }
        let model = try PropensityScoreModel(exposure: g.map { $0.map { $0 == treated } }, covariates: covs, options: options)
        var ps = [Double?](repeating: nil, count: adsl.rowCount)
        var w = ps
        var used = [String](repeating: "N", count: adsl.rowCount)
        for (k, r) in model.rows.enumerated() {
            ps[r] = model.scores[k]
            if model.weights.kept[k] { w[r] = model.weights.weights[k]; used[r] = "Y" }
        }
        self.model = model
        self.treatedGroup = treated
        self.controlGroup = control
        self.dataset = Dataset(name: "WEIGHTS", label: "Propensity score weights", columns: [
            Column.character(subject, label: "Unique Subject Identifier", ids.map { $0 ?? "" }),
            Column.character(group, label: "Group", g.map { $0 ?? "" }),
            Column.numeric("PS", label: "Propensity score P(\(treated))", ps),
            Column.numeric("WEIGHT", label: "\(options.estimand.rawValue.uppercased()) weight", w),
            Column.character("USEDFL", label: "Used in weighted analysis", length: 1, used),
        ], keys: [subject])
    }
}
