/// The analyses of one time-to-event endpoint: KM per group, log-rank, group hazard ratios,
/// subgroup hazard ratios.
public struct EndpointResult: Sendable, Codable, Equatable {
    /// ADTTE PARAMCD.
    public var paramcd: String
    /// Display label.
    public var label: String
    /// Kaplan-Meier summary per group, in display order.
    public var km: [KaplanMeierSummary]
    /// Log-rank test across groups (R `survdiff`, ρ = 0).
    public var logRank: TestResult
    /// Hazard ratios for the group: unadjusted, adjusted, IPTW (those that were computed).
    public var hazardRatios: [HazardRatioEstimate]
    /// Propensity-weighted KM per group (IPTW), if planned.
    public var weightedKM: [KaplanMeierSummary]?
    /// Unadjusted hazard ratio within each subgroup level.
    public var subgroups: [SubgroupEstimate]
}

/// A test statistic with df and p.
public struct TestResult: Sendable, Codable, Equatable {
    /// Test name, e.g. `log-rank`.
    public var name: String
    /// χ² statistic.
    public var chiSquare: Double
    /// Degrees of freedom.
    public var df: Int
    /// p-value.
    public var p: Double
}

/// One hazard-ratio estimate for the group effect.
///
/// HR = hazard in `comparison` / hazard in `reference`; CI exp(β ± z·SE); with `robust` the SE
/// is the sandwich SE (R `coxph(robust = TRUE)`).
public struct HazardRatioEstimate: Sendable, Codable, Equatable {
    /// `unadjusted`, `adjusted` or `iptw`.
    public var method: String
    /// Human description, e.g. `adjusted for AGE, ECOG`.
    public var description: String
    /// Group in the numerator.
    public var comparison: String
    /// Reference group.
    public var reference: String
    /// Subjects used.
    public var n: Int
    /// Events among them.
    public var events: Int
    /// β, log hazard ratio.
    public var logHR: Double?
    /// Standard error of β (robust when `robust`).
    public var stdErr: Double?
    /// exp(β).
    public var hr: Double?
    /// Lower confidence limit.
    public var lower: Double?
    /// Upper confidence limit.
    public var upper: Double?
    /// Wald p-value.
    public var p: Double?
    /// Whether the SE is the robust sandwich SE.
    public var robust: Bool
    /// False when the Cox fit did not converge (then the numbers are not estimates).
    public var converged: Bool
}

/// Unadjusted group hazard ratio within one level of a subgroup variable.
public struct SubgroupEstimate: Sendable, Codable, Equatable {
    /// Subgroup variable.
    public var variable: String
    /// Display label of the variable.
    public var label: String
    /// The level.
    public var level: String
    /// Subjects per group in this level (display order).
    public var n: [Int]
    /// Events per group.
    public var events: [Int]
    /// The estimate (nil numbers when a group has no events).
    public var estimate: HazardRatioEstimate?
}
