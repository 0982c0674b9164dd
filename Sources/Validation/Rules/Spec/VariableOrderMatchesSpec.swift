import TrialCore

/// TD0109: the variables present come in the spec's order.
public struct VariableOrderMatchesSpec: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0109"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Variables not in the spec's order"
    /// What is checked and why.
    public let description = "The dataset's variables that are in the spec do not appear in the spec's order (reported once per dataset, at the first variable out of place)."
    /// How to fix a finding.
    public let fix = "Reorder the columns as the spec lists them."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD1079"]

    /// Creates the rule.
    public init() {}

    /// Datasets already checked: their metadata is the same in every chunk, so each is
    /// checked once, in the first chunk that has it.
    public func makeState() -> Set<String> { [] }

    /// Appends this rule's findings on the datasets of `context` not checked yet (see `description`).
    public func check(_ context: ValidationContext, state: inout Set<String>, into findings: inout [Finding]) {
        for ds in context.datasets where state.insert(ds.name).inserted {
            guard let spec = ds.spec else { continue }
            var position: [String: Int] = [:]
            for (i, v) in spec.variables.enumerated() { position[v.name.uppercased()] = i }
            var previous: (name: String, pos: Int)? = nil
            for col in ds.dataset.columns {
                guard let p = position[col.name.uppercased()] else { continue }
                if let prev = previous, p < prev.pos {
                    findings.append(finding(ds, variable: col.name,
                        "\(col.name) comes after \(prev.name) in the data but before it in the spec \(spec.name)",
                        expected: "spec order: " + ValueReading.list(spec.variables.map(\.name).filter { ds.column($0) != nil }, limit: 30)))
                    break
                }
                previous = (col.name, p)
            }
        }
    }
}
