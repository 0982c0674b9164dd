import Testing
@testable import Simulation

@Suite struct CoxBinaryCovariateTests {
    /// Reference: Fixtures/cox_binary_reference.R (R survival 3.x, coxph ties = "breslow"):
    /// coef −1.573046769493, se 0.697627898504, 10 events.
    @Test func matchesR() {
        let time: [Double] = [5, 8, 8, 12, 15, 15, 20, 22, 25, 30, 31, 40, 41, 45, 50, 52]
        let event = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0].map { $0 == 1 }
        let x = [0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1].map { $0 == 1 }
        let f = CoxBinaryCovariate(times: time, events: event, x: x)
        #expect(abs(f.logHazardRatio - -1.573046769493) < 1e-9)
        #expect(abs(f.standardError - 0.697627898504) < 1e-9)
        #expect(f.events == 10)
    }

    /// Two exponential groups with rates 1 and 0.5, no censoring: log-HR estimate near ln 0.5.
    @Test func recoversAKnownRatio() {
        var g = Xoshiro256StarStar(seed: 11)
        var t: [Double] = [], x: [Bool] = []
        for i in 0..<40_000 {
            let treated = i % 2 == 0
            t.append(g.exponential() / (treated ? 0.5 : 1)); x.append(treated)
        }
        let f = CoxBinaryCovariate(times: t, events: Array(repeating: true, count: t.count), x: x)
        // SE ≈ √(4/40000) = 0.01.
        #expect(abs(f.logHazardRatio - (-0.693147)) < 0.04)
    }
}
