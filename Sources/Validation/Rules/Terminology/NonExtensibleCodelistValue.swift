import TrialCore

/// TD0201: a value of a variable with a non-extensible codelist is one of its terms.
public struct NonExtensibleCodelistValue: ValidationRule {
    /// Rule id.
    public let id = "TD0201"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Value not in a non-extensible codelist"
    /// What is checked and why.
    public let description = "The variable's spec names a non-extensible CDISC codelist (e.g. SEX, NY, AEOUT) and the value is not one of its submission values. Non-extensible codelists admit no sponsor values."
    /// How to fix a finding.
    public let fix = "Map the collected value to the CDISC submission value (mind case and spelling); if no term fits, the mapping or the CRF needs review."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["CT2001"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        TerminologyCheck.misses(context, extensible: false) { m in
            findings.append(finding(m.dataset, row: m.row, variable: m.column, value: m.value,
                                    TerminologyCheck.message(m), expected: TerminologyCheck.expected(m)))
        }
    }
}
