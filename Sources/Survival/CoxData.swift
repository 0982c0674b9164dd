/// Cox model input sorted for the risk-set passes: by stratum, then time descending.
///
/// All arrays are contiguous and in sorted order; `original[i]` is the caller's row of sorted
/// row i. Covariates are centred by their weighted means (the partial likelihood is invariant
/// to this; it keeps exp(xβ) in range).
struct CoxData: Sendable {
    let n: Int
    let p: Int
    /// Time per sorted row (after `TimeFix` when asked).
    let time: [Double]
    /// 1 for an event, 0 for a censoring.
    let status: [UInt8]
    /// Case weights.
    let weight: [Double]
    /// Offsets (empty when the model has none).
    let offset: [Double]
    /// Centred covariates, row-major n×p.
    let x: [Double]
    /// Covariate means subtracted from `x`.
    let means: [Double]
    /// Start index of each stratum, plus n at the end.
    let strataBounds: [Int]
    /// Caller's row index of each sorted row.
    let original: [Int]

    init(time t: [Double], event: [Bool], design: consuming DesignMatrix, strata: [Int]?, weights: [Double]?, offset: [Double]?) {
        let n = t.count
        let p = design.columns
        // Take the matrix out of the design so that this is its only reference (no copy on write).
        var owned = consume design
        var xs: [Double] = []
        swap(&xs, &owned.values)
        self.n = n
        self.p = p
        // Sort keys packed contiguously: stratum ascending, time descending.
        var keys = [(s: Int, t: Double, i: Int)]()
        keys.reserveCapacity(n)
        for i in 0..<n { keys.append((strata?[i] ?? 0, t[i], i)) }
        keys.sort { a, b in a.s != b.s ? a.s < b.s : a.t > b.t }
        var tm = [Double](repeating: 0, count: n)
        var st = [UInt8](repeating: 0, count: n)
        var wt = [Double](repeating: 1, count: n)
        var off = [Double](repeating: 0, count: offset == nil ? 0 : n)
        var orig = [Int](repeating: 0, count: n)
        var bounds: [Int] = [0]
        for (k, key) in keys.enumerated() {
            let i = key.i
            tm[k] = key.t
            st[k] = event[i] ? 1 : 0
            if let weights { wt[k] = weights[i] }
            if let offset { off[k] = offset[i] }
            orig[k] = i
            if k > 0 && key.s != keys[k - 1].s { bounds.append(k) }
        }
        bounds.append(n)
        // Weighted means of each column.
        var means = [Double](repeating: 0, count: p)
        var wsum = 0.0
        xs.withUnsafeBufferPointer { xv in
            for i in 0..<n {
                let w = weights?[i] ?? 1
                wsum += w
                for j in 0..<p { means[j] += w * xv[i * p + j] }
            }
        }
        for j in 0..<p { means[j] /= wsum }
        // Rows into sorted order in place (row k ← row orig[k], following permutation cycles),
        // then centred: no second n×p matrix.
        xs.withUnsafeMutableBufferPointer { x in
            var done = [Bool](repeating: false, count: n)
            var tmp = [Double](repeating: 0, count: p)
            for start in 0..<n where !done[start] {
                for j in 0..<p { tmp[j] = x[start * p + j] }
                var k = start
                while true {
                    done[k] = true
                    let src = orig[k]
                    if src == start {
                        for j in 0..<p { x[k * p + j] = tmp[j] }
                        break
                    }
                    for j in 0..<p { x[k * p + j] = x[src * p + j] }
                    k = src
                }
            }
            for k in 0..<n { for j in 0..<p { x[k * p + j] -= means[j] } }
        }
        self.time = tm
        self.status = st
        self.weight = wt
        self.offset = off
        self.x = xs
        self.means = means
        self.strataBounds = bounds
        self.original = orig
    }

    /// Linear predictor η = xβ + offset per sorted row (centred x).
    func linearPredictor(_ beta: [Double]) -> [Double] {
        let hasOffset = !offset.isEmpty
        var eta = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xv in
            eta.withUnsafeMutableBufferPointer { e in
                for i in 0..<n {
                    var s = hasOffset ? offset[i] : 0
                    let base = i * p
                    for j in 0..<p { s += xv[base + j] * beta[j] }
                    e[i] = s
                }
            }
        }
        return eta
    }
}
