import TrialCore

/// TD0304: `--DY` is populated only when `--DTC` and RFSTDTC are complete dates (SDTM never
/// imputes).
public struct StudyDayWithoutCompleteDate: ValidationRule {
    /// Rule id.
    public let id = "TD0304"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.sdtm
    /// One-line title.
    public let title = "--DY populated without a complete date"
    /// What is checked and why.
    public let description = "A study day can be computed only when both --DTC and the subject's RFSTDTC are complete to the day; SDTM does not impute, so --DY must be null for a partial or missing date."
    /// How to fix a finding.
    public let fix = "Leave --DY empty when --DTC or RFSTDTC is partial or missing (imputation belongs in ADaM)."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD1085", "SD1089", "SD1093"]

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
                guard let dates = ds.dates[pair.dtc]?.days, let dtcCol = ds.column(pair.dtc) else { continue }
                let dys = ds.dataset.columns[pair.column].values
                for row in 0..<ds.rowCount {
                    guard let dy = ValueReading.number(dys[row]) else { continue }
                    let d = dates[row]
                    let s = ds.subjects[row]
                    if s >= 0, context.dmRow[Int(s)] < 0 { continue }  // TD0403 reports it
                    let ref = s >= 0 ? context.referenceStart[Int(s)] : DateColumn.missing
                    if d == DateColumn.invalid { continue }  // TD0301 reports it
                    if !DateColumn.isDate(d) {
                        let what = d == DateColumn.missing ? "\(pair.dtc) is empty" : "\(pair.dtc) '\(dtcCol.values[row].text)' is partial"
                        findings.append(finding(ds, row: row, variable: pair.dy, value: Value.format(dy),
                            "\(pair.dy) is \(Value.format(dy)) but \(what); a study day needs a complete date",
                            expected: "\(pair.dy) null"))
                    } else if !DateColumn.isDate(ref) {
                        findings.append(finding(ds, row: row, variable: pair.dy, value: Value.format(dy),
                            "\(pair.dy) is \(Value.format(dy)) but the subject's DM.RFSTDTC is missing or partial; a study day needs a complete reference date",
                            expected: "\(pair.dy) null"))
                    }
                }
            }
        }
    }
}
