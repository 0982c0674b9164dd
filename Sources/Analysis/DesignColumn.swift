/// One numeric column of a model or balance matrix: a numeric covariate, or the 0/1 indicator
/// of one level of a categorical covariate.
///
/// Names follow `VAR` for numeric columns and `VAR=LEVEL` for indicators (R writes `VARLEVEL`).
public struct DesignColumn: Sendable, Equatable, Codable {
    /// Column name, `VAR` or `VAR=LEVEL`.
    public let name: String
    /// The covariate the column comes from.
    public let term: String
    /// The level for an indicator column, nil for a numeric covariate.
    public let level: String?
    /// The values, one per analysed (complete) row.
    public let values: [Double]

    /// Creates a column.
    public init(name: String, term: String, level: String?, values: [Double]) {
        self.name = name
        self.term = term
        self.level = level
        self.values = values
    }

    /// True for a level indicator.
    public var isIndicator: Bool { level != nil }
}
