import TrialCore

/// TD0108: a variable's label is the spec's label.
public struct LabelMatchesSpec: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0108"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Variable label differs from the spec"
    /// What is checked and why.
    public let description = "The variable's label is not the label the spec gives (compared after trimming blanks; case matters). Reviewers see labels in define.xml and in the data and expect them to agree."
    /// How to fix a finding.
    public let fix = "Set the label from the spec (writers that conform datasets to their spec do this)."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0063"]

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
                guard let v = spec.variable(col.name) else { continue }
                let have = col.label.trimmedSpaces()
                let want = v.label.trimmedSpaces()
                guard have != want else { continue }
                let how = have.isEmpty ? "has no label" : "is labelled '\(have)'"
                findings.append(finding(ds, variable: col.name, value: have,
                    "\(col.name) \(how); the spec \(spec.name) labels it '\(want)'",
                    expected: want))
            }
        }
    }
}
