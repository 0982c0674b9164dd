import TrialCore

/// TD0203: every codelist a spec refers to is in the spec library.
public struct CodelistDefined: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0203"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Codelist referenced by the spec is missing"
    /// What is checked and why.
    public let description = "The spec gives the variable a codelist id that no file under specs/ct defines, so its values could not be checked against terminology."
    /// How to fix a finding.
    public let fix = "Add the codelist to specs/ct (from the CDISC CT package the study follows) or correct the id in the spec."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

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
                guard let id = spec.variable(col.name)?.codelist, context.specs.codelist(id) == nil else { continue }
                findings.append(finding(ds, variable: col.name, value: id,
                    "\(col.name) refers to codelist \(id), which is not defined under specs/ct; its values were not checked",
                    expected: "codelist \(id) in specs/ct"))
            }
        }
    }
}
