/// Study day (`--DY`, ADaM `ADY`) of a date relative to a reference date, SDTMIG §4.4.4.
///
/// Day 1 is the reference date; there is no day 0: the day before day 1 is day −1.
/// `--DY = (date − ref) + 1` when date ≥ ref, else `date − ref`.
public enum StudyDay {
    /// The study day of `date` against `reference`.
    public static func of(_ date: CalendarDate, reference: CalendarDate) -> Int {
        let diff = reference.days(to: date)
        return diff >= 0 ? diff + 1 : diff
    }

    /// The study day, or `nil` unless both dates are complete to the day (never imputed).
    public static func of(_ date: PartialDateTime?, reference: PartialDateTime?) -> Int? {
        guard let d = date?.date, let r = reference?.date else { return nil }
        return of(d, reference: r)
    }

    /// The date that has study day `day` against `reference` (inverse of `of`; `day ≠ 0`).
    public static func date(ofDay day: Int, reference: CalendarDate) -> CalendarDate {
        reference.adding(days: day > 0 ? day - 1 : day)
    }
}
