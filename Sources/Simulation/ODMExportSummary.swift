/// Where the ODM writer put its deliberate export realism, as ODM OID paths.
public struct ODMExportSummary: Sendable, Hashable, Codable {
    /// The FormData entered late (AuditRecord months after the visit), if any.
    public var lateEnteredForm: String?
    /// The ItemData whose value was entered wrong and corrected by an Upsert, if any.
    public var correctedItem: String?
    /// The value first entered at `correctedItem`.
    public var originalValue: String?
    /// The corrected (final) value.
    public var correctedValue: String?
    /// Number of ItemGroupData elements written (one per record, plus the correction).
    public var itemGroups: Int

    /// Creates a summary.
    public init(lateEnteredForm: String?, correctedItem: String?, originalValue: String?, correctedValue: String?,
                itemGroups: Int) {
        self.lateEnteredForm = lateEnteredForm
        self.correctedItem = correctedItem
        self.originalValue = originalValue
        self.correctedValue = correctedValue
        self.itemGroups = itemGroups
    }
}
