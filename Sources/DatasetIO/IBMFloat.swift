import TrialCore

/// IBM System/370 hexadecimal floating point (the numeric format of SAS XPORT v5).
///
/// `value = (−1)^s × (F / 2^56) × 16^(E − 64)` with a 7-bit excess-64 exponent `E` and a
/// 56-bit fraction `F`, 8 bytes big-endian. IEEE → IBM is **exact** (53 significant bits fit
/// in 56 bits with at most 3 leading zero bits); IBM → IEEE rounds the 56-bit fraction to 53
/// bits **to nearest, ties to even** (the rounding of `Double(UInt64)`). The IBM range is about
/// 5.4e−79 ≤ |x| < 7.2e75: values outside it cannot be written (an error, not a silent 0/∞).
/// SAS missing values are the byte `.`(0x2E), `A`–`Z` or `_` followed by seven zero bytes.
/// IEEE −0.0 is written as `80 00…00` and read back as −0.0; `00 00…00` is +0.0.
public enum IBMFloat {
    /// Why a double has no IBM encoding.
    public enum EncodingFailure: Error, Sendable, Equatable {
        /// |x| ≥ 16^63 (about 7.2e75).
        case overflow
        /// 0 < |x| < 16^−65 (about 5.4e−79).
        case underflow
        /// NaN or infinity.
        case notFinite
    }

    /// The 8 IBM bytes of `x` as a big-endian UInt64, exact.
    @inline(__always)
    public static func encode(_ x: Double) -> Result<UInt64, EncodingFailure> {
        let bits = x.bitPattern
        let sign = bits & (1 << 63)
        let exp = Int((bits >> 52) & 0x7FF)
        if exp == 0x7FF { return .failure(.notFinite) }
        if exp == 0 {
            if bits & ((1 << 52) - 1) == 0 { return .success(sign == 0 ? 0 : 0x8000_0000_0000_0000) }
            return .failure(.underflow)    // IEEE subnormals are far below the IBM range
        }
        // x = frac × 2^(exp − 1075), frac ∈ [2^52, 2^53).  Want F × 2^(4(E−64) − 56) with
        // F = frac << s, s ∈ 0…3, so s + 4E = exp − 763.
        let frac = (bits & ((1 << 52) - 1)) | (1 << 52)
        let t = exp - 763
        let s = ((t % 4) + 4) % 4
        let e = (t - s) / 4
        if e > 127 { return .failure(.overflow) }
        if e < 0 { return .failure(.underflow) }
        let f = frac << UInt64(s)
        return .success(sign | (UInt64(e) << 56) | f)
    }

    /// The double of 8 IBM bytes (big-endian in a UInt64), rounded to nearest even; the caller
    /// has already excluded missing values.
    @inline(__always)
    public static func decode(_ word: UInt64) -> Double {
        let f = word & 0x00FF_FFFF_FFFF_FFFF
        let e = Int((word >> 56) & 0x7F)
        let negative = word & (1 << 63) != 0
        if f == 0 { return negative ? -0.0 : 0.0 }
        // Double(f) rounds 56 → 53 bits to nearest even; the power-of-two scaling is exact.
        let magnitude = Double(f) * Double(sign: .plus, exponent: 4 * (e - 64) - 56, significand: 1)
        return negative ? -magnitude : magnitude
    }

    /// The missing value an 8-byte word stands for, or `nil` when it is a number.
    @inline(__always)
    public static func missing(_ word: UInt64) -> MissingValue? {
        guard word & 0x00FF_FFFF_FFFF_FFFF == 0 else { return nil }
        let b = UInt8(word >> 56)
        switch b {
        case 0x2E: return .dot
        case 0x5F: return .underscore
        case 0x41...0x5A: return .letter(Character(Unicode.Scalar(b)))
        default: return nil
        }
    }

    /// The 8-byte word of a missing value.
    @inline(__always)
    public static func word(of missing: MissingValue) -> UInt64 {
        switch missing {
        case .dot: return 0x2E << 56
        case .underscore: return 0x5F << 56
        case .letter(let c): return UInt64(c.asciiValue ?? 0x2E) << 56
        }
    }
}
