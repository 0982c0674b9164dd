import TrialCore

/// Everything that determines a simulated study: size, seed, calendar and the true models.
///
/// `SimulationConfig.crlm(subjects:seed:)` gives the CRLM-LOCAL study of STUDY.md; the same
/// config always generates the same study. Times are in days from inclusion (day 0 =
/// inclusion = study day 1).
public struct SimulationConfig: Sendable, Hashable, Codable {
    /// Number of subjects to enrol.
    public var subjects: Int
    /// Seed of all random streams.
    public var seed: UInt64
    /// Study id written to the exports.
    public var studyID: String
    /// First possible inclusion date.
    public var accrualStart: CalendarDate
    /// Length of the accrual period in days (inclusion dates are spread over it).
    public var accrualDays: Int
    /// Relative sizes of sites 01, 02, …
    public var siteWeights: [Double]
    /// Overall survival model.
    public var overallSurvival: WeibullPHModel
    /// Intrahepatic (liver) progression model.
    public var liverProgression: WeibullPHModel
    /// Extrahepatic progression model.
    public var extrahepaticProgression: WeibullPHModel
    /// Dependence between the three latent times.
    public var eventTimeCorrelation: EventTimeCorrelation
    /// Allocation by willingness.
    public var allocation: AllocationModel
    /// Hazard of leaving follow-up early (lost or withdrawn), per year.
    public var dropoutPerYear: Double
    /// Planned follow-up: administrative censoring at this many days (2 years).
    public var followUpDays: Int
    /// Size of the population simulated under both potential outcomes for the marginal HR.
    public var marginalPopulation: Int

    /// Creates a config from all its parts.
    public init(subjects: Int, seed: UInt64, studyID: String, accrualStart: CalendarDate, accrualDays: Int,
                siteWeights: [Double], overallSurvival: WeibullPHModel, liverProgression: WeibullPHModel,
                extrahepaticProgression: WeibullPHModel, eventTimeCorrelation: EventTimeCorrelation,
                allocation: AllocationModel, dropoutPerYear: Double, followUpDays: Int, marginalPopulation: Int) {
        self.subjects = subjects
        self.seed = seed
        self.studyID = studyID
        self.accrualStart = accrualStart
        self.accrualDays = accrualDays
        self.siteWeights = siteWeights
        self.overallSurvival = overallSurvival
        self.liverProgression = liverProgression
        self.extrahepaticProgression = extrahepaticProgression
        self.eventTimeCorrelation = eventTimeCorrelation
        self.allocation = allocation
        self.dropoutPerYear = dropoutPerYear
        self.followUpDays = followUpDays
        self.marginalPopulation = marginalPopulation
    }

    /// The CRLM-LOCAL study: 8 sites of unequal size, accrual from 2021-03-01 over 2 years,
    /// true OS log-HR of Group I −0.357 (HR 0.70) with ECOG, extrahepatic count, RAS and CEA
    /// prognostic, and fitter patients choosing Group I more often.
    public static func crlm(subjects: Int, seed: UInt64) -> SimulationConfig {
        SimulationConfig(
            subjects: subjects, seed: seed, studyID: "CRLM-LOCAL",
            accrualStart: CalendarDate(year: 2021, month: 3, day: 1)!, accrualDays: 730,
            siteWeights: [0.22, 0.18, 0.15, 0.12, 0.11, 0.09, 0.08, 0.05],
            overallSurvival: WeibullPHModel(
                shape: 1.25, scaleDays: 4200,
                coefficients: HazardCoefficients(groupI: -0.357, ecog: 0.40, extrahepaticCount: 0.30,
                                                 rasMutant: 0.35, logCEA: 0.20)),
            liverProgression: WeibullPHModel(
                shape: 1.10, scaleDays: 1500,
                coefficients: HazardCoefficients(groupI: -0.80, ecog: 0.15, extrahepaticCount: 0.10,
                                                 rasMutant: 0.30, logCEA: 0.20)),
            extrahepaticProgression: WeibullPHModel(
                shape: 1.10, scaleDays: 2600,
                coefficients: HazardCoefficients(groupI: -0.10, ecog: 0.15, extrahepaticCount: 0.35,
                                                 rasMutant: 0.25, logCEA: 0.15)),
            eventTimeCorrelation: EventTimeCorrelation(deathLiver: 0.6, deathExtrahepatic: 0.5, liverExtrahepatic: 0.4),
            allocation: AllocationModel(intercept: 0.95, ecog: -0.85, extrahepaticCount: -0.55, agePer10Years: -0.25,
                                        logLiverCount: -0.45, logCEA: -0.25, bilobar: -0.30),
            dropoutPerYear: 0.035, followUpDays: 730, marginalPopulation: 200_000)
    }
}
