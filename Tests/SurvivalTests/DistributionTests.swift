import Testing
@testable import Survival

/// Normal and chi-square tails against R's qnorm / pnorm / pchisq (values printed by R 4.2.2
/// with options(digits = 17)).
@Suite struct DistributionTests {
    @Test func normalQuantilesAndTails() {
        #expect(rel(NormalDistribution.quantile(0.975), 1.9599639845400536, 1e-14))
        #expect(rel(NormalDistribution.quantile(1e-10), -6.3613409024040557, 1e-14))
        #expect(rel(NormalDistribution.quantile(0.3), -0.52440051270804067, 1e-14))
        #expect(rel(NormalDistribution.cdf(-8), 6.2209605742717849e-16, 1e-12))
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(NormalDistribution.twoSidedP(0) == 1)
    }

    @Test func chiSquareUpperTail() {
        let cases: [(x: Double, df: Double, p: Double)] = [
            (3.84, 1, 5.0043521248705224e-02), (10, 5, 7.5235246146512197e-02),
            (0.001, 3, 9.9999159208094202e-01), (200, 10, 1.6139305336977309e-37),
            (2.5, 7, 9.2709706501347378e-01), (50, 2, 1.3887943864964021e-11),
            (30.5, 3, 1.0831686754579122e-06),
        ]
        for c in cases {
            let p = ChiSquareDistribution.upperTail(c.x, df: c.df)
            #expect(abs(p / c.p - 1) < 1e-12, "pchisq(\(c.x), \(c.df)) = \(p), R \(c.p)")
        }
        #expect(ChiSquareDistribution.upperTail(0, df: 3) == 1)
        #expect(ChiSquareDistribution.upperTail(1, df: 0).isNaN)
    }
}
