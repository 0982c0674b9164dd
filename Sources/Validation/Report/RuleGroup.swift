/// The findings of one rule with the rule's outcome, as the text and HTML reports list them:
/// rules with findings first, ordered by their worst severity (errors first), then by id.
struct RuleGroup {
    let outcome: RuleOutcome
    let findings: [Finding]

    /// The worst severity among the findings.
    var worst: Severity { findings.map(\.severity).max() ?? outcome.severity }

    /// Groups `report.findings` by rule, in report order.
    static func groups(_ report: ValidationReport) -> [RuleGroup] {
        var byRule: [String: [Finding]] = [:]
        for f in report.findings { byRule[f.ruleID, default: []].append(f) }
        let order = Dictionary(uniqueKeysWithValues: report.rules.enumerated().map { ($1.id, $0) })
        return report.rules.compactMap { o in
            guard let f = byRule[o.id], !f.isEmpty else { return nil }
            return RuleGroup(outcome: o, findings: f)
        }.sorted { a, b in
            if a.worst != b.worst { return a.worst > b.worst }
            return (order[a.outcome.id] ?? 0) < (order[b.outcome.id] ?? 0)
        }
    }

    /// Where the findings are: `AE.AESTDTC (12), QS.QSDTC (3)`, the `limit` most frequent
    /// dataset.variable places (ties by name), with how many more places there are.
    func places(limit: Int = 6) -> String {
        var c: [String: Int] = [:]
        for f in findings { c[f.dataset + (f.variable.map { "." + $0 } ?? ""), default: 0] += 1 }
        return RuleGroup.top(c, limit: limit)
    }

    /// The most frequent offending values when some repeat: `EX.EXROUTE='SUBCUTANEOUS' (1583)`;
    /// empty when no value occurs twice (then the occurrences say it all).
    func frequentValues(limit: Int = 5) -> String {
        var c: [String: Int] = [:]
        for f in findings where f.row != nil {
            guard let v = f.value, !v.isEmpty else { continue }
            c[f.dataset + (f.variable.map { "." + $0 } ?? "") + "='" + v + "'", default: 0] += 1
        }
        guard (c.values.max() ?? 0) > 1 else { return "" }
        return RuleGroup.top(c, limit: limit)
    }

    /// `a (3), b (2), … (+4 more)` of the largest counts.
    static func top(_ counts: [String: Int], limit: Int) -> String {
        let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var s = sorted.prefix(limit).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        if sorted.count > limit { s += ", … (+\(sorted.count - limit) more)" }
        return s
    }

    /// `3 errors, 1 warning` for this group's findings.
    var countText: String { RuleGroup.countText(findings.map(\.severity)) }

    /// `3 errors, 1 warning, 0 notices`-style text of severities (zeros left out, `no findings` if none).
    static func countText(_ severities: [Severity]) -> String {
        var c: [Severity: Int] = [:]
        for s in severities { c[s, default: 0] += 1 }
        var parts: [String] = []
        for s in [Severity.error, .warning, .notice] {
            guard let n = c[s], n > 0 else { continue }
            parts.append("\(n) \(s.rawValue)\(n == 1 ? "" : "s")")
        }
        return parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
    }
}
