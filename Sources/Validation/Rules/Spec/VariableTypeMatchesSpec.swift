import TrialCore

/// TD0106: a variable's type (Char/Num) is the spec's.
public struct VariableTypeMatchesSpec: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0106"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Variable type differs from the spec"
    /// What is checked and why.
    public let description = "The variable is character where the spec says numeric, or the reverse (e.g. --DTC stored as a SAS date number, AGE stored as text)."
    /// How to fix a finding.
    public let fix = "Store the variable with the spec's type: ISO 8601 text for --DTC, numbers for --SEQ, AGE, --STRESN, --DY."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0055"]

    /// Creates the rule.
    public init() {}

    /// Datasets already checked: their metadata is the same in every chunk, so each is
    /// checked once, in the first chunk that has it.
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on the datasets of `context` not checked yet (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets where state.insert(ds.name).inserted {
            guard let spec = ds.spec else { continue }
            for col in ds.dataset.columns {
                guard let v = spec.variable(col.name), v.type != col.type else { continue }
                findings.append(finding(ds, variable: col.name, value: col.type.rawValue,
                    "\(col.name) is \(col.type.rawValue) in the data but \(v.type.rawValue) in the spec \(spec.name)",
                    expected: v.type.rawValue))
            }
        }
    }
}
