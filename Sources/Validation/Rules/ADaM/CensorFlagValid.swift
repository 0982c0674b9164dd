import TrialCore

/// TD0802: CNSR of a time-to-event dataset is 0 (event) or 1 (censored) on every record.
public struct CensorFlagValid: ValidationRule {
    /// Rule id.
    public let id = "TD0802"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adamTimeToEvent
    /// One-line title.
    public let title = "CNSR is not 0 or 1"
    /// What is checked and why.
    public let description = "In ADaM time-to-event data CNSR = 0 is an event and CNSR > 0 a censoring. This project's analyses read CNSR as 0/1: a missing, negative or fractional CNSR is an error; another positive integer (ADaMIG allows distinct censoring codes) is a warning so that the analysis mapping is checked."
    /// How to fix a finding.
    public let fix = "Set CNSR = 0 for events and 1 for censored records; if distinct censoring codes are intended, make sure every analysis maps CNSR > 0 to censored."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let cnsr = ds.values("CNSR") else { continue }
            for (row, v) in cnsr.enumerated() {
                guard let x = ValueReading.number(v) else {
                    findings.append(finding(ds, row: row, variable: "CNSR", value: v.text,
                        "CNSR is " + (ValueReading.isMissing(v) ? "missing" : "'\(v.text)', not a number"), expected: "0 or 1"))
                    continue
                }
                if x == 0 || x == 1 { continue }
                let positiveInteger = x > 1 && x == x.rounded()
                findings.append(finding(ds, row: row, variable: "CNSR", value: Value.format(x),
                    positiveInteger
                        ? "CNSR is \(Value.format(x)): a censoring code other than 1; check that analyses treat it as censored"
                        : "CNSR is \(Value.format(x)); it must be 0 (event) or 1 (censored)",
                    expected: "0 or 1", severity: positiveInteger ? .warning : .error))
            }
        }
    }
}
