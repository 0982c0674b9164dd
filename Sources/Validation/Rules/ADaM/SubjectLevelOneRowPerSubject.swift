import TrialCore

/// TD0801: ADSL has exactly one record per subject.
public struct SubjectLevelOneRowPerSubject: ValidationRule {
    /// Rule id.
    public let id = "TD0801"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["ADSL"])
    /// One-line title.
    public let title = "More than one ADSL record for a subject"
    /// What is checked and why.
    public let description = "ADSL is the subject-level analysis dataset: one record per subject. A second record makes every merge of ADSL variables into BDS/OCCDS datasets duplicate rows."
    /// How to fix a finding.
    public let fix = "Keep one ADSL record per USUBJID (derive subject-level variables before, not after, any merge that repeats subjects)."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        appendRepeatedSubjectRecords(context, name: "ADSL", into: &findings)
    }
}
