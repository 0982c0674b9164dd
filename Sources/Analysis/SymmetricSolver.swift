#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cholesky factorisation A = L Lᵀ of a symmetric positive definite p×p matrix (row-major),
/// used to solve the normal equations of weighted least squares and to invert information matrices.
struct SymmetricSolver {
    /// Dimension p.
    let p: Int
    /// Lower triangle L, row-major p×p (upper part zero).
    private var l: [Double]

    /// Factorises `a` (row-major p×p, only the lower triangle is read). Returns nil and the index
    /// of the first pivot that is not positive (relative to the diagonal's scale) when A is singular.
    static func factor(_ a: [Double], p: Int) -> Result<SymmetricSolver, SingularPivot> {
        var l = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            // L_jj = sqrt(A_jj − Σ_{k<j} L_jk²)
            var d = a[j * p + j]
            for k in 0..<j { d -= l[j * p + k] * l[j * p + k] }
            // A pivot below 1e-10 of the original diagonal means column j is (numerically) a
            // combination of the earlier ones; R's QR uses a tolerance of 1e-7 on the same idea.
            if !(d > 1e-10 * max(abs(a[j * p + j]), .leastNormalMagnitude)) { return .failure(SingularPivot(index: j)) }
            let ljj = d.squareRoot()
            l[j * p + j] = ljj
            for i in (j + 1)..<max(j + 1, p) {
                // L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                l[i * p + j] = s / ljj
            }
        }
        return .success(SymmetricSolver(p: p, l: l))
    }

    /// The index of the failing pivot.
    struct SingularPivot: Error { let index: Int }

    private init(p: Int, l: [Double]) { self.p = p; self.l = l }

    /// Solves A x = b.
    func solve(_ b: [Double]) -> [Double] {
        var y = b
        // Forward: L y = b.
        for i in 0..<p {
            var s = y[i]
            for k in 0..<i { s -= l[i * p + k] * y[k] }
            y[i] = s / l[i * p + i]
        }
        // Backward: Lᵀ x = y.
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, p) { s -= l[k * p + i] * y[k] }
            y[i] = s / l[i * p + i]
        }
        return y
    }

    /// A⁻¹, row-major p×p.
    func inverse() -> [Double] {
        var inv = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let col = solve(e)
            for i in 0..<p { inv[i * p + j] = col[i] }
        }
        return inv
    }
}
