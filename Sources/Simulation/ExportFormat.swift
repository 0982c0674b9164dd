/// Which site exports `trialdata simulate` writes.
public enum ExportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// One CSV file per form under `export/csv/`.
    case csv
    /// One ODM 1.3.2 file `export/odm/crlm.xml`.
    case odm
    /// Both.
    case both

    /// True when CSV files are written.
    public var includesCSV: Bool { self != .odm }
    /// True when the ODM file is written.
    public var includesODM: Bool { self != .csv }
}
