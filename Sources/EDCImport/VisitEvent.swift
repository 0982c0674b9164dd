/// How ODM study events name visits.
///
/// YAML:
/// ```yaml
/// visits:
///   - {studyEventOID: SE.M0, visit: BASELINE}
///   - {studyEventOID: SE.M3, visit: MONTH 3}
///   - {studyEventOID: SE.UNS, visit: UNSCHEDULED}   # StudyEventRepeatKey "3.1" → UNSCHEDULED 3.1
/// ```
/// An event mapped to `UNSCHEDULED` takes the rest of the visit name from its
/// StudyEventRepeatKey (`3.1` = first unscheduled visit after month 3).
public struct VisitEvent: Sendable, Hashable, Codable {
    /// The StudyEventOID.
    public var studyEventOID: String
    /// Visit name (`BASELINE`, `MONTH 3`) or `UNSCHEDULED`.
    public var visit: String

    /// Creates a visit event.
    public init(studyEventOID: String, visit: String) {
        self.studyEventOID = studyEventOID
        self.visit = visit
    }

    /// True when the repeat key completes the visit name.
    public var isUnscheduled: Bool { visit.uppercased() == "UNSCHEDULED" }
}
