import TrialCore

/// TD0204: `--TESTCD` and `--TEST` are one-to-one within an SDTM dataset (QSTESTCD ↔ QSTEST).
public struct TestCodeMatchesName: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0204"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.sdtm
    /// One-line title.
    public let title = "--TESTCD and --TEST not one-to-one"
    /// What is checked and why.
    public let description = "In a findings domain each test code (--TESTCD) has exactly one test name (--TEST) and each name one code; otherwise summaries by test split or merge tests. Reported once per conflicting pair, at its first record."
    /// How to fix a finding.
    public let fix = "Take --TEST from the codelist decode of --TESTCD (mind trailing blanks, case and wording changes between CRF versions)."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["CT2003"]

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { TestCodeMatchesName.pair(of: $0) != nil }
            ? nil : "no SDTM dataset has both --TESTCD and --TEST"
    }

    /// The (--TESTCD, --TEST) variable names of `ds`, if it has both.
    static func pair(of ds: InputDataset) -> (code: String, name: String)? {
        let code = ds.domain + "TESTCD", name = ds.domain + "TEST"
        guard ds.column(code) != nil, ds.column(name) != nil else { return nil }
        return (code, name)
    }

    /// Nothing seen yet.
    public func makeState() -> [String: CodeNameTable] { [:] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout [String: CodeNameTable], into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let (codeVar, nameVar) = TestCodeMatchesName.pair(of: ds) else { continue }
            var table = state.removeValue(forKey: ds.name) ?? CodeNameTable()
            table.check(ds, code: codeVar, name: nameVar, for: self, into: &findings)
            state[ds.name] = table
        }
    }
}
