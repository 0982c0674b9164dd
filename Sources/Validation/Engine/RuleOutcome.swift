/// What happened to one rule in a run: its metadata, whether it ran (and if not, why),
/// which datasets it looked at, how many findings it produced and how long it took.
public struct RuleOutcome: Sendable, Hashable, Codable {
    /// Whether the rule ran.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The rule ran on at least one dataset.
        case executed
        /// The rule could not run on this input; `reason` says why.
        case notExecuted = "not executed"
    }

    /// Rule id, e.g. `TD0301`.
    public var id: String
    /// Default severity.
    public var severity: Severity
    /// One-line title.
    public var title: String
    /// What the rule checks and why.
    public var description: String
    /// How to fix a finding.
    public var fix: String
    /// Equivalent Pinnacle 21 / FDA validator or CDISC CORE ids.
    public var equivalents: [String]
    /// Datasets the rule applies to, in words.
    public var scope: String
    /// Executed or not.
    public var status: Status
    /// Why the rule did not run, if it did not.
    public var reason: String?
    /// Datasets the rule looked at.
    public var datasets: [String]
    /// Number of findings.
    public var findingCount: Int
    /// Wall-clock time of the check in seconds (`nil` when not executed or not reported).
    public var seconds: Double?
    /// CPU time of the check's thread in seconds (`nil` when not executed or not reported);
    /// differs from `seconds` when the machine is busy.
    public var cpuSeconds: Double?

    /// Creates an outcome.
    public init(id: String, severity: Severity, title: String, description: String, fix: String,
                equivalents: [String], scope: String, status: Status, reason: String? = nil,
                datasets: [String], findingCount: Int, seconds: Double? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.description = description
        self.fix = fix
        self.equivalents = equivalents
        self.scope = scope
        self.status = status
        self.reason = reason
        self.datasets = datasets
        self.findingCount = findingCount
        self.seconds = seconds
    }
}
