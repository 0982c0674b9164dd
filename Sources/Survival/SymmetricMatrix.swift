/// A dense symmetric p×p matrix (row-major) with R's `cholesky2`-style LDLᵀ factorization.
///
/// Like R's survival C code, a pivot below `tolerance × max diagonal` marks the column as
/// singular (aliased): solves return 0 there and the inverse has a zero row and column, so an
/// aliased covariate gets no coefficient instead of a crash.
public struct SymmetricMatrix: Sendable, Equatable {
    /// Dimension p.
    public let dimension: Int
    /// Entries, row-major, `dimension²` values.
    public var values: [Double]

    /// A p×p zero matrix.
    public init(dimension: Int) {
        self.dimension = dimension
        self.values = [Double](repeating: 0, count: dimension * dimension)
    }

    /// A matrix from row-major values (must be symmetric).
    public init(dimension: Int, values: [Double]) {
        precondition(values.count == dimension * dimension)
        self.dimension = dimension
        self.values = values
    }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { values[i * dimension + j] }
        set { values[i * dimension + j] = newValue }
    }

    /// The sub-matrix on the given rows/columns.
    public func submatrix(_ index: [Int]) -> SymmetricMatrix {
        var m = SymmetricMatrix(dimension: index.count)
        for (a, i) in index.enumerated() {
            for (b, j) in index.enumerated() { m[a, b] = self[i, j] }
        }
        return m
    }

    /// LDLᵀ factorization (R's `cholesky2`): returns nil only for p = 0.
    /// Default tolerance `.ulpOfOne^0.75`, R's `coxph.control()$toler.chol`.
    public func factorized(tolerance: Double = defaultTolerance) -> LDLFactorization {
        LDLFactorization(self, tolerance: tolerance)
    }

    /// R's default `toler.chol`, machine epsilon^0.75.
    public static let defaultTolerance: Double = 1.8189894035458565e-12
}

/// The LDLᵀ factor of a symmetric matrix with singular columns flagged (R's `cholesky2`).
public struct LDLFactorization: Sendable {
    /// Dimension p.
    public let dimension: Int
    /// Unit lower triangle L below the diagonal, D on the diagonal (row-major p×p).
    var ld: [Double]
    /// `true` for a column whose pivot fell below tolerance (aliased / singular).
    public private(set) var singular: [Bool]
    /// Number of non-singular columns.
    public private(set) var rank: Int

    init(_ m: SymmetricMatrix, tolerance: Double) {
        let p = m.dimension
        dimension = p
        ld = m.values
        singular = [Bool](repeating: false, count: p)
        rank = 0
        var maxDiag = 0.0
        for i in 0..<p where ld[i * p + i] > maxDiag { maxDiag = ld[i * p + i] }
        let eps = maxDiag * tolerance
        // A = L D Lᵀ, column by column: for each pivot d_i, scale the column below it and
        // subtract its outer product from the trailing lower triangle.
        for i in 0..<p {
            let pivot = ld[i * p + i]
            if !pivot.isFinite || pivot < eps || pivot <= 0 {
                ld[i * p + i] = 0
                for j in (i + 1)..<max(i + 1, p) { ld[j * p + i] = 0 }
                singular[i] = true
                continue
            }
            rank += 1
            for j in (i + 1)..<max(i + 1, p) {
                let temp = ld[j * p + i] / pivot
                ld[j * p + i] = temp
                ld[j * p + j] -= temp * temp * pivot
                for k in (j + 1)..<max(j + 1, p) { ld[k * p + j] -= temp * ld[k * p + i] }
            }
        }
    }

    /// Solves A x = b (R's `chsolve2`); singular columns get x = 0.
    public func solve(_ b: [Double]) -> [Double] {
        let p = dimension
        var y = b
        // Forward: L z = b.
        for i in 0..<p {
            var t = y[i]
            for j in 0..<i { t -= y[j] * ld[i * p + j] }
            y[i] = t
        }
        // Diagonal and back: D Lᵀ x = z.
        for i in stride(from: p - 1, through: 0, by: -1) {
            if ld[i * p + i] == 0 { y[i] = 0; continue }
            var t = y[i] / ld[i * p + i]
            for j in (i + 1)..<max(i + 1, p) { t -= y[j] * ld[j * p + i] }
            y[i] = t
        }
        return y
    }

    /// A⁻¹ with zero rows/columns for singular columns (R's `chinv2`).
    public func inverse() -> SymmetricMatrix {
        let p = dimension
        var inv = SymmetricMatrix(dimension: p)
        var e = [Double](repeating: 0, count: p)
        for j in 0..<p {
            if singular[j] { continue }
            for k in 0..<p { e[k] = k == j ? 1 : 0 }
            let col = solve(e)
            for i in 0..<p { inv[i, j] = singular[i] ? 0 : col[i] }
        }
        // Symmetrize rounding.
        for i in 0..<p {
            for j in (i + 1)..<max(i + 1, p) {
                let v = 0.5 * (inv[i, j] + inv[j, i]); inv[i, j] = v; inv[j, i] = v
            }
        }
        return inv
    }

    /// The quadratic form bᵀ A⁻¹ b, singular columns ignored.
    public func quadraticForm(_ b: [Double]) -> Double {
        let x = solve(b)
        var s = 0.0
        for i in 0..<dimension { s += b[i] * x[i] }
        return s
    }
}
