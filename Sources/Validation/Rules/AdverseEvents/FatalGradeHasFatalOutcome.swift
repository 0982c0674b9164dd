import TrialCore

/// TD0503: an AE of CTCAE grade 5 (death) has AEOUT = FATAL.
public struct FatalGradeHasFatalOutcome: ValidationRule {
    public let id = "TD0503"
    public let severity = Severity.error
    public let scope = RuleScope.datasets(["AE"])
    public let title = "Grade 5 AE without a fatal outcome"
    public let description = "CTCAE grade 5 means the adverse event led to death, so its outcome AEOUT must be FATAL."
    public let fix = "Set AEOUT = FATAL for the grade 5 event, or correct the grade; check DM.DTHDTC/DTHFL and DS for the death as well."
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        let ae = context.datasets(in: scope)
        if !ae.contains(where: { $0.column("AETOXGR") != nil }) { return "AE has no AETOXGR" }
        if !ae.contains(where: { $0.column("AEOUT") != nil }) { return "AE has no AEOUT" }
        return nil
    }

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
