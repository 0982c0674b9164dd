import TrialCore

/// TD0104: every Exp variable of the spec is in the dataset.
public struct ExpectedVariablePresent: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0104"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Expected variable missing"
    /// What is checked and why.
    public let description = "A variable the spec marks Exp (expected: present, may be null) is not in the dataset. Expected variables are included even when no value was collected."
    /// How to fix a finding.
    public let fix = "Add the variable (empty if nothing was collected)."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0057"]

    /// Creates the rule.
    public init() {}

    /// Datasets already checked: their metadata is the same in every chunk, so each is
    /// checked once, in the first chunk that has it.
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on the datasets of `context` not checked yet (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets where state.insert(ds.name).inserted {
            guard let spec = ds.spec else { continue }
            for v in spec.variables where v.core == .exp && ds.column(v.name) == nil {
                findings.append(finding(ds, variable: v.name,
                    "\(ds.name) has no variable \(v.name) (\(v.label)), which the spec \(spec.name) marks Expected; include it even if it is empty",
                    expected: "variable \(v.name) present"))
            }
        }
    }
}
