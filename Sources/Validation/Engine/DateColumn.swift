import TrialCore

/// A character --DTC column parsed once: for every row the SAS date (days since 1960-01-01)
/// when the value is a complete, valid ISO 8601 date, or a code saying why not.
///
/// Rules that compare dates (--DY, start/end, after death) read these day numbers instead of
/// re-parsing text; the ISO 8601 rule re-parses only the rows coded `invalid` to explain them.
public struct DateColumn: Sendable {
    /// The value is empty.
    public static let missing: Int32 = .min
    /// The value is not valid ISO 8601 or not a calendar date.
    public static let invalid: Int32 = .min + 1
    /// The value is valid ISO 8601 but not complete to the day (e.g. `2021-03`).
    public static let partial: Int32 = .min + 2

    /// Per row: a SAS date, or `missing`, `invalid` or `partial`.
    public let days: [Int32]

    /// Parses every value of `column`.
    public init(_ column: Column) {
        var out = [Int32](repeating: DateColumn.missing, count: column.values.count)
        for (i, v) in column.values.enumerated() {
            guard case .character(let s) = v else {
                if case .number = v { out[i] = DateColumn.invalid }
                continue
            }
            out[i] = DateColumn.code(s)
        }
        days = out
    }

    /// True for a SAS date (not one of the codes).
    @inlinable public static func isDate(_ d: Int32) -> Bool { d > DateColumn.partial }

    /// The code or SAS date of one text value.
    public static func code(_ text: String) -> Int32 {
        if text.isEmpty || text.allSatisfy({ $0 == " " }) { return missing }
        if let d = fastDay(text) { return d }
        guard let p = try? PartialDateTime.parseISO8601(text) else { return invalid }
        guard let date = p.date else { return partial }
        return Int32(date.sasDate)
    }

    /// Fast path for `YYYY-MM-DD` and `YYYY-MM-DDThh:mm[:ss]`: the SAS date, or `nil` to
    /// fall back to the full parser.
    static func fastDay(_ text: String) -> Int32? {
        var t = text
        return t.withUTF8 { b -> Int32? in
            guard b.count == 10 || b.count == 16 || b.count == 19 else { return nil }
            guard b[4] == 45, b[7] == 45 else { return nil }
            func num(_ from: Int, _ n: Int) -> Int? {
                var x = 0
                for k in from..<(from + n) {
                    let c = b[k]
                    guard c >= 48, c <= 57 else { return nil }
                    x = x * 10 + Int(c - 48)
                }
                return x
            }
            guard let y = num(0, 4), let m = num(5, 2), let d = num(8, 2) else { return nil }
            if b.count > 10 {
                guard b[10] == 84, b[13] == 58, let h = num(11, 2), let mi = num(14, 2),
                      h <= 23, mi <= 59 else { return nil }
                if b.count == 19 {
                    guard b[16] == 58, let s = num(17, 2), s <= 59 else { return nil }
                }
            }
            guard let date = CalendarDate(year: y, month: m, day: d) else { return nil }
            return Int32(date.sasDate)
        }
    }
}
