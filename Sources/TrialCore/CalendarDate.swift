/// A complete proleptic Gregorian calendar date (year, month, day), without time zone.
///
/// Converts to and from SAS date numbers (days since 1960-01-01, which is day 0) and to
/// ISO 8601 `YYYY-MM-DD`. Only valid calendar dates can be created (`2021-02-30` cannot).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Year (1–9999 in practice).
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day of month 1–28/29/30/31.
    public let day: Int

    /// A date, or `nil` when year/month/day do not form a calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `sasDate` days after 1960-01-01 (SAS date value; may be negative).
    public init(sasDate: Int) {
        // Inverse of `dayNumber` (civil-from-days, Gregorian, era of 400 years = 146097 days).
        let z = sasDate + CalendarDate.epoch1960 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 of 1960-01-01 is −3653; stored as the offset to add.
    private static let epoch1960 = -3653

    /// Days since 1970-01-01 (Unix day number).
    public var unixDay: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The SAS date value: days since 1960-01-01.
    public var sasDate: Int { unixDay - CalendarDate.epoch1960 }

    /// The date `n` days later (earlier for negative `n`).
    public func adding(days n: Int) -> CalendarDate { CalendarDate(sasDate: sasDate + n) }

    /// Signed number of days from `self` to `other` (`other − self`).
    public func days(to other: CalendarDate) -> Int { other.sasDate - sasDate }

    /// True for leap years of the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var iso8601: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Same as `iso8601`.
    public var description: String { iso8601 }

    /// Chronological order.
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
