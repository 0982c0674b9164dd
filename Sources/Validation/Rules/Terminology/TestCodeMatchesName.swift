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

    /// Per dataset: the first name of each code, the first code of each name, and the
    /// mismatches already reported (kept across chunks: a code spans subjects).
    public struct CodeNames: Sendable {
        var nameOf: [String: String] = [:]
        var codeOf: [String: String] = [:]
        var reported = Set<String>()
    }

    /// Nothing seen yet.
    public func makeState() -> [String: CodeNames] { [:] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout [String: CodeNames], into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            guard let (codeVar, nameVar) = TestCodeMatchesName.pair(of: ds),
                  let codes = ds.values(codeVar), let names = ds.values(nameVar) else { continue }
            var seen = state.removeValue(forKey: ds.name) ?? CodeNames()
            defer { state[ds.name] = seen }
            var previous: (Value, Value)? = nil
            for row in 0..<ds.rowCount {
                if let p = previous, p.0 == codes[row], p.1 == names[row] { continue }
                previous = (codes[row], names[row])
                let c = codes[row].text, n = names[row].text
                if c.isEmpty && n.isEmpty { continue }
                if let prior = seen.nameOf[c] {
                    if prior != n, seen.reported.insert("C\u{1F}\(c)\u{1F}\(n)").inserted {
                        findings.append(finding(ds, row: row, variable: nameVar, value: n,
                            "\(codeVar) \(c) has \(nameVar) '\(n)' here but '\(prior)' on an earlier record", expected: prior))
                    }
                } else { seen.nameOf[c] = n }
                if let prior = seen.codeOf[n] {
                    if prior != c, seen.reported.insert("N\u{1F}\(n)\u{1F}\(c)").inserted {
                        findings.append(finding(ds, row: row, variable: codeVar, value: c,
                            "\(nameVar) '\(n)' has \(codeVar) \(c) here but \(prior) on an earlier record", expected: prior))
                    }
                } else { seen.codeOf[n] = c }
            }
        }
    }
}
