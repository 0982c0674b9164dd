/// How a list-valued model field is spread over several CSV columns / ODM items.
///
/// Two shapes:
/// - `positional` (QLQ-C30 items): element *i* is column *i* / item *i*; a blank is `nil` and
///   the list always has one element per column.
/// - `values` (extrahepatic sites 1–3): each non-blank column holds one code; blanks are skipped
///   and order is kept.
/// - `flags` (seriousness criteria): each column is a tick box for one model value; the value is
///   in the list when the cell equals `checked` (e.g. `Y`).
public struct ListMapping: Sendable, Hashable, Codable {
    /// The shapes above.
    public enum Shape: String, Sendable, Hashable, Codable {
        /// One element per column, blanks kept as `nil`.
        case positional
        /// One code per non-blank column.
        case values
        /// One tick box per model value.
        case flags
    }

    /// Which shape.
    public var shape: Shape
    /// CSV columns in order.
    public var columns: [String]
    /// ODM ItemOIDs in the same order as `columns`.
    public var items: [String]
    /// For `flags`: the model value each column stands for (same order as `columns`).
    public var flagValues: [String]?
    /// For `flags`: the raw value of a ticked box (e.g. `Y`); any other non-blank value means not ticked.
    public var checked: String?

    /// Creates a list mapping.
    public init(shape: Shape, columns: [String], items: [String], flagValues: [String]? = nil, checked: String? = nil) {
        self.shape = shape
        self.columns = columns
        self.items = items
        self.flagValues = flagValues
        self.checked = checked
    }
}
