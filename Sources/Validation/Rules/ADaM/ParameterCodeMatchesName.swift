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
            guard let codes = ds.values("PARAMCD"), let names = ds.values("PARAM") else { continue }
            var seen = state.removeValue(forKey: ds.name) ?? CodeNames()
            defer { state[ds.name] = seen }
            for row in 0..<ds.rowCount {
                let c = codes[row].text, n = names[row].text
                if c.isEmpty && n.isEmpty { continue }
                if let prior = seen.nameOf[c], prior != n {
                    if seen.reported.insert("C\u{1F}\(c)\u{1F}\(n)").inserted {
                        findings.append(finding(ds, row: row, variable: "PARAM", value: n,
                            "PARAMCD \(c) has PARAM '\(n)' here but '\(prior)' on an earlier record",
                            expected: prior))
                    }
                } else if seen.nameOf[c] == nil { seen.nameOf[c] = n }
                if let prior = seen.codeOf[n], prior != c {
                    if seen.reported.insert("N\u{1F}\(n)\u{1F}\(c)").inserted {
                        findings.append(finding(ds, row: row, variable: "PARAMCD", value: c,
                            "PARAM '\(n)' has PARAMCD \(c) here but \(prior) on an earlier record",
                            expected: prior))
                    }
                } else if seen.codeOf[n] == nil { seen.codeOf[n] = c }
            }
        }
    }
}
