/// An ODM `AuditRecord`: who changed a data point, when, where and why.
public struct ODMAuditRecord: Sendable, Hashable {
    /// `UserRef/@UserOID`.
    public var userOID: String?
    /// `LocationRef/@LocationOID`.
    public var locationOID: String?
    /// `DateTimeStamp` (ISO 8601 date-time as written).
    public var dateTimeStamp: String?
    /// `ReasonForChange`.
    public var reasonForChange: String?
    /// `SourceID`.
    public var sourceID: String?
    /// `@EditPoint` (Monitoring, DataManagement, DBAudit).
    public var editPoint: String?

    /// Creates an audit record.
    public init(userOID: String? = nil, locationOID: String? = nil, dateTimeStamp: String? = nil,
                reasonForChange: String? = nil, sourceID: String? = nil, editPoint: String? = nil) {
        self.userOID = userOID
        self.locationOID = locationOID
        self.dateTimeStamp = dateTimeStamp
        self.reasonForChange = reasonForChange
        self.sourceID = sourceID
        self.editPoint = editPoint
    }
}
