import TrialCore

/// End-of-study status of a subject: death, completion or withdrawal, and last date known alive.
public struct Disposition: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Status at the end of follow-up.
    public var status: DispositionStatus
    /// Date of the status event (completion, withdrawal or death date).
    public var date: PartialDateTime?
    /// Death date, if the subject died (may be partial).
    public var deathDate: PartialDateTime?
    /// Primary cause of death.
    public var deathCause: DeathCause?
    /// Last date the subject was known to be alive (from the survival status form).
    public var lastKnownAliveDate: PartialDateTime?
    /// Reason for withdrawal, for withdrawn subjects.
    public var withdrawalReason: WithdrawalReason?
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a disposition record.
    public init(subjectID: String, status: DispositionStatus, date: PartialDateTime?, deathDate: PartialDateTime?,
                deathCause: DeathCause?, lastKnownAliveDate: PartialDateTime?,
                withdrawalReason: WithdrawalReason?, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.status = status
        self.date = date
        self.deathDate = deathDate
        self.deathCause = deathCause
        self.lastKnownAliveDate = lastKnownAliveDate
        self.withdrawalReason = withdrawalReason
        self.provenance = provenance
    }
}

/// Subject status at the end of follow-up (CDISC CT NCOMPLT-style DS decodes).
public enum DispositionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Completed the 2-year follow-up.
    case completed = "COMPLETED"
    /// Died.
    case died = "DEATH"
    /// Withdrew or was lost to follow-up.
    case withdrawn = "WITHDRAWN"
    /// Still in follow-up at data cut-off.
    case ongoing = "ONGOING"
}

/// Primary cause of death.
public enum DeathCause: String, Sendable, Hashable, Codable, CaseIterable {
    /// Progression of the colorectal cancer.
    case diseaseProgression = "PROGRESSIVE DISEASE"
    /// An adverse event / treatment complication.
    case adverseEvent = "ADVERSE EVENT"
    /// Another cause.
    case other = "OTHER"
    /// Unknown.
    case unknown = "UNKNOWN"
}

/// Why a subject left the study early (CDISC CT NCOMPLT submission values).
public enum WithdrawalReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Withdrawal by subject.
    case withdrawalBySubject = "WITHDRAWAL BY SUBJECT"
    /// Lost to follow-up.
    case lostToFollowUp = "LOST TO FOLLOW-UP"
    /// Physician decision.
    case physicianDecision = "PHYSICIAN DECISION"
    /// Adverse event.
    case adverseEvent = "ADVERSE EVENT"
    /// Other.
    case other = "OTHER"
}
