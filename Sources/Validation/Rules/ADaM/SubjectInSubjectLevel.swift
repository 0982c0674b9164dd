import TrialCore

/// TD0807: every subject of an ADaM dataset (ADTTE, ADAE, …) has an ADSL record.
public struct SubjectInSubjectLevel: ValidationRule {
    /// Rule id.
    public let id = "TD0807"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adam
    /// One-line title.
    public let title = "Subject not in ADSL"
    /// What is checked and why.
    public let description = "ADSL holds every subject of the analysis; a subject in ADTTE or another ADaM dataset without an ADSL record has no treatment or population flags and falls out of analyses. One finding per subject and dataset."
    /// How to fix a finding.
    public let fix = "Derive the dataset from subjects in ADSL only, or add the missing subject to ADSL."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.adsl == nil ? "ADSL is not in the input" : nil
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let adsl = context.adsl else { return }
        let inADSL = Set(adsl.subjects)
        for ds in context.datasets(in: scope) where ds.name != "ADSL" && ds.usubjidColumn != nil {
            var firstRow: [Int32: Int] = [:]
            var count: [Int32: Int] = [:]
            for (row, s) in ds.subjects.enumerated() where s >= 0 && !inADSL.contains(s) {
                if firstRow[s] == nil { firstRow[s] = row }
                count[s, default: 0] += 1
            }
            for (s, row) in firstRow.sorted(by: { $0.value < $1.value }) {
                let id = context.subjectIDs[Int(s)]
                findings.append(finding(ds, row: row, variable: "USUBJID", value: id,
                    "USUBJID \(id) has \(count[s] ?? 0) record(s) in \(ds.name) but no ADSL record",
                    expected: "a USUBJID of ADSL"))
            }
        }
    }
}
