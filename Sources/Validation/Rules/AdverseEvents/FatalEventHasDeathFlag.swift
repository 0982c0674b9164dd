import TrialCore

/// TD0504: a subject with a fatal AE (AEOUT = FATAL) is flagged dead in DM (DTHFL = Y).
public struct FatalEventHasDeathFlag: ValidationRule {
    /// Rule id.
    public let id = "TD0504"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.datasets(["AE"])
    /// One-line title.
    public let title = "Fatal AE but DM.DTHFL is not Y"
    /// What is checked and why.
    public let description = "An adverse event with outcome FATAL means the subject died, so DM.DTHFL must be Y (and DTHDTC should hold the date of death). Reported once per subject, at the first fatal AE."
    /// How to fix a finding.
    public let fix = "Set DTHFL = Y and DTHDTC in DM from the death record (DS), or correct AEOUT if the event was not fatal."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD1254"]

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        guard let dm = context.dm else { return "DM is not in the input" }
        if dm.column("DTHFL") == nil { return "DM has no DTHFL" }
        return context.datasets(in: scope).contains { $0.column("AEOUT") != nil } ? nil : "AE has no AEOUT"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        guard let dm = context.dm, let flags = dm.values("DTHFL") else { return }
        var reported = Set<Int32>()
        for ds in context.datasets(in: scope) {
            guard let outcome = ds.values("AEOUT") else { continue }
            for row in 0..<ds.rowCount where outcome[row].text.uppercased() == "FATAL" {
                let s = ds.subjects[row]
                guard s >= 0, !reported.contains(s) else { continue }
                let dmRow = context.dmRow[Int(s)]
                guard dmRow >= 0 else { continue }  // TD0403 reports subjects missing from DM
                let flag = flags[Int(dmRow)].text
                if flag.uppercased() == "Y" { continue }
                reported.insert(s)
                findings.append(finding(ds, row: row, variable: "AEOUT", value: "FATAL",
                    "AEOUT is FATAL but the subject's DM.DTHFL is " + (flag.isEmpty ? "empty" : "'\(flag)'"),
                    expected: "DM.DTHFL = Y"))
            }
        }
    }
}
