import Foundation
import Testing
import TrialCore
import Survival
@testable import Analysis

/// Confounded two-group survival data with a known marginal hazard ratio, generated here (no
/// dependency on the Simulation module): the IPTW estimate must land closer to the marginal HR
/// than the naive one, over several seeds.
///
/// Model: X1 ~ N(0, 1), X2 ~ Bernoulli(0.4); P(A = 1) = logistic(0.3 − 1.2·X1 − 0.8·X2) (fitter
/// patients choose A = 1); hazard λ·exp(log(0.7)·A + 0.9·X1 + 0.7·X2), λ = 0.3/year, follow-up
/// 2 years. The true *marginal* HR (what IPTW estimates; the HR is non-collapsible) comes from a
/// Cox fit on a 2 × 20,000 population with both potential outcomes of every subject.
@Suite("IPTW recovers the marginal hazard ratio")
struct IPTWRecoveryTests {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {   // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
        mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
    }

    static let beta = log(0.7), lambda = 0.3 / 365.25, followUp = 730.0

    /// Event time (days) and event flag for one potential outcome.
    static func outcome(_ a: Bool, _ x1: Double, _ x2: Bool, _ u: Double) -> (Double, Bool) {
        let h = lambda * exp((a ? beta : 0) + 0.9 * x1 + (x2 ? 0.7 : 0))
        let t = -log(u) / h
        return t < followUp ? ((t * 10).rounded(.up) / 10, true) : (followUp, false)
    }

    static let marginalLogHR: Double = {
        var rng = Rng(state: 20_240_601)
        var time: [Double] = [], event: [Bool] = [], arm: [Double] = []
        for _ in 0..<20_000 {
            let x1 = rng.normal(), x2 = rng.uniform() < 0.4
            for a in [false, true] {
                let (t, e) = outcome(a, x1, x2, rng.uniform())
                time.append(t); event.append(e); arm.append(a ? 1 : 0)
            }
        }
        let x = try! DesignMatrix(terms: [.numeric(name: "A", values: arm)])
        var o = CoxOptions(); o.ties = .breslow
        return try! CoxModel.fit(time: time, event: event, design: x, options: o).coefficients[0].coef!
    }()

    static func study(seed: UInt64, n: Int) -> (Dataset, Dataset) {
        var rng = Rng(state: seed)
        var ids: [String] = [], grp: [String] = [], x1s: [Double?] = [], x2s: [String] = [], t: [Double?] = [], c: [Double?] = []
        for i in 0..<n {
            let x1 = rng.normal(), x2 = rng.uniform() < 0.4
            let p = 1 / (1 + exp(-(0.3 - 1.2 * x1 - 0.8 * (x2 ? 1 : 0))))
            let a = rng.uniform() < p
            let (time, e) = outcome(a, x1, x2, rng.uniform())
            ids.append(String(format: "S%05d", i)); grp.append(a ? "A" : "B")
            x1s.append(x1); x2s.append(x2 ? "Y" : "N"); t.append(time); c.append(e ? 0 : 1)
        }
        let adsl = Dataset(name: "ADSL", columns: [.character("USUBJID", ids), .character("TRT01P", grp),
                                                    .numeric("X1", x1s), .character("X2", x2s)])
        let adtte = Dataset(name: "ADTTE", columns: [.character("USUBJID", ids), .character("PARAMCD", ids.map { _ in "OS" }),
                                                      .numeric("AVAL", t), .numeric("CNSR", c)])
        return (adsl, adtte)
    }

    static let plan = """
    study: SIM
    subject: USUBJID
    group: {variable: TRT01P, reference: B}
    timeUnit: days
    timePoints: [365, 730]
    atRiskTimes: [0, 365, 730]
    daysPerMonth: 30.4375
    confLevel: 0.95
    confType: log
    ties: breslow
    endpoints: [{paramcd: OS, label: OS}]
    adtte: {subject: USUBJID, paramcd: PARAMCD, time: AVAL, censor: CNSR}
    adjustFor: []
    subgroups: []
    baseline: []
    iptw:
      estimand: ate
      stabilize: true
      covariates: [{variable: X1, type: numeric}, {variable: X2, type: factor}]
    """

    @Test func iptwIsCloserToTheMarginalHRThanTheNaiveEstimate() throws {
        let truth = Self.marginalLogHR
        // The marginal HR is attenuated towards 1 relative to the conditional 0.7 (non-collapsibility).
        #expect(truth > Self.beta && truth < 0)
        let plan = try AnalysisPlan.parse(yaml: Self.plan, file: "sim-plan")
        var closer = 0
        var naiveError = 0.0, iptwError = 0.0
        let seeds: [UInt64] = [11, 22, 33, 44, 55, 66, 77, 88]
        for seed in seeds {
            let (adsl, adtte) = Self.study(seed: seed, n: 600)
            let r = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte)
            let hr = Dictionary(uniqueKeysWithValues: r.endpoints[0].hazardRatios.map { ($0.method, $0.logHR!) })
            let dn = abs(hr["unadjusted"]! - truth), di = abs(hr["iptw"]! - truth)
            naiveError += dn; iptwError += di
            if di < dn { closer += 1 }
            // Weighting balances the confounders.
            let b = r.propensity!.balance
            #expect(b.maxAbsSMDBefore > 0.3 && b.maxAbsSMDAfter < b.maxAbsSMDBefore / 3, "SMD \(b.maxAbsSMDBefore) → \(b.maxAbsSMDAfter)")
        }
        #expect(closer >= 7, "IPTW closer in \(closer) of \(seeds.count) seeds")
        #expect(iptwError < 0.5 * naiveError, "mean |error| IPTW \(iptwError / 8), naive \(naiveError / 8)")
    }
}
