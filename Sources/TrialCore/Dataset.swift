/// A named table of typed, ordered columns — an SDTM domain, an ADaM dataset or any tabular
/// input — with the metadata that XPT and Dataset-JSON files carry.
///
/// Rows are addressed by index `0..<rowCount`. All columns hold `rowCount` values.
public struct Dataset: Sendable, Hashable {
    /// Dataset name, e.g. `DM` or `ADTTE` (upper case, ≤ 8 characters for XPT v5).
    public var name: String
    /// Dataset label, e.g. `Demographics` (≤ 40 characters for XPT v5).
    public var label: String
    /// The columns in output order.
    public var columns: [Column]
    /// Key variables in key order (define.xml KeySequence), possibly empty.
    public var keys: [String]

    /// Creates a dataset; every column must hold the same number of values.
    public init(name: String, label: String = "", columns: [Column] = [], keys: [String] = []) {
        self.name = name
        self.label = label
        self.columns = columns
        self.keys = keys
    }

    /// Number of rows (the length of the first column; 0 without columns).
    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// Names of the columns in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The index of the column with this name (case-insensitive, as SAS names are), or `nil`.
    public func columnIndex(_ name: String) -> Int? {
        if let i = columns.firstIndex(where: { $0.name == name }) { return i }
        let u = name.uppercased()
        return columns.firstIndex { $0.name.uppercased() == u }
    }

    /// The column with this name (case-insensitive), or `nil`.
    public func column(_ name: String) -> Column? {
        columnIndex(name).map { columns[$0] }
    }

    /// The value at `row` of variable `name`, or `nil` when there is no such variable.
    public func value(_ name: String, row: Int) -> Value? {
        guard let i = columnIndex(name), row >= 0, row < columns[i].values.count else { return nil }
        return columns[i].values[row]
    }

    /// The text of `name` at `row` (`""` when the variable is absent or missing).
    public func text(_ name: String, row: Int) -> String {
        value(name, row: row)?.text ?? ""
    }

    /// Appends a column, or replaces the column of the same name keeping its position.
    public mutating func setColumn(_ column: Column) {
        if let i = columnIndex(column.name) { columns[i] = column } else { columns.append(column) }
    }

    /// A new dataset with the rows at `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> Dataset {
        var out = self
        for c in out.columns.indices {
            let v = columns[c].values
            out.columns[c].values = indices.map { v[$0] }
        }
        return out
    }

    /// A new dataset with only the rows for which `keep(row)` is true.
    public func filteringRows(_ keep: (Int) -> Bool) -> Dataset {
        selectingRows((0..<rowCount).filter(keep))
    }

    /// Appends the rows of `other`, which must have the same column names in the same order
    /// (the next chunk of the same dataset); throws naming the first column that differs.
    /// A dataset without columns takes `other`'s columns.
    public mutating func appendRows(of other: Dataset) throws(InputError) {
        if columns.isEmpty { columns = other.columns; return }
        guard other.columns.map(\.name) == columnNames else {
            let mine = columnNames, theirs = other.columns.map(\.name)
            let k = (0..<min(mine.count, theirs.count)).first { mine[$0] != theirs[$0] } ?? min(mine.count, theirs.count)
            throw InputError(at: .dataset(name: other.name, row: 0, variable: k < theirs.count ? theirs[k] : nil),
                             "the rows to append have other columns than \(name)",
                             value: theirs.joined(separator: " "), expected: mine.joined(separator: " "))
        }
        for c in columns.indices { columns[c].values.append(contentsOf: other.columns[c].values) }
    }

    /// The values of row `row` in column order.
    public func row(_ row: Int) -> [Value] { columns.map { $0.values[row] } }
}
