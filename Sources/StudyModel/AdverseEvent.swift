import TrialCore

/// One adverse event as reported by the site.
public struct AdverseEvent: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Sponsor's AE number within the subject (form repeat key / AE line number).
    public var number: Int
    /// Verbatim term as the investigator wrote it (may contain typos).
    public var verbatimTerm: String
    /// CTCAE grade 1–5.
    public var grade: Int?
    /// Serious adverse event.
    public var serious: Bool?
    /// Seriousness criteria ticked (for serious events).
    public var seriousnessCriteria: [SeriousnessCriterion]
    /// Relationship to the radical local treatment (hepatectomy/ablation).
    public var relationToLocalTreatment: Causality
    /// Relationship to systemic therapy.
    public var relationToSystemicTherapy: Causality
    /// Start date.
    public var startDate: PartialDateTime?
    /// End date (`nil` while ongoing).
    public var endDate: PartialDateTime?
    /// Outcome.
    public var outcome: AEOutcome
    /// Action taken with systemic therapy.
    public var actionTaken: ActionTaken
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates an adverse event.
    public init(subjectID: String, number: Int, verbatimTerm: String, grade: Int?, serious: Bool?,
                seriousnessCriteria: [SeriousnessCriterion] = [], relationToLocalTreatment: Causality,
                relationToSystemicTherapy: Causality, startDate: PartialDateTime?, endDate: PartialDateTime?,
                outcome: AEOutcome, actionTaken: ActionTaken = .notApplicable, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.number = number
        self.verbatimTerm = verbatimTerm
        self.grade = grade
        self.serious = serious
        self.seriousnessCriteria = seriousnessCriteria
        self.relationToLocalTreatment = relationToLocalTreatment
        self.relationToSystemicTherapy = relationToSystemicTherapy
        self.startDate = startDate
        self.endDate = endDate
        self.outcome = outcome
        self.actionTaken = actionTaken
        self.provenance = provenance
    }
}

/// Why an AE is serious (SDTM AESDTH, AESLIFE, AESHOSP, AESDISAB, AESCONG, AESMIE).
public enum SeriousnessCriterion: String, Sendable, Hashable, Codable, CaseIterable {
    /// Results in death (AESDTH).
    case death = "AESDTH"
    /// Life-threatening (AESLIFE).
    case lifeThreatening = "AESLIFE"
    /// Requires or prolongs hospitalization (AESHOSP).
    case hospitalization = "AESHOSP"
    /// Persistent or significant disability (AESDISAB).
    case disability = "AESDISAB"
    /// Congenital anomaly (AESCONG).
    case congenitalAnomaly = "AESCONG"
    /// Other medically important event (AESMIE).
    case medicallyImportant = "AESMIE"
}

/// Investigator's causality assessment.
public enum Causality: String, Sendable, Hashable, Codable, CaseIterable {
    /// Related (definitely, probably or possibly).
    case related = "RELATED"
    /// Not related (unlikely or unrelated).
    case notRelated = "NOT RELATED"
    /// The treatment was not given (e.g. local treatment in Group II).
    case notApplicable = "NOT APPLICABLE"
    /// Not assessed.
    case unknown = "UNKNOWN"
}

/// Outcome of an AE (CDISC CT OUT).
public enum AEOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recovered/resolved.
    case recovered = "RECOVERED/RESOLVED"
    /// Recovering/resolving.
    case recovering = "RECOVERING/RESOLVING"
    /// Not recovered/not resolved.
    case notRecovered = "NOT RECOVERED/NOT RESOLVED"
    /// Recovered/resolved with sequelae.
    case recoveredWithSequelae = "RECOVERED/RESOLVED WITH SEQUELAE"
    /// Fatal.
    case fatal = "FATAL"
    /// Unknown.
    case unknown = "UNKNOWN"
}

/// Action taken with study treatment (CDISC CT ACN).
public enum ActionTaken: String, Sendable, Hashable, Codable, CaseIterable {
    /// Dose not changed.
    case doseNotChanged = "DOSE NOT CHANGED"
    /// Dose reduced.
    case doseReduced = "DOSE REDUCED"
    /// Drug interrupted.
    case interrupted = "DRUG INTERRUPTED"
    /// Drug withdrawn.
    case withdrawn = "DRUG WITHDRAWN"
    /// Not applicable.
    case notApplicable = "NOT APPLICABLE"
    /// Unknown.
    case unknown = "UNKNOWN"
}
