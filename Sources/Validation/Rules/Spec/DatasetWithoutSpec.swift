import TrialCore

/// TD0101: a dataset that no spec describes is reported (never a crash), with its variables,
/// so the data manager knows only the generic rules checked it.
public struct DatasetWithoutSpec: ValidationRule {
    /// Rule id.
    public let id = "TD0101"
    /// Default severity.
    public let severity = Severity.notice
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Dataset not described by the specs"
    /// What is checked and why.
    public let description = "The dataset has no spec under specs/sdtm or specs/adam (neither by its name nor, for a split SDTM dataset, by its DOMAIN). Spec rules (variables, types, lengths, labels, order, terminology) could not check it; generic rules (dates, subjects, sequence numbers, keys) still did."
    /// How to fix a finding.
    public let fix = "If the dataset belongs in the delivery, add specs/<standard>/<NAME>.yaml; otherwise remove it from the folder validated."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets where ds.spec == nil {
            let vars = ds.dataset.columnNames
            findings.append(finding(ds,
                "\(ds.name) (\(ds.standard.rawValue), \(ds.rowCount) records) is not described by the specs; its \(vars.count) variables were not checked against a spec: \(ValueReading.list(vars, limit: 40))",
                expected: "a spec named \(ds.name)" + (ds.domain != ds.name ? " or \(ds.domain)" : "")))
        }
    }
}
