import TrialCore

/// TD0103: a Req variable is never null.
public struct RequiredValuePresent: ValidationRule {
    /// Rule id.
    public let id = "TD0103"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Required variable is null"
    /// What is checked and why.
    public let description = "A variable the spec marks Req has an empty value on a record. Required variables must be populated on every record."
    /// How to fix a finding.
    public let fix = "Fill in the value from the source (CRF, derivation); if it is truly unknown, the record or the mapping is wrong."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0002"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets {
            guard let spec = ds.spec else { continue }
            for v in spec.variables where v.core == .req {
                guard let col = ds.column(v.name) else { continue }
                for (row, value) in col.values.enumerated() where ValueReading.isMissing(value) {
                    findings.append(finding(ds, row: row, variable: col.name, value: value.text,
                        "\(col.name) (\(v.label)) is null; the spec marks it Required",
                        expected: "a value"))
                }
            }
        }
    }
}
