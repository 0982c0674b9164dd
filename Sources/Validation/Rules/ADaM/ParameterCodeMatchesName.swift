import TrialCore

/// TD0806: PARAMCD and PARAM are one-to-one within a dataset.
public struct ParameterCodeMatchesName: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0806"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adam
    /// One-line title.
    public let title = "PARAMCD and PARAM not one-to-one"
    /// What is checked and why.
    public let description = "Each PARAMCD has exactly one PARAM (description) and each PARAM exactly one PARAMCD within a dataset; otherwise analyses selecting on one of them pick up the wrong records. Reported once per conflicting pair, at its first record."
    /// How to fix a finding.
    public let fix = "Make the parameter description identical on every record of a PARAMCD (watch trailing blanks and case), and give distinct parameters distinct codes."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("PARAMCD") != nil && $0.column("PARAM") != nil }
            ? nil : "no ADaM dataset has both PARAMCD and PARAM"
    }

    /// Nothing seen yet.
    public func makeState() -> [String: CodeNameTable] { [:] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout [String: CodeNameTable], into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard ds.column("PARAMCD") != nil, ds.column("PARAM") != nil else { continue }
            var table = state.removeValue(forKey: ds.name) ?? CodeNameTable()
            table.check(ds, code: "PARAMCD", name: "PARAM", for: self, into: &findings)
            state[ds.name] = table
        }
    }
}
