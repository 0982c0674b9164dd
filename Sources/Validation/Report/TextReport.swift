/// The plain-text report: a summary (datasets, rules run, findings by severity), then each
/// rule with findings — what it checks, how to fix, the first occurrences — then the rules
/// that did not run and why.
enum TextReport {
    /// Renders `report`.
    static func render(_ report: ValidationReport, options: ReportOptions) -> String {
        var out: [String] = []
        let counts = report.countsBySeverity
        out.append("TrialData validation report")
        out.append("")
        out.append("Datasets (\(report.datasets.count)):")
        for d in report.datasets {
            let spec = d.spec.map { "spec \($0)" } ?? "no spec"
            out.append("  \(d.name.padding(8)) \(d.standard.rawValue.padding(5)) \(String(d.rows).leftPadding(9)) records  \(String(d.variables).leftPadding(3)) variables  \(spec)")
        }
        if !report.terminologyPackages.isEmpty {
            out.append("Terminology: " + report.terminologyPackages.joined(separator: ", "))
        }
        let notRun = report.rules.filter { $0.status == .notExecuted }
        out.append("Rules: \(report.rules.count) (\(report.executedRuleCount) executed, \(notRun.count) not executed)")
        out.append("Findings: \(counts[.error] ?? 0) errors, \(counts[.warning] ?? 0) warnings, \(counts[.notice] ?? 0) notices")
        let groups = RuleGroup.groups(report)
        for g in groups {
            let o = g.outcome
            out.append("")
            let eq = o.equivalents.isEmpty ? "" : "  [\(o.equivalents.joined(separator: ", "))]"
            out.append("\(g.worst.rawValue.uppercased()) \(o.id) \(o.title) — \(g.countText)\(eq)")
            out.append("  What: \(o.description)")
            out.append("  Fix:  \(o.fix)")
            out.append("  Where: \(g.places())")
            let values = g.frequentValues()
            if !values.isEmpty { out.append("  Most frequent: \(values)") }
            for f in g.findings.prefix(options.occurrencesPerRule) {
                var line = "  - \(f.location): \(f.message)"
                if let e = f.expected { line += " (expected \(e))" }
                if f.severity != g.worst { line += " [\(f.severity.rawValue)]" }
                out.append(line)
            }
            if g.findings.count > options.occurrencesPerRule {
                out.append("  … and \(g.findings.count - options.occurrencesPerRule) more (all findings: --format csv or json)")
            }
        }
        if !notRun.isEmpty {
            out.append("")
            out.append("Rules not executed (\(notRun.count)):")
            for o in notRun { out.append("  \(o.id) \(o.title): \(o.reason ?? "")") }
        }
        let clean = report.rules.filter { $0.status == .executed && $0.findingCount == 0 }.map(\.id)
        if !clean.isEmpty {
            out.append("")
            out.append("Rules executed without findings (\(clean.count)): " + clean.joined(separator: ", "))
        }
        if options.includeTimings {
            out.append("")
            out.append("Rule timings (seconds, wall and CPU):")
            for o in report.rules where o.status == .executed {
                out.append("  \(o.id) \(String(format3(o.seconds ?? 0)).leftPadding(9)) \(String(format3(o.cpuSeconds ?? 0)).leftPadding(9))  \(o.title)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `x` with 3 decimals.
    static func format3(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        let whole = Int(r)
        let frac = Int(((r - Double(whole)) * 1000).rounded())
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: 3 - f.count) + f
    }
}

extension String {
    /// Right-padded with blanks to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    /// Left-padded with blanks to `width` characters.
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
