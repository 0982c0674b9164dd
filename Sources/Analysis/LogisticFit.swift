/// A fitted logistic regression (R's `glm(family = binomial)` and its `summary()`).
///
/// Coefficients are on the log-odds scale; `stdErr` from the inverse Fisher information of the
/// final IRLS step (dispersion 1); `p` two-sided Wald.
public struct LogisticFit: Sendable, Codable, Equatable {
    /// One coefficient row of `summary(glm)`.
    public struct Coefficient: Sendable, Codable, Equatable {
        /// `(Intercept)`, `VAR` or `VAR=LEVEL`.
        public let name: String
        /// β, log-odds scale.
        public let estimate: Double
        /// Model-based standard error.
        public let stdErr: Double
        /// β / SE.
        public let z: Double
        /// Two-sided p = 2·P(Z > |z|).
        public let p: Double
    }

    /// Coefficients, intercept first.
    public let coefficients: [Coefficient]
    /// Fitted probabilities μ̂ᵢ, one per analysed row.
    public let fitted: [Double]
    /// Residual deviance −2 log L.
    public let deviance: Double
    /// Deviance of the intercept-only model.
    public let nullDeviance: Double
    /// AIC = deviance + 2·(number of coefficients) for 0/1 responses.
    public let aic: Double
    /// IRLS iterations performed.
    public let iterations: Int
    /// True when the relative deviance change fell below the tolerance within the iteration limit.
    public let converged: Bool
    /// True when some fitted probability is numerically 0 or 1 (within 10·ε), R's warning
    /// "fitted probabilities numerically 0 or 1 occurred": (quasi-)complete separation.
    public let separation: Bool

    /// The coefficient called `name`, or nil.
    public func coefficient(_ name: String) -> Coefficient? { coefficients.first { $0.name == name } }
}
