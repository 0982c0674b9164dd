import TrialCore

/// TD0105: every variable of the dataset is in its spec.
public struct VariableInSpec: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0105"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Variable not in the spec"
    /// What is checked and why.
    public let description = "The dataset has a variable its spec does not list: a typo, a variable that belongs in SUPP--, or a spec that needs updating."
    /// How to fix a finding.
    public let fix = "Rename a misspelt variable; move non-standard SDTM variables to SUPP--; or add the variable to the spec."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0058"]

    /// Creates the rule.
    public init() {}

    /// Datasets already checked: their metadata is the same in every chunk, so each is
    /// checked once, in the first chunk that has it.
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on the datasets of `context` not checked yet (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets where state.insert(ds.name).inserted {
            guard let spec = ds.spec else { continue }
            for col in ds.dataset.columns where spec.variable(col.name) == nil {
                let hint = ds.standard == .sdtm ? " (a non-standard SDTM variable belongs in SUPP\(ds.domain))" : ""
                findings.append(finding(ds, variable: col.name,
                    "\(col.name) is not a variable of the spec \(spec.name)\(hint)",
                    expected: "one of the \(spec.variables.count) variables of \(spec.name)"))
            }
        }
    }
}
