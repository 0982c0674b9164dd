/// The model entities a study export feeds, in binding order.
///
/// `subjects` come from the demography form, `baseline` from the baseline-disease form and is
/// merged into `Subject.baseline`; every other entity is one `StudyData` array.
public enum EntityKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Demography and enrolment (`Subject` without its baseline disease).
    case subjects
    /// Baseline disease (`BaselineDisease`, merged into its subject).
    case baseline
    /// Local liver treatments (`Procedure`).
    case procedures
    /// Systemic therapy lines (`SystemicTherapy`).
    case systemicTherapies
    /// Lesion measurements (`LesionMeasurement`).
    case lesions
    /// Investigator responses (`ResponseAssessment`).
    case responses
    /// Adverse events (`AdverseEvent`).
    case adverseEvents
    /// QLQ-C30 questionnaires (`QLQC30Response`).
    case questionnaires
    /// End-of-study dispositions (`Disposition`).
    case dispositions
    /// Visits done or not done (`VisitRecord`).
    case visits

    /// Orders entities in declaration (binding) order.
    public static func < (a: EntityKind, b: EntityKind) -> Bool {
        a.ordinal < b.ordinal
    }

    /// The model fields a mapping may fill for this entity, with whether each is required.
    ///
    /// Field names are the Swift property names of the model type (`inclusionDate`, `ecog`).
    public var modelFields: [(name: String, required: Bool)] {
        switch self {
        case .subjects:
            return [("subjectID", true), ("siteID", true), ("birthDate", false), ("sex", true), ("race", true),
                    ("ethnicity", true), ("country", true), ("consentDate", false), ("inclusionDate", false),
                    ("group", true), ("ecog", false)]
        case .baseline:
            return [("subjectID", true), ("primarySite", true), ("primaryResected", false),
                    ("liverMetastasisTiming", true), ("ras", true), ("braf", true), ("msi", true),
                    ("ceaNgPerML", false), ("liverMetastasisCount", false), ("largestLiverMetastasisMM", false),
                    ("bilobar", false), ("extrahepaticSites", true)]
        case .procedures:
            return [("subjectID", true), ("number", true), ("type", true), ("date", false), ("intent", true),
                    ("margin", true)]
        case .systemicTherapies:
            return [("subjectID", true), ("line", true), ("regimen", true), ("targetedAgent", true),
                    ("startDate", false), ("endDate", false), ("cycles", false)]
        case .lesions:
            return [("subjectID", true), ("visit", true), ("date", false), ("method", true), ("lesionID", true),
                    ("organ", true), ("liverSegment", false), ("category", true), ("diameterMM", false)]
        case .responses:
            return [("subjectID", true), ("visit", true), ("date", false), ("intrahepatic", true),
                    ("extrahepatic", true), ("overall", true)]
        case .adverseEvents:
            return [("subjectID", true), ("number", true), ("verbatimTerm", true), ("grade", false),
                    ("serious", false), ("seriousnessCriteria", false), ("relationToLocalTreatment", true),
                    ("relationToSystemicTherapy", true), ("startDate", false), ("endDate", false),
                    ("outcome", true), ("actionTaken", false)]
        case .questionnaires:
            return [("subjectID", true), ("visit", true), ("date", false), ("done", true),
                    ("reasonNotDone", false), ("items", true)]
        case .dispositions:
            return [("subjectID", true), ("status", true), ("date", false), ("deathDate", false),
                    ("deathCause", false), ("lastKnownAliveDate", false), ("withdrawalReason", false)]
        case .visits:
            return [("subjectID", true), ("visit", true), ("date", false), ("done", true),
                    ("reasonNotDone", false)]
        }
    }
}

extension EntityKind {
    /// Position in `allCases` (0 for `subjects` … 9 for `visits`), for per-entity arrays.
    var ordinal: Int {
        switch self {
        case .subjects: return 0
        case .baseline: return 1
        case .procedures: return 2
        case .systemicTherapies: return 3
        case .lesions: return 4
        case .responses: return 5
        case .adverseEvents: return 6
        case .questionnaires: return 7
        case .dispositions: return 8
        case .visits: return 9
        }
    }
}
