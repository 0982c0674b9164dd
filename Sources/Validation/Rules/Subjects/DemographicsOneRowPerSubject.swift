import TrialCore

/// TD0404: DM has exactly one record per subject.
public struct DemographicsOneRowPerSubject: ValidationRule {
    /// Rule id.
    public let id = "TD0404"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["DM"])
    /// One-line title.
    public let title = "More than one DM record for a subject"
    /// What is checked and why.
    public let description = "DM holds one record per subject; a second record with the same USUBJID makes every subject-level lookup (RFSTDTC, ARM, death) ambiguous."
    /// How to fix a finding.
    public let fix = "Keep one DM record per USUBJID; if two subjects share an id, give them distinct USUBJIDs."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0083"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        appendRepeatedSubjectRecords(context, name: "DM", into: &findings)
    }
}
