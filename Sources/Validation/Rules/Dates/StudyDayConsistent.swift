import TrialCore

/// TD0302: `--DY` equals the study day of `--DTC` against DM.RFSTDTC (SDTMIG 4.4.4:
/// date − RFSTDTC + 1 on or after the reference, date − RFSTDTC before it; no day 0).
public struct StudyDayConsistent: ValidationRule {
    /// Rule id.
    public let id = "TD0302"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.sdtm
    /// One-line title.
    public let title = "--DY does not match --DTC and RFSTDTC"
    /// What is checked and why.
    public let description = "The study day must be (--DTC − RFSTDTC) + 1 when --DTC is on or after the subject's reference start date RFSTDTC, and --DTC − RFSTDTC when before (there is no day 0). Checked when both dates are complete."
    /// How to fix a finding.
    public let fix = "Recompute --DY from --DTC and DM.RFSTDTC; if RFSTDTC changed after --DY was derived, re-derive all study days."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD1086", "SD1090", "SD1094"]

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        missingReferenceStartDate(context)
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            for pair in StudyDayPairs.of(ds) {
                guard let dates = ds.dates[pair.dtc]?.days else { continue }
                let dys = ds.dataset.columns[pair.column].values
                for row in 0..<ds.rowCount {
                    guard let dy = ValueReading.number(dys[row]), dy != 0 else { continue }
                    let d = dates[row]
                    let s = ds.subjects[row]
                    guard DateColumn.isDate(d), s >= 0 else { continue }
                    let ref = context.referenceStart[Int(s)]
                    guard DateColumn.isDate(ref) else { continue }
                    let date = CalendarDate(sasDate: Int(d))
                    let reference = CalendarDate(sasDate: Int(ref))
                    let want = StudyDay.of(date, reference: reference)
                    if Double(want) != dy {
                        findings.append(finding(ds, row: row, variable: pair.dy, value: Value.format(dy),
                            "\(pair.dy) is \(Value.format(dy)) but \(pair.dtc) \(date.iso8601) is study day \(want) against RFSTDTC \(reference.iso8601)",
                            expected: String(want)))
                    }
                }
            }
        }
    }
}
