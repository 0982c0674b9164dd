import TrialCore

/// A source record (or one value of it, such as one questionnaire item) that could not be
/// mapped to SDTM, with the reason: the mapping log lists every one, nothing is dropped silently.
public struct SDTMRejection: Sendable, Hashable, CustomStringConvertible {
    /// Typed-model entity the record belongs to, e.g. `adverseEvents` (as in `StudyData.recordCounts`).
    public var entity: String
    /// Domain the record was meant for, e.g. `AE`.
    public var domain: String
    /// Subject id of the record (as the site writes it).
    public var subjectID: String
    /// Where the record came from (its provenance), why it was rejected, the value and what was expected.
    public var diagnostic: Diagnostic

    /// Creates a rejection.
    public init(entity: String, domain: String, subjectID: String, diagnostic: Diagnostic) {
        self.entity = entity
        self.domain = domain
        self.subjectID = subjectID
        self.diagnostic = diagnostic
    }

    /// `DOMAIN subject S: <diagnostic>`.
    public var description: String { "\(domain) subject \(subjectID): \(diagnostic.description)" }
}
