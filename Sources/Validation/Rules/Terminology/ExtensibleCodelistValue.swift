import TrialCore

/// TD0202: a value of a variable with an extensible codelist is one of its terms, or is
/// reported as a sponsor extension.
public struct ExtensibleCodelistValue: ValidationRule {
    /// Rule id.
    public let id = "TD0202"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Value not in an extensible codelist"
    /// What is checked and why.
    public let description = "The variable's spec names an extensible codelist and the value is not one of its terms. Sponsors may extend such codelists, but each extension must be intended and declared in define.xml."
    /// How to fix a finding.
    public let fix = "Use the CDISC term when one exists (synonyms are a common cause); otherwise add the value to the study's codelist in specs/ct as a sponsor extension."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["CT2002"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        TerminologyCheck.misses(context, extensible: true) { m in
            findings.append(finding(m.dataset, row: m.row, variable: m.column, value: m.value,
                                    TerminologyCheck.message(m), expected: TerminologyCheck.expected(m)))
        }
    }
}
