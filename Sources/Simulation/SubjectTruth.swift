/// The truth about one simulated subject: covariates as generated, allocation probability,
/// latent event times and what the exports let an analysis observe.
///
/// Days are counted from inclusion (inclusion = day 0 = study day 1); latent times are
/// continuous, observed ones are whole days. A latent time may lie beyond death or the end of
/// follow-up (then it is never observed).
public struct SubjectTruth: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Site id.
    public var siteID: String
    /// `GROUP I` or `GROUP II`.
    public var group: String
    /// P(Group I) under the allocation model.
    public var probabilityGroupI: Double
    /// Age at inclusion, years.
    public var age: Double
    /// ECOG 0–2.
    public var ecog: Int
    /// Number of extrahepatic sites (1–3).
    public var extrahepaticCount: Int
    /// True RAS status (also when the export says UNKNOWN).
    public var rasMutant: Bool
    /// True CEA, ng/mL (also when the export says not done).
    public var cea: Double
    /// OS linear predictor η under the received group.
    public var osLinearPredictor: Double
    /// Latent death time, days.
    public var deathDay: Double
    /// Latent death time had the subject been in Group I (potential outcome).
    public var deathDayIfGroupI: Double
    /// Latent death time had the subject been in Group II (potential outcome).
    public var deathDayIfGroupII: Double
    /// Latent intrahepatic progression time, days (not observed when after death).
    public var liverProgressionDay: Double
    /// Latent extrahepatic progression time, days.
    public var extrahepaticProgressionDay: Double
    /// Latent time of leaving follow-up early (loss or withdrawal), days.
    public var dropoutDay: Double
    /// Day of the month-24 visit: administrative end of follow-up.
    public var followUpEndDay: Int
    /// Observed OS: days to death or to the last date known alive.
    public var osDays: Int
    /// 1 = death observed, 0 = censored.
    public var osEvent: Int
    /// Observed liver PFS: days to the first assessment with intrahepatic PD, or death, or the
    /// last liver assessment (censored).
    public var liverPFSDays: Int
    /// 1 = liver progression or death observed, 0 = censored.
    public var liverPFSEvent: Int
    /// Day of the assessment that first showed intrahepatic PD, if any.
    public var liverProgressionAssessmentDay: Int?

    /// Creates a record.
    public init(subjectID: String, siteID: String, group: String, probabilityGroupI: Double, age: Double, ecog: Int,
                extrahepaticCount: Int, rasMutant: Bool, cea: Double, osLinearPredictor: Double, deathDay: Double,
                deathDayIfGroupI: Double, deathDayIfGroupII: Double, liverProgressionDay: Double,
                extrahepaticProgressionDay: Double, dropoutDay: Double, followUpEndDay: Int, osDays: Int,
                osEvent: Int, liverPFSDays: Int, liverPFSEvent: Int, liverProgressionAssessmentDay: Int?) {
        self.subjectID = subjectID
        self.siteID = siteID
        self.group = group
        self.probabilityGroupI = probabilityGroupI
        self.age = age
        self.ecog = ecog
        self.extrahepaticCount = extrahepaticCount
        self.rasMutant = rasMutant
        self.cea = cea
        self.osLinearPredictor = osLinearPredictor
        self.deathDay = deathDay
        self.deathDayIfGroupI = deathDayIfGroupI
        self.deathDayIfGroupII = deathDayIfGroupII
        self.liverProgressionDay = liverProgressionDay
        self.extrahepaticProgressionDay = extrahepaticProgressionDay
        self.dropoutDay = dropoutDay
        self.followUpEndDay = followUpEndDay
        self.osDays = osDays
        self.osEvent = osEvent
        self.liverPFSDays = liverPFSDays
        self.liverPFSEvent = liverPFSEvent
        self.liverProgressionAssessmentDay = liverProgressionAssessmentDay
    }
}
