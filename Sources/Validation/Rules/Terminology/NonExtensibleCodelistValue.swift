import TrialCore

/// TD0201: a value of a variable with a non-extensible codelist is one of its terms.
public struct NonExtensibleCodelistValue: ValidationRule {
    public let id = "TD0201"
    public let severity = Severity.error
    public let scope = RuleScope.all
    public let title = "Value not in a non-extensible codelist"
    public let description = "The variable's spec names a non-extensible CDISC codelist (e.g. SEX, NY, AEOUT) and the value is not one of its submission values. Non-extensible codelists admit no sponsor values."
    public let fix = "Map the collected value to the CDISC submission value (mind case and spelling); if no term fits, the mapping or the CRF needs review."
    public let equivalents = ["CT2001"]

    /// Creates the rule.
    public init() {}

    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        TerminologyCheck.misses(context, extensible: false) { m in
            findings.append(finding(m.dataset, row: m.row, variable: m.column, value: m.value,
                                    TerminologyCheck.message(m), expected: TerminologyCheck.expected(m)))
        }
    }
}
