/// The propensity-score analysis reported: model, weight options and summary, balance.
public struct PropensityResult: Sendable, Codable, Equatable {
    /// Group coded as treated (1) in the model.
    public var treatedGroup: String
    /// Group coded as control (0).
    public var controlGroup: String
    /// Weight options.
    public var options: WeightOptions
    /// The logistic model's coefficients.
    public var coefficients: [LogisticFit.Coefficient]
    /// Whether the logistic fit converged.
    public var converged: Bool
    /// Whether separation was detected (some score numerically 0 or 1).
    public var separation: Bool
    /// Subjects with complete covariates used.
    public var n: Int
    /// Subjects excluded by trimming.
    public var trimmed: Int
    /// Minimum, median and maximum weight over kept subjects.
    public var weightRange: [Double]
    /// Balance before and after weighting.
    public var balance: BalanceTable
    /// Propensity score quantiles (min, Q1, median, Q3, max) per group (control, treated), for
    /// the overlap display.
    public var scoreSummary: [[Double]]

    /// Summarises a fitted model (`treated` = the group coded 1).
    public init(model: PropensityScoreModel, treatedGroup: String, controlGroup: String) {
        let kept = model.weights.weights.indices.filter { model.weights.kept[$0] }.map { model.weights.weights[$0] }
        self.treatedGroup = treatedGroup
        self.controlGroup = controlGroup
        self.options = model.weights.options
        self.coefficients = model.fit.coefficients
        self.converged = model.fit.converged
        self.separation = model.fit.separation
        self.n = model.rows.count
        self.trimmed = model.weights.kept.filter { !$0 }.count
        self.weightRange = [kept.min() ?? 0, PropensityWeights.quantile(kept, 0.5), kept.max() ?? 0]
        self.balance = model.balance
        self.scoreSummary = [false, true].map { t -> [Double] in
            let s = model.scores.indices.filter { model.treated[$0] == t }.map { model.scores[$0] }
            return [0, 0.25, 0.5, 0.75, 1].map { PropensityWeights.quantile(s, $0) }
        }
    }
}
