/// A SAS display format split the way an XPT NAMESTR stores it: name, width, decimals.
///
/// `DATE9.` is ("DATE", 9, 0); `8.2` is ("", 8, 2); `$CHAR20.` is ("$CHAR", 20, 0);
/// `BEST.` is ("BEST", 0, 0).
public struct SASFormat: Sendable, Hashable, CustomStringConvertible {
    /// The format name without width (`DATE`, `$`, `BEST`, or empty for `w.d`).
    public var name: String
    /// The width (0 when not given).
    public var width: Int
    /// The number of decimals (0 when not given).
    public var decimals: Int

    /// Creates a format from its parts.
    public init(name: String, width: Int, decimals: Int) {
        self.name = name
        self.width = width
        self.decimals = decimals
    }

    /// Parses `NAMEw.d` (name letters/underscore/`$`, optional digits, a period, optional
    /// decimals); returns `nil` for anything else.
    public init?(_ text: String) {
        let u = Array(text.uppercased().utf8)
        guard let dot = u.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let decimalsPart = u[(dot + 1)...]
        guard decimalsPart.allSatisfy(isDigit), decimalsPart.count <= 5 else { return nil }
        var widthStart = dot
        while widthStart > 0, isDigit(u[widthStart - 1]) { widthStart -= 1 }
        let namePart = u[0..<widthStart], widthPart = u[widthStart..<dot]
        guard widthPart.count <= 5, namePart.count <= 8 else { return nil }
        for (k, b) in namePart.enumerated() {
            let ok = (b >= 0x41 && b <= 0x5A) || b == 0x5F || (k == 0 && b == UInt8(ascii: "$"))
                || (k > 0 && isDigit(b))
            if !ok { return nil }
        }
        name = String(decoding: namePart, as: UTF8.self)
        width = widthPart.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        decimals = decimalsPart.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `NAMEw.d` with width and decimals left out when 0 (`DATE9.`, `8.2`, `$12.`, `BEST.`).
    public var description: String {
        name + (width > 0 ? String(width) : "") + "." + (decimals > 0 ? String(decimals) : "")
    }
}
