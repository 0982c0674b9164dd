import Testing
@testable import Simulation

/// Reference vectors: computed by the Python transcription of Vigna's C code in
/// Fixtures/prng_reference.py (independent of the Swift code); the first two xoshiro256**
/// outputs from state (1,2,3,4) are also checkable by hand: rotl(2·5, 7)·9 = 1280·9 = 11520, then 0.
@Suite struct RandomNumberTests {
    @Test func splitMix64MatchesReference() {
        var g = SplitMix64(seed: 1_234_567)
        #expect([g.next(), g.next(), g.next()] == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
    }

    @Test func xoshiroMatchesReferenceFromState() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let out = (0..<6).map { _ in g.next() }
        #expect(out == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600])
    }

    @Test func xoshiroSeededBySplitMix() {
        var g = Xoshiro256StarStar(seed: 42)
        #expect([g.next(), g.next(), g.next()] == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
    }

    @Test func distributionsHaveTheirMoments() {
        var g = Xoshiro256StarStar(seed: 7)
        let n = 200_000
        var sumU = 0.0, sumN = 0.0, sumN2 = 0.0, sumE = 0.0, sumP = 0
        for _ in 0..<n {
            sumU += g.uniform()
            let z = g.normal(); sumN += z; sumN2 += z * z
            sumE += g.exponential()
            sumP += g.poisson(2.5)
        }
        let N = Double(n)
        // Standard errors: U 0.29/√n ≈ 0.00065, N 1/√n ≈ 0.0022, E 1/√n, Poisson √2.5/√n ≈ 0.0035.
        #expect(abs(sumU / N - 0.5) < 0.003)
        #expect(abs(sumN / N) < 0.01)
        #expect(abs(sumN2 / N - 1) < 0.015)
        #expect(abs(sumE / N - 1) < 0.01)
        #expect(abs(Double(sumP) / N - 2.5) < 0.015)
    }

    @Test func intInRangeStaysInRange() {
        var g = Xoshiro256StarStar(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let k = g.int(in: -14...14)
            #expect((-14...14).contains(k))
            seen.insert(k)
        }
        #expect(seen.count == 29)
    }
}
