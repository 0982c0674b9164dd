import TrialCore

/// TD0305: a start date (`--STDTC`, `RFSTDTC`, `RFXSTDTC`) is not after its end date
/// (`--ENDTC`, `RFENDTC`, `RFXENDTC`) on the same record.
public struct StartNotAfterEnd: ValidationRule {
    /// Rule id.
    public let id = "TD0305"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Start date after end date"
    /// What is checked and why.
    public let description = "On one record the start (--STDTC) is later than the end (--ENDTC). Partial dates are compared at the precision both have (2021-03 vs 2021-02-15 is after; 2021-03 vs 2021-03-10 cannot be decided and is not reported); times are compared when both dates carry them."
    /// How to fix a finding.
    public let fix = "Check both dates against the source; a swapped start/end or a wrong year is the usual cause."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0013", "SD1002"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets {
            for start in ds.dateColumnNames where start.hasSuffix("STDTC") {
                let end = String(start.dropLast(5)) + "ENDTC"
                guard let s = ds.dates[start]?.days, let e = ds.dates[end]?.days,
                      let sc = ds.column(start), let ec = ds.column(end) else { continue }
                for row in 0..<ds.rowCount {
                    let a = s[row], b = e[row]
                    if a == DateColumn.missing || b == DateColumn.missing || a == DateColumn.invalid || b == DateColumn.invalid { continue }
                    let at = sc.values[row].text, bt = ec.values[row].text
                    let after: Bool
                    if DateColumn.isDate(a), DateColumn.isDate(b), a != b {
                        after = a > b
                    } else {
                        after = DateOrder.startIsAfterEnd(at, bt)
                    }
                    if after {
                        findings.append(finding(ds, row: row, variable: start, value: at,
                            "\(start) \(at) is after \(end) \(bt)", expected: "\(start) on or before \(end)"))
                    }
                }
            }
        }
    }
}
