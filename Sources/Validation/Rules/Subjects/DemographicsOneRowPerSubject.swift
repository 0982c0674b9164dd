import TrialCore

/// TD0404: DM has exactly one record per subject.
public struct DemographicsOneRowPerSubject: ValidationRule {
    public let id = "TD0404"
    public let severity = Severity.error
    public let scope = RuleScope.datasets(["DM"])
    public let title = "More than one DM record for a subject"
    public let description = "DM holds one record per subject; a second record with the same USUBJID makes every subject-level lookup (RFSTDTC, ARM, death) ambiguous."
    public let fix = "Keep one DM record per USUBJID; if two subjects share an id, give them distinct USUBJIDs."
    public let equivalents = ["SD0083"]

    /// Creates the rule.
    public init() {}

    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            var first: [Int32: Int] = [:]
            for (row, s) in ds.subjects.enumerated() where s >= 0 {
                if let prior = first[s] {
                    let id = context.subjectIDs[Int(s)]
                    findings.append(finding(ds, row: row, variable: "USUBJID", value: id,
                        "USUBJID \(id) already has DM record \(prior + 1)", expected: "one DM record per subject"))
                } else {
                    first[s] = row
                }
            }
        }
    }
}
