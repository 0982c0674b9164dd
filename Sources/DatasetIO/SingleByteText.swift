/// Decoding of single-byte encodings (ISO 8859-1, Windows-1252) to `String`.
enum SingleByteText {
    /// Windows-1252 code points for bytes 0x80–0x9F (0 where the byte is undefined; such bytes
    /// are kept as the Latin-1 control character of the same value).
    static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The text of `bytes` in `encoding` (`.utf8` is decoded with replacement characters).
    static func string<C: Collection>(_ bytes: C, _ encoding: CSVOptions.Encoding) -> String where C.Element == UInt8 {
        if encoding == .utf8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            var v = UInt32(b)
            if encoding == .windows1252, (0x80...0x9F).contains(b), cp1252High[Int(b) - 0x80] != 0 {
                v = cp1252High[Int(b) - 0x80]
            }
            scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
