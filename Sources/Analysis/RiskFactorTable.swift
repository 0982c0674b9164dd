/// The classic "univariable and multivariable Cox analysis" table for one endpoint, with the
/// proportional-hazards check (R `cox.zph`, transform km) of the multivariable model.
public struct RiskFactorTable: Sendable, Codable, Equatable {
    /// One coefficient row: a numeric covariate or a non-reference factor level.
    public struct Row: Sendable, Codable, Equatable {
        /// Covariate variable.
        public var variable: String
        /// Display label of the covariate.
        public var label: String
        /// Level vs the reference level (factors), nil for numeric covariates.
        public var level: String?
        /// Reference level (factors).
        public var reference: String?
        /// exp(β).
        public var hr: Double?
        /// Lower CI limit.
        public var lower: Double?
        /// Upper CI limit.
        public var upper: Double?
        /// Wald p of the coefficient.
        public var p: Double?
    }

    /// Univariable model of one candidate.
    public struct Univariable: Sendable, Codable, Equatable {
        /// Covariate variable.
        public var variable: String
        /// Display label.
        public var label: String
        /// Complete rows used.
        public var n: Int
        /// Events among them.
        public var events: Int
        /// Coefficient rows.
        public var rows: [Row]
        /// Likelihood-ratio test of the term (all its levels jointly); decides entry.
        public var termTest: TestResult
        /// Whether the term enters the multivariable model (p < threshold).
        public var selected: Bool
    }

    /// Endpoint PARAMCD.
    public var endpoint: String
    /// Entry threshold on the univariable p.
    public var threshold: Double
    /// Univariable models, in plan order.
    public var univariable: [Univariable]
    /// Variables in the multivariable model.
    public var multivariableTerms: [String]
    /// Multivariable coefficient rows (empty when no term qualified).
    public var multivariable: [Row]
    /// Rows and events of the multivariable model.
    public var multivariableN: Int
    /// Events of the multivariable model.
    public var multivariableEvents: Int
    /// Whether the multivariable fit converged.
    public var multivariableConverged: Bool
    /// cox.zph per term of the multivariable model.
    public var proportionalHazards: [TestResult]
    /// cox.zph global test.
    public var proportionalHazardsGlobal: TestResult?
}
