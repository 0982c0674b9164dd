import TrialCore

/// TD0102: every Req variable of the spec is in the dataset.
public struct RequiredVariablePresent: ValidationRule {
    public let id = "TD0102"
    public let severity = Severity.error
    public let scope = RuleScope.all
    public let title = "Required variable missing"
    public let description = "A variable the spec marks Req (required: present and never null) is not in the dataset."
    public let fix = "Add the variable to the dataset (derive or map it); if the spec is wrong, change its core in the spec."
    public let equivalents = ["SD0056"]

    /// Creates the rule.
    public init() {}

    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets {
            guard let spec = ds.spec else { continue }
            for v in spec.variables where v.core == .req && ds.column(v.name) == nil {
                findings.append(finding(ds, variable: v.name,
                    "\(ds.name) has no variable \(v.name) (\(v.label)), which the spec \(spec.name) marks Required",
                    expected: "variable \(v.name) present"))
            }
        }
    }
}
