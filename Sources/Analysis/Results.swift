/// Everything the analysis computed for one study, serialised as `results.json` and rendered
/// by `Reports`. Every number in it comes from a computation on the ADaM datasets.
///
/// Times are in the plan's `timeUnit` (days); survival probabilities in [0, 1]; percentages in
/// [0, 100]. Undefined statistics (e.g. a median not reached) are `nil` (JSON `null`).
public struct Results: Sendable, Codable, Equatable {
    /// Study identifier.
    public var study: String
    /// Report title.
    public var title: String
    /// The options the numbers were computed with (for the methods paragraph).
    public var methods: MethodsInfo
    /// Groups in display order with their sizes (ADSL).
    public var groups: [GroupCount]
    /// One entry per time-to-event endpoint.
    public var endpoints: [EndpointResult]
    /// Univariable and multivariable risk-factor analysis, if planned.
    public var riskFactors: RiskFactorTable?
    /// Propensity model, weights and balance, if planned.
    public var propensity: PropensityResult?
    /// Baseline characteristics by group with SMDs.
    public var baseline: BaselineTable
    /// Adverse event summaries, if ADAE was analysed.
    public var adverseEvents: AdverseEventSummary?
    /// QLQ-C30 summaries, if ADQS was analysed.
    public var qualityOfLife: QualityOfLifeSummary?
    /// Validation and reconciliation of the run that produced the datasets (set by Pipeline).
    public var run: RunSummary?

    /// Creates a results document.
    public init(study: String, title: String, methods: MethodsInfo, groups: [GroupCount],
                endpoints: [EndpointResult], riskFactors: RiskFactorTable?, propensity: PropensityResult?,
                baseline: BaselineTable, adverseEvents: AdverseEventSummary?,
                qualityOfLife: QualityOfLifeSummary?, run: RunSummary? = nil) {
        self.study = study
        self.title = title
        self.methods = methods
        self.groups = groups
        self.endpoints = endpoints
        self.riskFactors = riskFactors
        self.propensity = propensity
        self.baseline = baseline
        self.adverseEvents = adverseEvents
        self.qualityOfLife = qualityOfLife
        self.run = run
    }
}

/// A group and its number of subjects in ADSL.
public struct GroupCount: Sendable, Codable, Equatable {
    /// Group label (value of the group variable).
    public var name: String
    /// Subjects.
    public var n: Int
}

/// The options used, named after the statistics, for the methods paragraph.
public struct MethodsInfo: Sendable, Codable, Equatable {
    /// Group variable, e.g. TRT01P.
    public var groupVariable: String
    /// Reference (comparator) group of the hazard ratios.
    public var referenceGroup: String
    /// Cox tie handling (`efron`, `breslow`, `exact`).
    public var ties: String
    /// KM interval scale (`log`, `log-log`, `plain`).
    public var confType: String
    /// Confidence level, e.g. 0.95.
    public var confLevel: Double
    /// Unit of the times.
    public var timeUnit: String
    /// Days per month used on the plot axes.
    public var daysPerMonth: Double
    /// Landmark times of the survival rates.
    public var timePoints: [Double]
    /// Times of the number-at-risk table.
    public var atRiskTimes: [Double]
    /// Covariates of the adjusted hazard ratio.
    public var adjustedFor: [String]
    /// TrialData version that computed the results.
    public var softwareVersion: String
}
