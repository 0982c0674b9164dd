import TrialCore

/// TD0602: a questionnaire item with QSSTAT = NOT DONE has no result (QSORRES, QSSTRESC,
/// QSSTRESN empty).
public struct NotDoneHasNoResult: ValidationRule {
    /// Rule id.
    public let id = "TD0602"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["QS"])
    /// One-line title.
    public let title = "Result present for an item marked NOT DONE"
    /// What is checked and why.
    public let description = "QSSTAT = NOT DONE says the item was not answered, so QSORRES, QSSTRESC and QSSTRESN must be empty (the reason goes in QSREASND). A result together with NOT DONE contradicts itself."
    /// How to fix a finding.
    public let fix = "If the item was answered, clear QSSTAT (and QSREASND); if it was not, clear the result variables."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("QSSTAT") != nil } ? nil : "QS has no QSSTAT"
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let stat = ds.values("QSSTAT") else { continue }
            let results = ["QSORRES", "QSSTRESC", "QSSTRESN"].compactMap { n in ds.values(n).map { (n, $0) } }
            for row in 0..<ds.rowCount where stat[row].text.uppercased() == "NOT DONE" {
                let filled = results.filter { !ValueReading.isMissing($0.1[row]) }
                guard let first = filled.first else { continue }
                let shown = filled.map { "\($0.0)='\($0.1[row].text)'" }.joined(separator: ", ")
                findings.append(finding(ds, row: row, variable: first.0, value: first.1[row].text,
                    "QSSTAT is NOT DONE but the result is filled in (\(shown))",
                    expected: "QSORRES, QSSTRESC and QSSTRESN empty"))
            }
        }
    }
}
