/// How propensity scores become weights: estimand, stabilisation, trimming, truncation.
///
/// Order of operations: trim (drop subjects with e outside [trim, 1 − trim]), compute the
/// estimand's weights, stabilise (ATE only: multiply by the marginal probability of the group
/// received among kept subjects, P(A = 1) or P(A = 0)), truncate (cap the weights at their
/// `truncate` and 1 − `truncate` quantiles, R's `quantile(type = 7)`).
public struct WeightOptions: Sendable, Codable, Equatable {
    /// The target population.
    public var estimand: Estimand
    /// Stabilised weights (ATE only).
    public var stabilize: Bool
    /// Trimming bound a ∈ [0, 0.5): subjects with e < a or e > 1 − a are excluded; nil = none.
    public var trim: Double?
    /// Truncation quantile q ∈ (0, 0.5): weights below the q-quantile or above the
    /// (1 − q)-quantile are set to those quantiles; nil = none.
    public var truncate: Double?

    /// Creates options; defaults are unstabilised ATE weights without trimming or truncation.
    public init(estimand: Estimand = .ate, stabilize: Bool = false, trim: Double? = nil,
                truncate: Double? = nil) {
        self.estimand = estimand
        self.stabilize = stabilize
        self.trim = trim
        self.truncate = truncate
    }

    /// Checks ranges; throws `badOption` naming the option.
    public func validate() throws(AnalysisError) {
        if stabilize && estimand != .ate {
            throw .badOption(name: "stabilize", value: estimand.rawValue, expected: "the ATE estimand")
        }
        if let trim, !(trim >= 0 && trim < 0.5) {
            throw .badOption(name: "trim", value: "\(trim)", expected: "a number in [0, 0.5)")
        }
        if let truncate, !(truncate > 0 && truncate < 0.5) {
            throw .badOption(name: "truncate", value: "\(truncate)", expected: "a number in (0, 0.5)")
        }
    }
}
