/// Fast UTF-8 checks and decoding for the readers.
///
/// `string(_:)` returns `nil` for invalid UTF-8 (RFC 3629: no overlongs, no surrogates, at
/// most U+10FFFF); `firstInvalidIndex(_:)` locates the first bad byte for error messages.
enum UTF8Validation {
    /// True when every byte is < 0x80 (checked 8 bytes at a time).
    @inline(__always)
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// The string of valid UTF-8 bytes, or `nil` when they are not valid UTF-8.
    @inline(__always)
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCII(b) || firstInvalidIndex(b) == nil { return String(decoding: b, as: UTF8.self) }
        return nil
    }

    /// Index of the first byte of the first invalid or truncated sequence, or `nil` when the
    /// bytes are valid UTF-8.
    static func firstInvalidIndex(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= n { return i }
            let c1 = b[i + 1]
            if c1 < lo || c1 > hi { return i }
            for k in 2..<(need + 1) where b[i + k] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }
}
