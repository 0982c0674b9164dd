/// Study-level ODM identifiers a writer emits and a reader may check.
///
/// YAML: `odm: {studyOID: CRLM-LOCAL, metaDataVersionOID: MDV.CRLM.1, metaDataVersionName: "CRLM eCRF v1"}`.
public struct ODMStudySettings: Sendable, Hashable, Codable {
    /// `Study/@OID` and `ClinicalData/@StudyOID`.
    public var studyOID: String
    /// `MetaDataVersion/@OID`.
    public var metaDataVersionOID: String
    /// `MetaDataVersion/@Name`.
    public var metaDataVersionName: String?

    /// Creates ODM settings.
    public init(studyOID: String, metaDataVersionOID: String, metaDataVersionName: String? = nil) {
        self.studyOID = studyOID
        self.metaDataVersionOID = metaDataVersionOID
        self.metaDataVersionName = metaDataVersionName
    }
}
