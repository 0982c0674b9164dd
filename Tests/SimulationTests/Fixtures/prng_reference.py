# Reference outputs of SplitMix64 and xoshiro256** (transcribed from Vigna's C reference code),
# used by RandomNumberTests. Run: python3 prng_reference.py
M = (1 << 64) - 1
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
class Xoshiro256StarStar:
    def __init__(self, state): self.s = list(state)
    def next(self):
        s0, s1, s2, s3 = self.s
        r = (rotl((s1 * 5) & M, 7) * 9) & M
        t = (s1 << 17) & M
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return r
def splitmix64(seed):
    st = seed
    while True:
        st = (st + 0x9E3779B97F4A7C15) & M
        z = st
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)
x = Xoshiro256StarStar([1, 2, 3, 4]); print([x.next() for _ in range(6)])
g = splitmix64(1234567); print([next(g) for _ in range(3)])
g = splitmix64(42); x = Xoshiro256StarStar([next(g) for _ in range(4)]); print([x.next() for _ in range(3)])
