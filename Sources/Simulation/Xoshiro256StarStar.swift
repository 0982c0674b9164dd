import Foundation

/// xoshiro256** 1.0 (Blackman & Vigna 2018): the simulator's only source of randomness.
///
/// Never the system generator: the same seed gives the same numbers on every platform.
/// The distribution helpers below use only this generator and libm functions whose results
/// are correctly rounded or deterministic on one platform (`log`, `exp`, `sqrt`, `cos`).
public struct Xoshiro256StarStar: Sendable, Hashable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose 256-bit state is filled by SplitMix64 from `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// A generator with the given raw state (not all zero); for reference-vector tests.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// An independent stream for `stream` (e.g. a subject index) under `seed`: the seed and the
    /// stream number are mixed through SplitMix64 before seeding.
    public init(seed: UInt64, stream: UInt64) {
        var sm = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = sm.next()
        self.init(seed: sm.next() ^ stream)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform on [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on (0, 1): never exactly 0, safe for `log`.
    public mutating func uniformOpen() -> Double { (Double(next() >> 12) + 0.5) * 0x1.0p-52 }

    /// Uniform integer in `range` (Lemire's nearly-divisionless method is not needed at these
    /// sizes; a 64-bit multiply-shift has bias below 2⁻³²).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        let r = next().multipliedFullWidth(by: width).high
        return range.lowerBound + Int(r)
    }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal N(0, 1) by the Box–Muller transform: √(−2 ln U₁)·cos(2πU₂).
    public mutating func normal() -> Double {
        let u1 = uniformOpen(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Normal with mean `mean` and standard deviation `sd`.
    public mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

    /// Exponential with rate 1: −ln U.
    public mutating func exponential() -> Double { -log(uniformOpen()) }

    /// Poisson with mean `lambda` (Knuth's product method; fine for λ < 30, inversion-free).
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        let limit = exp(-lambda)
        var k = 0
        var p = uniform()
        while p > limit { k += 1; p *= uniform() }
        return k
    }

    /// An index drawn with probabilities proportional to `weights` (non-negative, not all 0).
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.count - 1
    }

    /// One element of `items`, chosen with probabilities proportional to `weights`.
    public mutating func choose<T>(_ items: [T], weights: [Double]) -> T { items[categorical(weights)] }

    /// One element of `items`, uniformly.
    public mutating func choose<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }
}
