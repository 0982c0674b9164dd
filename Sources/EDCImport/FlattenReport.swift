import TrialCore

/// What `ODMFlattener.flatten` wrote: one entry per item-group file, plus the reader's warnings.
public struct FlattenReport: Sendable, Hashable {
    /// One written CSV file.
    public struct File: Sendable, Hashable {
        /// The ItemGroupOID.
        public var itemGroupOID: String
        /// Path of the written file.
        public var path: String
        /// Column names (6 key columns, then ItemOIDs).
        public var columns: [String]
        /// Data rows written (ItemGroupData instances after transactions).
        public var rows: Int
    }

    /// Files in order of first appearance of their item group.
    public var files: [File]
    /// Subjects read.
    public var subjects: Int
    /// Warnings: values breaking DataType/CodeList (written as they stand), OIDs not in the metadata.
    public var diagnostics: [Diagnostic]
    /// Warnings beyond the reader's limit, counted only.
    public var suppressedDiagnostics: Int
}
