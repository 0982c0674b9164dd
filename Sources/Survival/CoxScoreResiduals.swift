#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Score residuals of a Cox fit and the sandwich variance built from them (R's
/// `residuals(fit, "score")`, `"dfbeta"` and `coxph(robust = TRUE)`).
///
/// For row i with rᵢ = exp(ηᵢ): Lᵢ = δᵢ(xᵢ − x̄(tᵢ)) − rᵢ Σ_{death times t ≤ tᵢ} cᵢ(t)(xᵢ − x̄ₖ(t)) dΛₖ(t).
/// Breslow: one step per time, x̄ = S1/S0, dΛ = Σ_D w / S0, c = 1. Efron: d steps k with
/// x̄ₖ = (S1 − (k/d) D1)/(S0 − (k/d) D0), dΛₖ = (Σ_D w/d)/(S0 − (k/d) D0), cᵢ = 1 − k/d for the
/// deaths at t (1 for others), and the death term uses the average of the x̄ₖ. Σ wᵢ Lᵢ = U(β).
enum CoxScoreResiduals {
    /// n×p residuals (row-major) in sorted-row order.
    static func compute(data: CoxData, beta: [Double], ties: CoxTies) -> [Double] {
        let n = data.n, p = data.p
        let eta = data.linearPredictor(beta)
        let x = data.x
        var resid = [Double](repeating: 0, count: n * p)
        // Per death time (block start index in the sorted arrays): hazard pieces.
        // H = Σₖ dΛₖ, XH = Σₖ x̄ₖ dΛₖ; for Efron deaths HD = Σₖ (1−k/d) dΛₖ, XHD likewise; xbar = mean x̄ₖ.
        for s in 0..<(data.strataBounds.count - 1) {
            let start = data.strataBounds[s], end = data.strataBounds[s + 1]
            var blocks: [(start: Int, end: Int, h: Double, hd: Double)] = []
            var xh: [Double] = [], xhd: [Double] = [], xbar: [Double] = []
            var s0 = 0.0
            var s1 = [Double](repeating: 0, count: p)
            var i = start
            // backward pass: risk sets
            while i < end {
                let t = data.time[i]
                var j = i
                var d0 = 0.0, wD = 0.0, nd = 0
                var d1 = [Double](repeating: 0, count: p)
                while j < end && data.time[j] == t {
                    let wr = data.weight[j] * exp(eta[j])
                    s0 += wr
                    for k in 0..<p { s1[k] += wr * x[j * p + k] }
                    if data.status[j] != 0 {
                        nd += 1; wD += data.weight[j]; d0 += wr
                        for k in 0..<p { d1[k] += wr * x[j * p + k] }
                    }
                    j += 1
                }
                if nd > 0 {
                    var h = 0.0, hd = 0.0
                    var bXH = [Double](repeating: 0, count: p)
                    var bXHD = [Double](repeating: 0, count: p)
                    var bXbar = [Double](repeating: 0, count: p)
                    if ties == .efron && nd > 1 {
                        let meanwt = wD / Double(nd)
                        for kk in 0..<nd {
                            let f = Double(kk) / Double(nd)
                            let den = s0 - f * d0
                            let dl = meanwt / den
                            h += dl
                            hd += (1 - f) * dl
                            for k in 0..<p {
                                let a = (s1[k] - f * d1[k]) / den
                                bXH[k] += a * dl
                                bXHD[k] += (1 - f) * a * dl
                                bXbar[k] += a / Double(nd)
                            }
                        }
                    } else {
                        let dl = wD / s0
                        h = dl; hd = dl
                        for k in 0..<p {
                            let a = s1[k] / s0
                            bXH[k] = a * dl; bXHD[k] = a * dl; bXbar[k] = a
                        }
                    }
                    blocks.append((i, j, h, hd))
                    xh += bXH; xhd += bXHD; xbar += bXbar
                } else {
                    blocks.append((i, j, 0, 0))
                    xh += [Double](repeating: 0, count: p)
                    xhd += [Double](repeating: 0, count: p)
                    xbar += [Double](repeating: 0, count: p)
                }
                i = j
            }
            // forward pass (increasing time): cumulative hazard pieces from earlier times
            var cumH = 0.0
            var cumXH = [Double](repeating: 0, count: p)
            for b in stride(from: blocks.count - 1, through: 0, by: -1) {
                let blk = blocks[b]
                for r in blk.start..<blk.end {
                    let death = data.status[r] != 0
                    let rr = exp(eta[r])
                    let hOwn = death ? blk.hd : blk.h
                    for k in 0..<p {
                        let xk = x[r * p + k]
                        let xhOwn = death ? xhd[b * p + k] : xh[b * p + k]
                        var l = -rr * (xk * (cumH + hOwn) - (cumXH[k] + xhOwn))
                        if death { l += xk - xbar[b * p + k] }
                        resid[r * p + k] = l
                    }
                }
                cumH += blk.h
                for k in 0..<p { cumXH[k] += xh[b * p + k] }
            }
        }
        return resid
    }

    /// Σ_clusters (Σ_{i∈c} wᵢ Lᵢ V)(…)ᵀ; each row its own cluster when `cluster` is nil.
    static func sandwich(residuals: [Double], data: CoxData, variance: SymmetricMatrix, cluster: [Int]?) -> SymmetricMatrix {
        let n = data.n, p = data.p
        // dfbeta rows, weighted
        var dfb = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let w = data.weight[i]
            for k in 0..<p {
                var s = 0.0
                for l in 0..<p { s += residuals[i * p + l] * variance[l, k] }
                dfb[i * p + k] = w * s
            }
        }
        var out = SymmetricMatrix(dimension: p)
        if let cluster {
            var sums: [Int: [Double]] = [:]
            for i in 0..<n {
                let c = cluster[data.original[i]]
                var v = sums[c] ?? [Double](repeating: 0, count: p)
                for k in 0..<p { v[k] += dfb[i * p + k] }
                sums[c] = v
            }
            // deterministic summation order
            for c in sums.keys.sorted() {
                let v = sums[c]!
                for k in 0..<p { for l in 0..<p { out[k, l] += v[k] * v[l] } }
            }
        } else {
            for i in 0..<n {
                for k in 0..<p { for l in 0..<p { out[k, l] += dfb[i * p + k] * dfb[i * p + l] } }
            }
        }
        return out
    }
}
