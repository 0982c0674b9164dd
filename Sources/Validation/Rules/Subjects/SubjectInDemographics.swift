import TrialCore

/// TD0403: every USUBJID of an SDTM dataset has a DM record.
public struct SubjectInDemographics: ValidationRule {
    /// Rule id.
    public let id = "TD0403"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.sdtm
    /// One-line title.
    public let title = "Subject not in DM"
    /// What is checked and why.
    public let description = "A USUBJID used in a domain has no record in DM. Every subject with data must be in DM (one finding per subject and dataset, at the subject's first record)."
    /// How to fix a finding.
    public let fix = "Add the subject to DM, or correct the USUBJID (a typo or a different site prefix is the usual cause)."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0064"]

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.dm == nil ? "DM is not in the input" : nil
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) where ds.name != "DM" && ds.usubjidColumn != nil {
            var firstRow: [Int32: Int] = [:]
            var count: [Int32: Int] = [:]
            for (row, s) in ds.subjects.enumerated() where s >= 0 && context.dmRow[Int(s)] < 0 {
                if firstRow[s] == nil { firstRow[s] = row }
                count[s, default: 0] += 1
            }
            for (s, row) in firstRow.sorted(by: { $0.value < $1.value }) {
                let id = context.subjectIDs[Int(s)]
                findings.append(finding(ds, row: row, variable: "USUBJID", value: id,
                    "USUBJID \(id) has \(count[s] ?? 0) record(s) in \(ds.name) but no record in DM",
                    expected: "a USUBJID of DM"))
            }
        }
    }
}
