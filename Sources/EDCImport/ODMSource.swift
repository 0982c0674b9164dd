/// Where an entity's records sit in an ODM export: the event, form and item group.
///
/// When `studyEventOID` is absent the item group is read in every study event and the
/// event names the visit (`FieldMapping.odm == .studyEvent`); a writer puts each record
/// in the event of its visit.
public struct ODMSource: Sendable, Hashable, Codable {
    /// The StudyEventOID holding the form (e.g. `SE.COMMON`), or `nil` for per-visit forms.
    public var studyEventOID: String?
    /// The FormOID, e.g. `F.AE`.
    public var formOID: String
    /// The ItemGroupOID, e.g. `IG.AE`; one ItemGroupData instance is one record.
    public var itemGroupOID: String
    /// Whether the item group repeats within its form (writers set `Repeating="Yes"` and repeat keys).
    public var repeating: Bool?

    /// Creates an ODM source.
    public init(studyEventOID: String?, formOID: String, itemGroupOID: String, repeating: Bool? = nil) {
        self.studyEventOID = studyEventOID
        self.formOID = formOID
        self.itemGroupOID = itemGroupOID
        self.repeating = repeating
    }
}
