#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Log partial likelihood ℓ(β), score U(β) and information I(β) of a Cox model in one
/// backward pass over the rows sorted by time (R's `coxfit6` for Breslow/Efron, `coxexact`
/// for the discrete exact likelihood).
struct CoxPartialLikelihood {
    let data: CoxData
    let ties: CoxTies

    /// ℓ, U and I at β.
    struct Value {
        var loglik: Double
        var score: [Double]
        var information: SymmetricMatrix
    }

    func evaluate(_ beta: [Double]) -> Value {
        let p = data.p
        let eta = data.linearPredictor(beta)
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)   // lower triangle used, symmetrized at end
        // Risk-set sums S0 = Σ w r, S1 = Σ w r x, S2 = Σ w r x xᵀ over rows with time ≥ t,
        // and the same over the deaths at t (D0, D1, D2); xD = Σ_deaths w x.
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [Double](repeating: 0, count: p * p)
        var d1 = [Double](repeating: 0, count: p)
        var d2 = [Double](repeating: 0, count: p * p)
        var xD = [Double](repeating: 0, count: p)
        var a = [Double](repeating: 0, count: p)
        data.x.withUnsafeBufferPointer { x in
        data.time.withUnsafeBufferPointer { time in
        data.status.withUnsafeBufferPointer { status in
        data.weight.withUnsafeBufferPointer { weight in
        eta.withUnsafeBufferPointer { eta in
        s1.withUnsafeMutableBufferPointer { s1 in
        s2.withUnsafeMutableBufferPointer { s2 in
        d1.withUnsafeMutableBufferPointer { d1 in
        d2.withUnsafeMutableBufferPointer { d2 in
        xD.withUnsafeMutableBufferPointer { xD in
        a.withUnsafeMutableBufferPointer { a in
        u.withUnsafeMutableBufferPointer { u in
        imat.withUnsafeMutableBufferPointer { imat in
            for s in 0..<(data.strataBounds.count - 1) {
                let start = data.strataBounds[s], end = data.strataBounds[s + 1]
                var s0 = 0.0
                for j in 0..<p { s1[j] = 0 }
                for j in 0..<(p * p) { s2[j] = 0 }
                var i = start
                while i < end {
                    let t = time[i]
                    var d0 = 0.0, wD = 0.0
                    var nd = 0
                    var j = i
                    // Add every row with this time to the risk set; collect the deaths.
                    while j < end && time[j] == t {
                        let w = weight[j]
                        let wr = w * exp(eta[j])
                        let base = j * p
                        s0 += wr
                        for k in 0..<p {
                            let xk = x[base + k]
                            s1[k] += wr * xk
                            let wrx = wr * xk
                            for l in 0...k { s2[k * p + l] += wrx * x[base + l] }
                        }
                        if status[j] != 0 {
                            if nd == 0 {
                                for k in 0..<p { d1[k] = 0; xD[k] = 0 }
                                if ties == .efron { for k in 0..<(p * p) { d2[k] = 0 } }
                            }
                            nd += 1
                            wD += w
                            d0 += wr
                            loglik += w * eta[j]          // ℓ += Σ_deaths w η
                            for k in 0..<p {
                                let xk = x[base + k]
                                xD[k] += w * xk           // U += Σ_deaths w x
                                d1[k] += wr * xk
                            }
                            if ties == .efron {
                                for k in 0..<p {
                                    let wrx = wr * x[base + k]
                                    for l in 0...k { d2[k * p + l] += wrx * x[base + l] }
                                }
                            }
                        }
                        j += 1
                    }
                    if nd > 0 {
                        for k in 0..<p { u[k] += xD[k] }
                        if ties == .breslow || nd == 1 || ties == .exact {
                            // Breslow: ℓ −= (Σ_D w) log S0; U −= (Σ_D w) S1/S0;
                            // I += (Σ_D w) (S2/S0 − a aᵀ), a = S1/S0.
                            loglik -= wD * log(s0)
                            for k in 0..<p { a[k] = s1[k] / s0 }
                            for k in 0..<p {
                                u[k] -= wD * a[k]
                                for l in 0...k { imat[k * p + l] += wD * (s2[k * p + l] / s0 - a[k] * a[l]) }
                            }
                        } else {
                            // Efron: the deaths leave the risk set in d equal steps. For k = 0..d−1,
                            // f = k/d, den = S0 − f D0, a = (S1 − f D1)/den, m = Σ_D w / d:
                            // ℓ −= m log den; U −= m a; I += m ((S2 − f D2)/den − a aᵀ).
                            let meanwt = wD / Double(nd)
                            for kk in 0..<nd {
                                let f = Double(kk) / Double(nd)
                                let den = s0 - f * d0
                                loglik -= meanwt * log(den)
                                for k in 0..<p { a[k] = (s1[k] - f * d1[k]) / den }
                                for k in 0..<p {
                                    u[k] -= meanwt * a[k]
                                    for l in 0...k {
                                        imat[k * p + l] += meanwt * ((s2[k * p + l] - f * d2[k * p + l]) / den - a[k] * a[l])
                                    }
                                }
                            }
                        }
                    }
                    i = j
                }
            }
        }}}}}}}}}}}}}
        if ties == .exact {
            // Replace the Breslow contribution of each tied death time by the exact term.
            exactCorrection(eta: eta, loglik: &loglik, u: &u, imat: &imat)
        }
        var info = SymmetricMatrix(dimension: p)
        for k in 0..<p {
            for l in 0...k { info[k, l] = imat[k * p + l]; info[l, k] = imat[k * p + l] }
        }
        return Value(loglik: loglik, score: u, information: info)
    }

    /// For tie groups (d > 1 deaths at one time) under `exact`, swaps the Breslow term for the
    /// discrete exact (conditional logistic) term:
    /// ℓ_t = Σ_D η − log B_d, B_d = Σ over d-subsets S of the risk set of Π_{i∈S} rᵢ,
    /// computed by B_k(m) = B_k(m−1) + r_m B_{k−1}(m−1) with matching first and second derivatives.
    private func exactCorrection(eta: [Double], loglik: inout Double, u: inout [Double], imat: inout [Double]) {
        let p = data.p
        let x = data.x
        for s in 0..<(data.strataBounds.count - 1) {
            let start = data.strataBounds[s], end = data.strataBounds[s + 1]
            var s0 = 0.0
            var s1 = [Double](repeating: 0, count: p)
            var s2 = [Double](repeating: 0, count: p * p)
            var i = start
            while i < end {
                let t = data.time[i]
                var j = i
                var nd = 0
                while j < end && data.time[j] == t {
                    let wr = exp(eta[j])
                    s0 += wr
                    for k in 0..<p {
                        s1[k] += wr * x[j * p + k]
                        for l in 0...k { s2[k * p + l] += wr * x[j * p + k] * x[j * p + l] }
                    }
                    if data.status[j] != 0 { nd += 1 }
                    j += 1
                }
                if nd > 1 {
                    // undo Breslow (weights are 1 under exact): ℓ += d log S0, U += d a, I −= d(S2/S0 − a aᵀ)
                    let d = Double(nd)
                    loglik += d * log(s0)
                    for k in 0..<p {
                        let ak = s1[k] / s0
                        u[k] += d * ak
                        for l in 0...k { imat[k * p + l] -= d * (s2[k * p + l] / s0 - ak * s1[l] / s0) }
                    }
                    // exact term over the risk set rows start..<j (time ≥ t)
                    var b = [Double](repeating: 0, count: nd + 1)
                    var db = [Double](repeating: 0, count: (nd + 1) * p)
                    var d2b = [Double](repeating: 0, count: (nd + 1) * p * p)
                    b[0] = 1
                    var count = 0
                    for m in start..<j {
                        let r = exp(eta[m])
                        count += 1
                        let top = min(nd, count)
                        for k in stride(from: top, through: 1, by: -1) {
                            let bk1 = b[k - 1]
                            for q in 0..<p {
                                let xq = x[m * p + q]
                                for l in 0...q {
                                    let xl = x[m * p + l]
                                    d2b[k * p * p + q * p + l] += r * (d2b[(k - 1) * p * p + q * p + l]
                                        + xq * db[(k - 1) * p + l] + db[(k - 1) * p + q] * xl + xq * xl * bk1)
                                }
                            }
                            for q in 0..<p { db[k * p + q] += r * (db[(k - 1) * p + q] + x[m * p + q] * bk1) }
                            b[k] += r * bk1
                        }
                    }
                    let bd = b[nd]
                    loglik -= log(bd)
                    for q in 0..<p {
                        let g = db[nd * p + q] / bd
                        u[q] -= g
                        for l in 0...q {
                            imat[q * p + l] += d2b[nd * p * p + q * p + l] / bd - g * db[nd * p + l] / bd
                        }
                    }
                }
                i = j
            }
        }
    }
}
