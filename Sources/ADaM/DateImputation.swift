import TrialCore

/// How a partial ISO 8601 date (`2021-05`, `2021`) becomes an analysis date, admiral-style
/// (`derive_vars_dt(highest_imputation =, date_imputation =, min_dates =, max_dates =)`).
///
/// Declared in configuration as `{rule: first|middle|last, highest: day|month}`:
/// - `first`: missing day → 1st of the month; missing month and day → 1 January;
/// - `middle`: missing day → 15th; missing month and day → 30 June (admiral's `"mid"`);
/// - `last`: missing day → last day of the month; missing month and day → 31 December.
/// An unknown inner month (`2021---15`) counts as a missing month: the day is not kept.
/// `highest` is the highest component that may be imputed: `day` imputes only a missing
/// day; `month` also a missing month. A missing year is never imputed (the date stays missing).
///
/// Reference dates bound the result when they fall inside the range of dates the partial
/// date can mean: the imputed date is never after a `notAfter` date (death, data cut-off)
/// and never before a `notBefore` date (treatment start). A reference outside the range says
/// nothing about the partial date and is ignored, as in admiral.
public struct DateImputation: Sendable, Hashable, Codable {
    /// Which day of the possible range is taken.
    public enum Rule: String, Sendable, Hashable, Codable {
        /// The first possible day.
        case first
        /// The middle: day 15, or 30 June for a year-only date.
        case middle
        /// The last possible day.
        case last
    }

    /// The highest date component that may be imputed.
    public enum Level: String, Sendable, Hashable, Codable {
        /// Only a missing day is imputed (`2021-05` → date; `2021` → missing).
        case day
        /// A missing day, or a missing month and day (`2021` → date).
        case month
    }

    /// The imputation rule.
    public var rule: Rule
    /// The highest component imputed.
    public var highest: Level

    /// Creates an imputation (default: first day, month may be imputed).
    public init(rule: Rule = .first, highest: Level = .month) {
        self.rule = rule
        self.highest = highest
    }

    /// No imputation: only complete dates are used.
    public static let none: DateImputation? = nil

    /// The analysis date for `dtc` with its imputation flag, or `nil` when `dtc` is empty,
    /// malformed, has no year, or misses a component above `highest`.
    ///
    /// `notAfter` / `notBefore` are reference dates (see the type's documentation); the
    /// imputation flag is `D` (day imputed) or `M` (month and day imputed), `nil` for a
    /// complete date. A restriction by a reference date keeps the flag of the imputation.
    public func impute(_ dtc: String, notAfter: [CalendarDate] = [], notBefore: [CalendarDate] = []) -> ImputedDate? {
        guard let p = try? PartialDateTime.parseISO8601(dtc) else { return nil }
        return impute(p, notAfter: notAfter, notBefore: notBefore)
    }

    /// The analysis date for a parsed partial date (see `impute(_:notAfter:notBefore:)`).
    public func impute(_ p: PartialDateTime, notAfter: [CalendarDate] = [], notBefore: [CalendarDate] = []) -> ImputedDate? {
        if let d = p.date { return ImputedDate(date: d, flag: nil) }
        guard let range = DateImputation.possibleRange(p, highest: highest) else { return nil }
        let flag: String = (p.month == nil) ? "M" : "D"
        var date: CalendarDate
        switch rule {
        case .first: date = range.lowerBound
        case .last: date = range.upperBound
        case .middle:
            if p.month == nil {
                date = CalendarDate(year: range.lowerBound.year, month: 6, day: 30)!
            } else {
                date = CalendarDate(year: range.lowerBound.year, month: range.lowerBound.month, day: 15)!
            }
        }
        // Restrict by references that lie in the possible range (admiral: min_dates/max_dates).
        for m in notBefore where range.contains(m) && date < m { date = m }
        for m in notAfter where range.contains(m) && date > m { date = m }
        return ImputedDate(date: date, flag: flag)
    }

    /// All calendar dates a partial date can mean, or `nil` when it cannot be imputed at `highest`.
    public static func possibleRange(_ p: PartialDateTime, highest: Level) -> ClosedRange<CalendarDate>? {
        guard let y = p.year else { return nil }
        if let m = p.month {
            if let d = p.day, let date = CalendarDate(year: y, month: m, day: d) { return date...date }
            guard let lo = CalendarDate(year: y, month: m, day: 1),
                  let hi = CalendarDate(year: y, month: m, day: CalendarDate.daysInMonth(year: y, month: m)) else { return nil }
            return lo...hi
        }
        guard highest == .month, let lo = CalendarDate(year: y, month: 1, day: 1),
              let hi = CalendarDate(year: y, month: 12, day: 31) else { return nil }
        return lo...hi
    }
}

/// An analysis date and its imputation flag (`--DTF`: `D`, `M`, or `nil` when not imputed).
public struct ImputedDate: Sendable, Hashable {
    /// The (possibly imputed) date.
    public var date: CalendarDate
    /// `D` when the day was imputed, `M` when month and day were, `nil` for a complete date.
    public var flag: String?

    /// Creates an imputed date.
    public init(date: CalendarDate, flag: String?) {
        self.date = date
        self.flag = flag
    }
}
