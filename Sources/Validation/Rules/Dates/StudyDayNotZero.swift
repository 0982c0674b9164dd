import TrialCore

/// TD0303: no study day variable (`--DY`, `--STDY`, `--ENDY`, `VISITDY`, ADaM `ADY`…) is 0.
public struct StudyDayNotZero: ValidationRule {
    /// Rule id.
    public let id = "TD0303"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Study day is 0"
    /// What is checked and why.
    public let description = "CDISC study days have no day 0: the reference date is day 1 and the day before it is day −1. A 0 comes from computing date − reference without the +1."
    /// How to fix a finding.
    public let fix = "Recompute the study day: date − reference + 1 on or after the reference, date − reference before it."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0038"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets {
            for col in ds.dataset.columns {
                let n = col.name.uppercased()
                guard n.hasSuffix("DY"), n.count > 2 else { continue }
                for (row, v) in col.values.enumerated() where ValueReading.number(v) == 0 {
                    findings.append(finding(ds, row: row, variable: col.name, value: "0",
                        "\(col.name) is 0; study days skip 0 (the day before day 1 is day −1)",
                        expected: "a non-zero study day"))
                }
            }
        }
    }
}
