/// Where in the ODM ClinicalData hierarchy a field's value comes from when it is not an ItemData.
public enum ODMKeySource: String, Sendable, Hashable, Codable, CaseIterable {
    /// `SubjectData/@SubjectKey`.
    case subjectKey
    /// `SubjectData/SiteRef/@LocationOID`.
    case siteRef
    /// The visit named by `StudyEventData/@StudyEventOID` (and its repeat key for unscheduled visits).
    case studyEvent
    /// `StudyEventData/@StudyEventRepeatKey`.
    case studyEventRepeatKey
    /// `FormData/@FormRepeatKey`.
    case formRepeatKey
    /// `ItemGroupData/@ItemGroupRepeatKey`.
    case itemGroupRepeatKey
}
