import StudyModel
import TrialCore

/// What every domain mapper needs to know about one subject: identifiers and the reference
/// date (DM.RFSTDTC = inclusion) that study days and epochs are computed against.
struct SubjectContext {
    /// The subject record.
    let subject: Subject
    /// `STUDYID-SITEID-SUBJID`.
    let usubjid: String
    /// Inclusion date when complete to the day (study day 1), else `nil`.
    let reference: CalendarDate?

    init(subject: Subject, studyID: String) {
        self.subject = subject
        self.usubjid = SubjectContext.usubjid(studyID: studyID, siteID: subject.siteID, subjectID: subject.subjectID)
        self.reference = subject.inclusionDate?.date
    }

    /// USUBJID = STUDYID-SITEID-SUBJID.
    static func usubjid(studyID: String, siteID: String, subjectID: String) -> String {
        studyID + "-" + siteID + "-" + subjectID
    }

    /// --DY of `date` (no day 0), or missing unless `date` and the reference are complete dates.
    func studyDay(_ date: PartialDateTime?) -> Value {
        guard let reference, let d = date?.date else { return .dot }
        return .number(Double(StudyDay.of(d, reference: reference)))
    }

    /// EPOCH of an observation at `date`: `SCREENING` before study day 1, `TREATMENT` from day 1
    /// on, `""` when the date (or the reference) is missing or too partial to tell.
    func epoch(_ date: PartialDateTime?) -> String {
        guard let reference, let date, let (earliest, latest) = SubjectContext.bounds(of: date) else { return "" }
        if latest < reference { return "SCREENING" }
        if earliest >= reference { return "TREATMENT" }
        return ""
    }

    /// The earliest and latest calendar dates a possibly partial date can stand for
    /// (`2021` → 2021-01-01…2021-12-31; `2021-02` → 2021-02-01…2021-02-28), or `nil`
    /// without a year. A day without a month is ignored.
    static func bounds(of date: PartialDateTime) -> (CalendarDate, CalendarDate)? {
        guard let y = date.year, (1...9999).contains(y) else { return nil }
        guard let m = date.month, (1...12).contains(m) else {
            guard let a = CalendarDate(year: y, month: 1, day: 1), let b = CalendarDate(year: y, month: 12, day: 31) else { return nil }
            return (a, b)
        }
        if let d = date.day, let c = CalendarDate(year: y, month: m, day: d) { return (c, c) }
        guard let a = CalendarDate(year: y, month: m, day: 1),
              let b = CalendarDate(year: y, month: m, day: CalendarDate.daysInMonth(year: y, month: m)) else { return nil }
        return (a, b)
    }
}

extension Value {
    /// A character value from an optional string (`nil` → `""`).
    static func text(_ s: String?) -> Value { .character(s ?? "") }
    /// A numeric value from an optional integer (`nil` → `.`).
    static func int(_ n: Int?) -> Value { n.map { .number(Double($0)) } ?? .dot }
    /// The ISO 8601 form of a possibly partial date, kept at its collected precision (`""` when `nil`).
    static func dtc(_ d: PartialDateTime?) -> Value { .character(d?.iso8601 ?? "") }
}
