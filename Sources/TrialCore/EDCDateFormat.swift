/// A date layout that EDC systems export, declared per column in a study mapping.
///
/// Unknown parts are written by sites as `UN`, `UNK`, `UK`, `NK`, `XX` or `--` and become
/// `nil` components of a `PartialDateTime` (never imputed). Formats that are ambiguous between
/// countries (`03/04/2021`) are accepted only when the mapping declares them.
public enum EDCDateFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// ISO 8601 `2021-03-15`, `2021-03`, `2021`, `2021-03-15T10:20` (the default).
    case iso8601 = "ISO8601"
    /// `15-MAR-2021`, `UN-MAR-2021`, `UNK-UNK-2021`; also `15MAR2021` (SAS DATE9.).
    case ddMONyyyy = "DD-MON-YYYY"
    /// `2021/03/15`.
    case yyyySlashMMSlashDD = "YYYY/MM/DD"
    /// `03/15/2021` (US order; only when declared).
    case mmSlashDDSlashYYYY = "MM/DD/YYYY"
    /// `15/03/2021` (European order; only when declared).
    case ddSlashMMSlashYYYY = "DD/MM/YYYY"

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                 "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let unknownTokens: Set<String> = ["UN", "UNK", "UK", "NK", "XX", "XXX", "--", "---", "NA"]

    /// Parses `text` in this layout into a validated partial date-time.
    /// Leading and trailing blanks are ignored; an empty text is an error (callers treat
    /// empty fields as missing before calling).
    public func parse(_ text: String) throws(DateError) -> PartialDateTime {
        let s = text.trimmingCharacters(in: " \t")
        switch self {
        case .iso8601:
            return try PartialDateTime.parseISO8601(s)
        case .ddMONyyyy:
            var parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1, s.count == 9 {  // 15MAR2021
                let a = Array(s)
                parts = [String(a[0..<2]), String(a[2..<5]), String(a[5..<9])]
            }
            guard parts.count == 3 else { throw DateError("malformed date", expected: "DD-MON-YYYY, e.g. 15-MAR-2021") }
            let year = try Self.number(parts[2], width: 4, what: "year")
            let monthToken = parts[1].uppercased()
            var month: Int? = nil
            if !Self.unknownTokens.contains(monthToken) {
                guard let i = Self.months.firstIndex(of: monthToken) else {
                    throw DateError("unknown month '\(parts[1])'", expected: "JAN…DEC or UNK")
                }
                month = i + 1
            }
            let day = try Self.number(parts[0], width: 2, what: "day")
            if month == nil, day != nil { throw DateError("day given without month", expected: "UN-UNK-YYYY or DD-MON-YYYY") }
            guard year != nil else { throw DateError("unknown year", expected: "a 4-digit year") }
            return try PartialDateTime(year: year, month: month, day: day).validated()
        case .yyyySlashMMSlashDD, .mmSlashDDSlashYYYY, .ddSlashMMSlashYYYY:
            let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { throw DateError("malformed date", expected: rawValue) }
            let (y, m, d): (String, String, String) =
                self == .yyyySlashMMSlashDD ? (parts[0], parts[1], parts[2])
                : self == .mmSlashDDSlashYYYY ? (parts[2], parts[0], parts[1]) : (parts[2], parts[1], parts[0])
            let year = try Self.number(y, width: 4, what: "year")
            let month = try Self.number(m, width: 2, what: "month")
            let day = try Self.number(d, width: 2, what: "day")
            guard year != nil else { throw DateError("unknown year", expected: "a 4-digit year") }
            if month == nil, day != nil { throw DateError("day given without month", expected: rawValue) }
            return try PartialDateTime(year: year, month: month, day: day).validated()
        }
    }

    /// A number field, `nil` for an unknown token; `width` is the maximum number of digits.
    private static func number(_ token: String, width: Int, what: String) throws(DateError) -> Int? {
        let t = token.uppercased()
        if unknownTokens.contains(t) { return nil }
        guard !t.isEmpty, t.count <= width, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
            throw DateError("malformed \(what) '\(token)'", expected: "\(width == 4 ? "4" : "1–2") digits or UNK")
        }
        return n
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        // Fast path: nothing to trim (the common case for exported dates).
        if let f = utf8.first, let l = utf8.last, !set.utf8.contains(f), !set.utf8.contains(l) { return self }
        let chars = Set(set)
        guard let first = firstIndex(where: { !chars.contains($0) }) else { return "" }
        let last = lastIndex(where: { !chars.contains($0) })!
        return String(self[first...last])
    }
}
