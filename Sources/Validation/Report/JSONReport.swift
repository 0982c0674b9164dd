import Foundation

/// The JSON report: summary, datasets, rules (with outcome) and every finding; keys sorted so
/// that the same input gives the same bytes.
enum JSONReport {
    struct Summary: Encodable {
        let rules: Int
        let rulesExecuted: Int
        let rulesNotExecuted: Int
        let errors: Int
        let warnings: Int
        let notices: Int
    }

    struct Payload: Encodable {
        let summary: Summary
        let terminologyPackages: [String]
        let datasets: [DatasetSummary]
        let rules: [RuleOutcome]
        let findings: [Finding]
    }

    /// Renders `report`.
    static func render(_ report: ValidationReport, options: ReportOptions) -> String {
        let c = report.countsBySeverity
        var rules = report.rules
        if !options.includeTimings { for i in rules.indices { rules[i].seconds = nil; rules[i].cpuSeconds = nil } }
        let payload = Payload(
            summary: Summary(rules: report.rules.count, rulesExecuted: report.executedRuleCount,
                             rulesNotExecuted: report.rules.count - report.executedRuleCount,
                             errors: c[.error] ?? 0, warnings: c[.warning] ?? 0, notices: c[.notice] ?? 0),
            terminologyPackages: report.terminologyPackages, datasets: report.datasets,
            rules: rules, findings: report.findings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(payload), let s = String(data: data, encoding: .utf8) else {
            return "{}\n"  // Encoding plain strings and numbers cannot fail.
        }
        return s + "\n"
    }
}
