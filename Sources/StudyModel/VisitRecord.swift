import TrialCore

/// A visit that took place (or was recorded as not done): the subject visits table (SV).
public struct VisitRecord: Sendable, Hashable, Codable {
    /// Subject id.
    public var subjectID: String
    /// Which visit.
    public var visit: Visit
    /// Date of the visit; `nil` when not done.
    public var date: PartialDateTime?
    /// Whether the visit took place.
    public var done: Bool
    /// Reason the visit was not done, if given.
    public var reasonNotDone: String?
    /// Where this record came from.
    public var provenance: Provenance

    /// Creates a visit record.
    public init(subjectID: String, visit: Visit, date: PartialDateTime?, done: Bool,
                reasonNotDone: String? = nil, provenance: Provenance = .none) {
        self.subjectID = subjectID
        self.visit = visit
        self.date = date
        self.done = done
        self.reasonNotDone = reasonNotDone
        self.provenance = provenance
    }
}
