/// The result of a validation run: the datasets looked at, every rule's outcome, and all
/// findings in rule order (within a rule: dataset name, then row).
///
/// Render it with `ReportFormat` (`text`, `json`, `html`, `csv`); `hasErrors` decides the
/// CLI's exit code 1.
public struct ValidationReport: Sendable, Hashable, Codable {
    /// The input datasets.
    public var datasets: [DatasetSummary]
    /// One outcome per rule of the rule set, in rule order.
    public var rules: [RuleOutcome]
    /// All findings.
    public var findings: [Finding]
    /// CT packages declared by the specs, e.g. `SDTM CT 2024-03-29`.
    public var terminologyPackages: [String]

    /// Creates a report.
    public init(datasets: [DatasetSummary], rules: [RuleOutcome], findings: [Finding],
                terminologyPackages: [String] = []) {
        self.datasets = datasets
        self.rules = rules
        self.findings = findings
        self.terminologyPackages = terminologyPackages
    }

    /// Number of findings per severity (every severity present, possibly 0).
    public var countsBySeverity: [Severity: Int] {
        var c: [Severity: Int] = [.error: 0, .warning: 0, .notice: 0]
        for f in findings { c[f.severity, default: 0] += 1 }
        return c
    }

    /// True when at least one finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// Number of rules that ran.
    public var executedRuleCount: Int { rules.filter { $0.status == .executed }.count }

    /// The findings of rule `id`, in report order.
    public func findings(ofRule id: String) -> [Finding] { findings.filter { $0.ruleID == id } }
}
