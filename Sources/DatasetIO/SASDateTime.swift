import TrialCore

/// SAS date, datetime and time numbers ↔ ISO 8601 text, and which SAS formats mark them.
///
/// Conventions: a date is days since 1960-01-01; a datetime is seconds since
/// 1960-01-01T00:00:00; a time is seconds since midnight.
public enum SASDateTime {
    /// What a numeric variable's format says it holds.
    public enum Kind: String, Sendable {
        /// Days since 1960-01-01.
        case date
        /// Seconds since 1960-01-01T00:00:00.
        case datetime
        /// Seconds since midnight.
        case time
    }

    static let dateFormats: Set<String> = ["DATE", "E8601DA", "IS8601DA", "B8601DA", "YYMMDD", "MMDDYY",
                                           "DDMMYY", "WORDDATE", "WEEKDATE", "MONYY", "YYMMDDN", "DAY", "YYQ"]
    static let datetimeFormats: Set<String> = ["DATETIME", "E8601DT", "IS8601DT", "B8601DT", "DATEAMPM", "E8601DN"]
    static let timeFormats: Set<String> = ["TIME", "E8601TM", "IS8601TM", "B8601TM", "TOD", "HHMM", "TIMEAMPM"]

    /// The kind a SAS display format (e.g. `DATE9.`) implies, or `nil` for other formats.
    public static func kind(ofFormat format: String?) -> Kind? {
        guard let format, let f = SASFormat(format) else { return nil }
        if dateFormats.contains(f.name) { return .date }
        if datetimeFormats.contains(f.name) { return .datetime }
        if timeFormats.contains(f.name) { return .time }
        return nil
    }

    /// ISO 8601 text of a whole SAS number of the given kind (`2014-01-02`,
    /// `2014-01-02T10:20:30`, `10:20:30`), or `nil` when it is not a whole number in range.
    public static func iso8601(_ x: Double, kind: Kind) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { p in
            let n = writeISO8601(x, kind: kind, to: p.baseAddress!)
            return n == 0 ? nil : String(decoding: UnsafeBufferPointer(rebasing: p[..<n]), as: UTF8.self)
        }
    }

    /// Writes the ISO 8601 text of `iso8601(x, kind:)` to `p` (room for 19 bytes) and returns
    /// its length, or 0 when `x` is not a whole number of that kind in range.
    @inline(__always)
    static func writeISO8601(_ x: Double, kind: Kind, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard canWrite(x, kind: kind) else { return 0 }
        let n = Int(x)
        @inline(__always) func digits(_ v: Int, _ width: Int, at: Int) {
            var v = v
            for k in stride(from: at + width - 1, through: at, by: -1) {
                p[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            }
        }
        @inline(__always) func date(_ days: Int) {
            let d = CalendarDate(sasDate: days)
            digits(d.year, 4, at: 0); p[4] = 0x2D
            digits(d.month, 2, at: 5); p[7] = 0x2D
            digits(d.day, 2, at: 8)
        }
        @inline(__always) func time(_ secs: Int, at: Int) {
            digits(secs / 3600, 2, at: at); p[at + 2] = 0x3A
            digits(secs / 60 % 60, 2, at: at + 3); p[at + 5] = 0x3A
            digits(secs % 60, 2, at: at + 6)
        }
        switch kind {
        case .date:
            date(n)
            return 10
        case .datetime:
            let days = n >= 0 ? n / 86400 : -((-n + 86399) / 86400)
            date(days)
            p[10] = 0x54
            time(n - days * 86400, at: 11)
            return 19
        case .time:
            time(n, at: 0)
            return 8
        }
    }

    /// SAS dates of 0001-01-01 and 9999-12-31: the years ISO 8601 text can hold.
    private static let firstDay = CalendarDate(year: 1, month: 1, day: 1)?.sasDate ?? 0
    private static let lastDay = CalendarDate(year: 9999, month: 12, day: 31)?.sasDate ?? 0

    /// True when `iso8601(x, kind:)` gives text, without making it.
    @inline(__always)
    public static func canWrite(_ x: Double, kind: Kind) -> Bool {
        guard abs(x) < 1e13, Double(Int(x)) == x, !(x == 0 && x.sign == .minus) else { return false }
        let n = Int(x)
        switch kind {
        case .date: return n >= firstDay && n <= lastDay
        case .datetime:
            let days = n >= 0 ? n / 86400 : -((-n + 86399) / 86400)
            return days >= firstDay && days <= lastDay
        case .time: return n >= 0 && n < 86400
        }
    }

    /// The SAS number of ISO 8601 text of the given kind, or `nil` when the text is not a
    /// complete date / datetime (`YYYY-MM-DDThh:mm[:ss[.f]]`) / time (`hh:mm[:ss[.f]]`).
    public static func number(iso8601 text: String, kind: Kind) -> Double? {
        let b = Array(text.utf8)
        func num(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<(at + n) {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        func date(_ at: Int) -> Int? {
            guard b.count >= at + 10, b[at + 4] == 0x2D, b[at + 7] == 0x2D, let y = num(at, 4), let m = num(at + 5, 2),
                  let d = num(at + 8, 2), let c = CalendarDate(year: y, month: m, day: d) else { return nil }
            return c.sasDate
        }
        func time(_ at: Int) -> Double? {
            guard let h = num(at, 2), b.count >= at + 5, b[at + 2] == 0x3A, let mi = num(at + 3, 2),
                  h < 24, mi < 60 else { return nil }
            var s = 0.0
            if b.count > at + 5 {
                guard b[at + 5] == 0x3A, let sec = num(at + 6, 2), sec < 60 else { return nil }
                s = Double(sec)
                if b.count > at + 8 {
                    guard b[at + 8] == 0x2E, b.count > at + 9,
                          let frac = Double("0" + String(decoding: b[(at + 8)...], as: UTF8.self)) else { return nil }
                    s += frac
                }
            }
            return Double(h * 3600 + mi * 60) + s
        }
        switch kind {
        case .date:
            guard b.count == 10, let d = date(0) else { return nil }
            return Double(d)
        case .datetime:
            guard b.count >= 16, b[10] == 0x54, let d = date(0), let t = time(11) else { return nil }
            return Double(d) * 86400 + t
        case .time:
            return time(0)
        }
    }
}
