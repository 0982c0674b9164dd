/// Kaplan-Meier summary of one group: counts, median with CI, landmark rates, number at risk,
/// and the step curve for plotting (R `survfit`, conventions of SURVIVAL-NOTES.md).
public struct KaplanMeierSummary: Sendable, Codable, Equatable {
    /// One row of the KM table at a distinct time.
    public struct Step: Sendable, Codable, Equatable {
        /// Time.
        public var time: Double
        /// Number at risk (sum of weights when weighted).
        public var nRisk: Double
        /// Events at the time.
        public var nEvent: Double
        /// Censorings at the time.
        public var nCensor: Double
        /// S(t).
        public var survival: Double
        /// Lower pointwise limit.
        public var lower: Double?
        /// Upper pointwise limit.
        public var upper: Double?
    }

    /// Survival at a landmark time.
    public struct Rate: Sendable, Codable, Equatable {
        /// Landmark time.
        public var time: Double
        /// S(time).
        public var survival: Double
        /// Lower limit.
        public var lower: Double?
        /// Upper limit.
        public var upper: Double?
        /// Number at risk at the time.
        public var nRisk: Double
    }

    /// Group label.
    public var group: String
    /// Subjects.
    public var n: Int
    /// Events (sum of weights when weighted).
    public var events: Double
    /// Median survival time (nil = not reached).
    public var median: Double?
    /// Lower limit of the median's CI (nil = not estimable).
    public var medianLower: Double?
    /// Upper limit of the median's CI (nil = not reached).
    public var medianUpper: Double?
    /// Survival at the plan's landmark times.
    public var rates: [Rate]
    /// Number at risk at the plan's at-risk times.
    public var atRisk: [Double]
    /// The curve.
    public var steps: [Step]
}
