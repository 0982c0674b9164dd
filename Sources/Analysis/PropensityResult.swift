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
}
