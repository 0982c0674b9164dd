import TrialCore

/// TD0502: AETOXGR, when present, is a CTCAE grade 1–5.
public struct ToxicityGradeInRange: ValidationRule {
    /// Rule id.
    public let id = "TD0502"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["AE"])
    /// One-line title.
    public let title = "AE toxicity grade outside 1–5"
    /// What is checked and why.
    public let description = "AETOXGR holds the CTCAE grade, an integer from 1 (mild) to 5 (death related to the AE). Any other value (0, 6, 'G3', 'Grade 2') cannot be summarised by grade."
    /// How to fix a finding.
    public let fix = "Store the bare grade number 1–5 (e.g. 'Grade 3' → 3); correct out-of-range grades at the source."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("AETOXGR") != nil } ? nil : "AE has no AETOXGR"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let grades = ds.values("AETOXGR") else { continue }
            for (row, v) in grades.enumerated() where !ValueReading.isMissing(v) {
                if let g = ValueReading.number(v), g == g.rounded(), (1...5).contains(g) { continue }
                findings.append(finding(ds, row: row, variable: "AETOXGR", value: v.text,
                    "AETOXGR '\(v.text)' is not a CTCAE grade", expected: "1, 2, 3, 4 or 5"))
            }
        }
    }
}
