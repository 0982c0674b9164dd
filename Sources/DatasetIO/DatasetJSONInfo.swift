import TrialCore

/// The Dataset-JSON v1.1 metadata that a `Dataset` does not carry itself: file-level OIDs
/// and time stamps, and per column the itemOID and the JSON data types.
///
/// Reading fills it from the file; writing uses it where set and derives the rest
/// (`itemGroupOID` `IG.<NAME>`, `itemOID` `IT.<NAME>.<VAR>`, data types from the column type
/// and its SAS format).
public struct DatasetJSONInfo: Sendable, Hashable {
    /// The `sourceSystem` object: both keys are required when present.
    public struct SourceSystem: Sendable, Hashable {
        /// System name, e.g. `TrialData`.
        public var name: String
        /// System version, e.g. `0.1.0`.
        public var version: String
        /// Creates a source system.
        public init(name: String, version: String) { self.name = name; self.version = version }
    }

    /// Per-column JSON metadata.
    public struct ColumnInfo: Sendable, Hashable {
        /// `itemOID`, e.g. `IT.ADTTE.AVAL`.
        public var itemOID: String
        /// `dataType`: string, integer, decimal, float, double, boolean, datetime, date, time, URI.
        public var dataType: String
        /// `targetDataType` (`integer` or `decimal`), or `nil`.
        public var targetDataType: String?
        /// Creates column metadata.
        public init(itemOID: String, dataType: String, targetDataType: String? = nil) {
            self.itemOID = itemOID
            self.dataType = dataType
            self.targetDataType = targetDataType
        }
    }

    /// `datasetJSONCreationDateTime` (ISO 8601). `nil` writes the fixed `1960-01-01T00:00:00`
    /// so the same data gives the same bytes; use `DatasetJSONWriter.currentDateTime()` for now.
    public var creationDateTime: String?
    /// `datasetJSONVersion`; written as `1.1.0`.
    public var version: String?
    /// `fileOID`.
    public var fileOID: String?
    /// `dbLastModifiedDateTime`.
    public var dbLastModifiedDateTime: String?
    /// `originator`; written as `TrialData <version>` when `nil`.
    public var originator: String?
    /// `sourceSystem`; written as TrialData and its version when `nil`.
    public var sourceSystem: SourceSystem?
    /// `studyOID`.
    public var studyOID: String?
    /// `metaDataVersionOID`.
    public var metaDataVersionOID: String?
    /// `metaDataRef`, e.g. `define.xml`.
    public var metaDataRef: String?
    /// `itemGroupOID`; `IG.<NAME>` when `nil`.
    public var itemGroupOID: String?
    /// Column metadata by variable name (upper case).
    public var columns: [String: ColumnInfo]

    /// Creates file metadata; every field is optional.
    public init(creationDateTime: String? = nil, fileOID: String? = nil, studyOID: String? = nil,
                metaDataVersionOID: String? = nil, metaDataRef: String? = nil,
                itemGroupOID: String? = nil, originator: String? = nil,
                sourceSystem: SourceSystem? = nil, columns: [String: ColumnInfo] = [:]) {
        self.creationDateTime = creationDateTime
        self.fileOID = fileOID
        self.studyOID = studyOID
        self.metaDataVersionOID = metaDataVersionOID
        self.metaDataRef = metaDataRef
        self.itemGroupOID = itemGroupOID
        self.originator = originator
        self.sourceSystem = sourceSystem
        self.columns = columns
    }
}
