import TrialCore

/// TD0101: a dataset that no spec describes is reported (never a crash), with its variables,
/// so the data manager knows only the generic rules checked it.
public struct DatasetWithoutSpec: ChunkAwareRule {
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

    /// A dataset without spec: what the finding says of it, its records counted over the chunks.
    public struct Unspecified: Sendable {
        var name: String
        var standard: Standard
        var domain: String
        var variables: [String]
        var records: Int
    }

    /// The datasets without spec seen so far, in the order first seen.
    public func makeState() -> [Unspecified] { [] }

    /// Counts the records of the datasets of `context` that no spec describes.
    public func check(_ context: ValidationContext, state: inout [Unspecified], into findings: inout [Finding]) {
        for ds in context.datasets where ds.spec == nil {
            if let i = state.firstIndex(where: { $0.name == ds.name }) {
                state[i].records += ds.rowCount
            } else {
                state.append(Unspecified(name: ds.name, standard: ds.standard, domain: ds.domain,
                                         variables: ds.dataset.columnNames, records: ds.rowCount))
            }
        }
    }

    /// One finding per dataset without spec, with its number of records in the whole study.
    public func finish(_ state: [Unspecified], into findings: inout [Finding]) {
        for u in state {
            findings.append(Finding(ruleID: id, severity: severity, dataset: u.name,
                message: "\(u.name) (\(u.standard.rawValue), \(u.records) records) is not described by the specs; its \(u.variables.count) variables were not checked against a spec: \(ValueReading.list(u.variables, limit: 40))",
                expected: "a spec named \(u.name)" + (u.domain != u.name ? " or \(u.domain)" : "")))
        }
    }
}
