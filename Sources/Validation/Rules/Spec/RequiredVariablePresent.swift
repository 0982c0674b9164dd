import TrialCore

/// TD0102: every Req variable of the spec is in the dataset.
public struct RequiredVariablePresent: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0102"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Required variable missing"
    /// What is checked and why.
    public let description = "A variable the spec marks Req (required: present and never null) is not in the dataset."
    /// How to fix a finding.
    public let fix = "Add the variable to the dataset (derive or map it); if the spec is wrong, change its core in the spec."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0056"]

    /// Creates the rule.
    public init() {}

    /// Datasets already checked: their metadata is the same in every chunk, so each is
    /// checked once, in the first chunk that has it.
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on the datasets of `context` not checked yet (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets where state.insert(ds.name).inserted {
            guard let spec = ds.spec else { continue }
            for v in spec.variables where v.core == .req && ds.column(v.name) == nil {
                findings.append(finding(ds, variable: v.name,
                    "\(ds.name) has no variable \(v.name) (\(v.label)), which the spec \(spec.name) marks Required",
                    expected: "variable \(v.name) present"))
            }
        }
    }
}
