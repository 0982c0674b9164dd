import TrialCore

/// TD0503: an AE of CTCAE grade 5 (death) has AEOUT = FATAL.
public struct FatalGradeHasFatalOutcome: ValidationRule {
    /// Rule id.
    public let id = "TD0503"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["AE"])
    /// One-line title.
    public let title = "Grade 5 AE without a fatal outcome"
    /// What is checked and why.
    public let description = "CTCAE grade 5 means the adverse event led to death, so its outcome AEOUT must be FATAL."
    /// How to fix a finding.
    public let fix = "Set AEOUT = FATAL for the grade 5 event, or correct the grade; check DM.DTHDTC/DTHFL and DS for the death as well."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        let ae = context.datasets(in: scope)
        if !ae.contains(where: { $0.column("AETOXGR") != nil }) { return "AE has no AETOXGR" }
        if !ae.contains(where: { $0.column("AEOUT") != nil }) { return "AE has no AEOUT" }
        return nil
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let grades = ds.values("AETOXGR"), let outcome = ds.values("AEOUT") else { continue }
            for row in 0..<ds.rowCount where ValueReading.number(grades[row]) == 5 {
                let out = outcome[row].text
                if out.uppercased() == "FATAL" { continue }
                findings.append(finding(ds, row: row, variable: "AEOUT", value: out,
                    "AETOXGR is 5 (death) but AEOUT is " + (out.isEmpty ? "empty" : "'\(out)'"),
                    expected: "FATAL"))
            }
        }
    }
}
