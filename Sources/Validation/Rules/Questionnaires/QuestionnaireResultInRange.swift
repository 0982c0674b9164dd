import TrialCore

/// TD0601: QSSTRESN lies within the item's range: the configured range of its QSTESTCD
/// (`questionnaireRanges`), else the range the QS spec gives QSSTRESN.
public struct QuestionnaireResultInRange: ValidationRule {
    /// Rule id.
    public let id = "TD0601"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.datasets(["QS"])
    /// One-line title.
    public let title = "QSSTRESN outside the item's range"
    /// What is checked and why.
    public let description = "A questionnaire item has a fixed response scale (QLQ-C30 items 1–28: 1–4; items 29–30: 1–7). A standardised numeric result outside it is a data entry or mapping error. Ranges come from questionnaireRanges (per QSTESTCD) in the validation configuration, else from the spec's range for QSSTRESN."
    /// How to fix a finding.
    public let fix = "Correct the response at the source, or fix the mapping from the collected text to the score (e.g. reversed or 0-based coding)."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        let qs = context.datasets(in: scope)
        if !qs.contains(where: { $0.column("QSSTRESN") != nil }) { return "QS has no QSSTRESN" }
        if context.configuration.questionnaireRanges.isEmpty && !qs.contains(where: { $0.spec?.variable("QSSTRESN")?.range != nil }) {
            return "no item ranges: set questionnaireRanges in the validation configuration or a range on QSSTRESN in the QS spec"
        }
        return nil
    }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        let table = context.configuration.questionnaireRanges
        for ds in context.datasets(in: scope) {
            guard let results = ds.values("QSSTRESN") else { continue }
            let tests = ds.values("QSTESTCD")
            let specRange = ds.spec?.variable("QSSTRESN")?.range
            for row in 0..<ds.rowCount {
                guard let x = ValueReading.number(results[row]) else { continue }
                let test = tests?[row].text.uppercased() ?? ""
                guard let range = table[test] ?? specRange else { continue }
                if range.contains(x) { continue }
                let lo = Value.format(range.lowerBound), hi = Value.format(range.upperBound)
                findings.append(finding(ds, row: row, variable: "QSSTRESN", value: Value.format(x),
                    "QSSTRESN \(Value.format(x)) of \(test.isEmpty ? "the item" : test) is outside its range \(lo)–\(hi)",
                    expected: "\(lo) to \(hi)"))
            }
        }
    }
}
