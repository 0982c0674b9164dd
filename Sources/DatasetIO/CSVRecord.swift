/// One record of a CSV file: its fields, unquoted and decoded, and where it starts.
public struct CSVRecord: Sendable, Hashable {
    /// The fields in file order (never padded: a short row has fewer fields).
    public var fields: [String]
    /// 1-based line number of the record's first line (a quoted field may span lines).
    public var line: Int

    /// Creates a record.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
