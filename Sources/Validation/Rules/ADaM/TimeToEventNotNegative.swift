import TrialCore

/// TD0803: AVAL of a time-to-event dataset is present and ≥ 0 (a duration).
public struct TimeToEventNotNegative: ValidationRule {
    /// Rule id.
    public let id = "TD0803"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adamTimeToEvent
    /// One-line title.
    public let title = "Time-to-event AVAL missing or negative"
    /// What is checked and why.
    public let description = "AVAL of a time-to-event parameter is the time from the origin STARTDT to the event or censoring date ADT (in the PARAM's unit, days by convention: ADT − STARTDT + 1). It cannot be negative or missing."
    /// How to fix a finding.
    public let fix = "Check ADT and STARTDT (an event or censoring before the origin usually means a wrong date or the wrong origin) and recompute AVAL."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("AVAL") != nil } ? nil : "no time-to-event dataset has AVAL"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let aval = ds.values("AVAL") else { continue }
            let paramcd = ds.values("PARAMCD")
            for (row, v) in aval.enumerated() {
                let param = paramcd.map { " (PARAMCD \($0[row].text))" } ?? ""
                guard let x = ValueReading.number(v) else {
                    findings.append(finding(ds, row: row, variable: "AVAL", value: v.text,
                        "AVAL is missing\(param); a time-to-event record needs a time", expected: "AVAL ≥ 0"))
                    continue
                }
                if x >= 0 { continue }
                findings.append(finding(ds, row: row, variable: "AVAL", value: Value.format(x),
                    "AVAL is \(Value.format(x))\(param); a time to event cannot be negative", expected: "AVAL ≥ 0"))
            }
        }
    }
}
