import TrialCore

/// TD0303: no study day variable (`--DY`, `--STDY`, `--ENDY`, `VISITDY`, ADaM `ADY`…) is 0.
public struct StudyDayNotZero: ValidationRule {
    public let id = "TD0303"
    public let severity = Severity.error
    public let scope = RuleScope.all
    public let title = "Study day is 0"
    public let description = "CDISC study days have no day 0: the reference date is day 1 and the day before it is day −1. A 0 comes from computing date − reference without the +1."
    public let fix = "Recompute the study day: date − reference + 1 on or after the reference, date − reference before it."
    public let equivalents = ["SD0038"]

    /// Creates the rule.
    public init() {}

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
