/// What `truth.json` holds: the models the study was simulated from, the true marginal effect
/// of the group, a summary of the sample, and every subject's true times.
///
/// Times are days from inclusion (inclusion = day 0 = study day 1). Hazard ratios compare
/// Group I with Group II.
public struct Truth: Sendable, Hashable, Codable {
    /// Study id.
    public var studyID: String
    /// Seed of the simulation.
    public var seed: UInt64
    /// Number of subjects.
    public var subjectCount: Int
    /// Tool that wrote the file.
    public var generator: String
    /// Unit and origin of every time in the file.
    public var timeUnit: String
    /// Overall survival model (Weibull PH, true coefficients).
    public var overallSurvival: WeibullPHModel
    /// Intrahepatic progression model.
    public var liverProgression: WeibullPHModel
    /// Extrahepatic progression model.
    public var extrahepaticProgression: WeibullPHModel
    /// Gaussian-copula correlations of the latent times.
    public var eventTimeCorrelation: EventTimeCorrelation
    /// Allocation-by-willingness model.
    public var allocation: AllocationModel
    /// Hazard of dropout per year.
    public var dropoutPerYear: Double
    /// Administrative censoring (planned follow-up), days.
    public var administrativeCensoringDays: Int
    /// True marginal effect of the group from potential outcomes.
    public var marginal: MarginalEffect
    /// What the sample shows.
    public var sample: SampleSummary
    /// One entry per subject, in subject-id order.
    public var subjects: [SubjectTruth]

    /// Creates a truth record.
    public init(studyID: String, seed: UInt64, subjectCount: Int, generator: String, timeUnit: String,
                overallSurvival: WeibullPHModel, liverProgression: WeibullPHModel,
                extrahepaticProgression: WeibullPHModel, eventTimeCorrelation: EventTimeCorrelation,
                allocation: AllocationModel, dropoutPerYear: Double, administrativeCensoringDays: Int,
                marginal: MarginalEffect, sample: SampleSummary, subjects: [SubjectTruth]) {
        self.studyID = studyID
        self.seed = seed
        self.subjectCount = subjectCount
        self.generator = generator
        self.timeUnit = timeUnit
        self.overallSurvival = overallSurvival
        self.liverProgression = liverProgression
        self.extrahepaticProgression = extrahepaticProgression
        self.eventTimeCorrelation = eventTimeCorrelation
        self.allocation = allocation
        self.dropoutPerYear = dropoutPerYear
        self.administrativeCensoringDays = administrativeCensoringDays
        self.marginal = marginal
        self.sample = sample
        self.subjects = subjects
    }
}

/// The true marginal (population-average) effect of Group I vs Group II.
///
/// Every member of a large population drawn from the study's covariate distribution gets both
/// potential outcomes (same latent uniform, group set to I and to II); a Cox model with the
/// group alone is fitted to the 2·N stacked records, administratively censored at 2 years and
/// with no other censoring. This is the HR a perfectly adjusted (e.g. IPTW) marginal analysis
/// targets; it is closer to 1 than exp(β_group), the conditional HR, because the HR is
/// non-collapsible.
public struct MarginalEffect: Sendable, Hashable, Codable {
    /// Population size N.
    public var population: Int
    /// How it was obtained.
    public var method: String
    /// Conditional OS HR exp(β_group) of the data-generating model.
    public var conditionalOSHazardRatio: Double
    /// Marginal OS HR.
    public var osHazardRatio: Double
    /// log of `osHazardRatio`.
    public var osLogHazardRatio: Double
    /// Marginal HR of liver PFS (liver progression or death).
    public var liverPFSHazardRatio: Double
    /// Marginal 2-year OS probability had everyone been in Group I.
    public var osSurvival2YearsGroupI: Double
    /// Marginal 2-year OS probability had everyone been in Group II.
    public var osSurvival2YearsGroupII: Double

    /// Creates a marginal-effect record.
    public init(population: Int, method: String, conditionalOSHazardRatio: Double, osHazardRatio: Double,
                osLogHazardRatio: Double, liverPFSHazardRatio: Double, osSurvival2YearsGroupI: Double,
                osSurvival2YearsGroupII: Double) {
        self.population = population
        self.method = method
        self.conditionalOSHazardRatio = conditionalOSHazardRatio
        self.osHazardRatio = osHazardRatio
        self.osLogHazardRatio = osLogHazardRatio
        self.liverPFSHazardRatio = liverPFSHazardRatio
        self.osSurvival2YearsGroupI = osSurvival2YearsGroupI
        self.osSurvival2YearsGroupII = osSurvival2YearsGroupII
    }
}

/// Counts and the naive (unadjusted) hazard ratio of the simulated sample.
public struct SampleSummary: Sendable, Hashable, Codable {
    /// Subjects in Group I.
    public var groupI: Int
    /// Subjects in Group II.
    public var groupII: Int
    /// Observed deaths.
    public var deaths: Int
    /// Observed deaths in Group I.
    public var deathsGroupI: Int
    /// Observed deaths in Group II.
    public var deathsGroupII: Int
    /// Withdrawn or lost to follow-up.
    public var withdrawn: Int
    /// Observed liver-PFS events (liver progression or death).
    public var liverPFSEvents: Int
    /// Naive OS HR: Cox with the group alone on the observed OS (Breslow ties).
    public var naiveOSHazardRatio: Double
    /// Its standard error on the log scale.
    public var naiveOSLogHazardRatioSE: Double
    /// Naive liver-PFS HR.
    public var naiveLiverPFSHazardRatio: Double

    /// Creates a summary.
    public init(groupI: Int, groupII: Int, deaths: Int, deathsGroupI: Int, deathsGroupII: Int, withdrawn: Int,
                liverPFSEvents: Int, naiveOSHazardRatio: Double, naiveOSLogHazardRatioSE: Double,
                naiveLiverPFSHazardRatio: Double) {
        self.groupI = groupI
        self.groupII = groupII
        self.deaths = deaths
        self.deathsGroupI = deathsGroupI
        self.deathsGroupII = deathsGroupII
        self.withdrawn = withdrawn
        self.liverPFSEvents = liverPFSEvents
        self.naiveOSHazardRatio = naiveOSHazardRatio
        self.naiveOSLogHazardRatioSE = naiveOSLogHazardRatioSE
        self.naiveLiverPFSHazardRatio = naiveLiverPFSHazardRatio
    }
}
