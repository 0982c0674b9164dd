/// One input dataset as the report lists it: name, standard, rows, variables and whether a
/// spec describes it.
public struct DatasetSummary: Sendable, Hashable, Codable {
    /// Dataset name, e.g. `AE`.
    public var name: String
    /// `SDTM` or `ADaM`.
    public var standard: Standard
    /// Number of records.
    public var rows: Int
    /// Number of variables.
    public var variables: Int
    /// Name of the spec used (`QS` for a split `QSPH`), or `nil` when no spec describes it.
    public var spec: String?

    /// Creates a summary.
    public init(name: String, standard: Standard, rows: Int, variables: Int, spec: String?) {
        self.name = name
        self.standard = standard
        self.rows = rows
        self.variables = variables
        self.spec = spec
    }
}
