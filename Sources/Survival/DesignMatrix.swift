/// One model term before expansion into design columns.
///
/// A numeric term is one column named after the variable; a factor term expands to treatment
/// contrasts, one 0/1 column per non-reference level, named `VAR=LEVEL` (R: `VARLEVEL`).
public enum ModelTerm: Sendable {
    /// A numeric covariate.
    case numeric(name: String, values: [Double])
    /// A categorical covariate coded in R's level order; level 0 is the reference.
    case factor(name: String, coding: FactorCoding)

    /// The variable name.
    public var name: String {
        switch self {
        case let .numeric(name, _): return name
        case let .factor(name, _): return name
        }
    }
}

/// The n×p model matrix of a Cox model (row-major, contiguous), with term bookkeeping.
///
/// Example: `try DesignMatrix(terms: [.numeric(name: "age", values: age), .factor(name: "sex", coding: FactorCoding(text: sex))])`.
public struct DesignMatrix: Sendable {
    /// Number of rows n.
    public let rows: Int
    /// Number of columns p.
    public let columns: Int
    /// Row-major values: element (i, j) at `values[i * columns + j]`.
    public var values: [Double]
    /// Column names (`VAR` or `VAR=LEVEL`).
    public let columnNames: [String]
    /// Term (variable) names, in model order.
    public let termNames: [String]
    /// For each term, its column indices (R's `assign`).
    public let assign: [[Int]]

    /// Expands terms into columns; every term must have one value per row.
    public init(terms: [ModelTerm]) throws(SurvivalError) {
        // First pass: names, column indices and the row count.
        var n: Int? = nil
        var names: [String] = []
        var assign: [[Int]] = []
        for term in terms {
            switch term {
            case let .numeric(name, v):
                if let n, v.count != n { throw .lengthMismatch(argument: name, expected: n, actual: v.count) }
                n = v.count
                for (i, x) in v.enumerated() where !x.isFinite {
                    throw .notFinite(argument: name, row: i, value: x)
                }
                assign.append([names.count])
                names.append(name)
            case let .factor(name, coding):
                if let n, coding.codes.count != n {
                    throw .lengthMismatch(argument: name, expected: n, actual: coding.codes.count)
                }
                n = coding.codes.count
                var idx: [Int] = []
                for level in 1..<max(1, coding.levels.count) {
                    idx.append(names.count)
                    names.append("\(name)=\(coding.levels[level])")
                }
                assign.append(idx)
            }
        }
        let nr = n ?? 0
        let p = names.count
        // Second pass: fill the row-major matrix directly (treatment contrasts: 1 in the column
        // of the row's level, none for the reference level 0).
        var vals = [Double](repeating: 0, count: nr * p)
        vals.withUnsafeMutableBufferPointer { out in
            for (t, term) in terms.enumerated() {
                switch term {
                case let .numeric(_, v):
                    let j = assign[t][0]
                    for i in 0..<nr { out[i * p + j] = v[i] }
                case let .factor(_, coding):
                    let cols = assign[t]
                    for i in 0..<nr {
                        let c = coding.codes[i]
                        if c > 0 { out[i * p + cols[c - 1]] = 1 }
                    }
                }
            }
        }
        self.rows = nr
        self.columns = p
        self.values = vals
        self.columnNames = names
        self.termNames = terms.map(\.name)
        self.assign = assign
    }

    /// A design from a row-major matrix with one numeric term per column.
    public init(rows: Int, columns: Int, values: [Double], names: [String]) {
        precondition(values.count == rows * columns && names.count == columns)
        self.rows = rows
        self.columns = columns
        self.values = values
        self.columnNames = names
        self.termNames = names
        self.assign = (0..<columns).map { [$0] }
    }
}
