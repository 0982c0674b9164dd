import Foundation
import TrialCore

/// Runs a rule set over datasets and specs and returns a `ValidationReport`. The library
/// entry point the Pipeline and the CLI call:
/// ```swift
/// let specs = try SpecLibrary.load(from: "specs")
/// let report = Validator(rules: .standard).validate(datasets: [dm, ae], specs: specs)
/// print(ReportFormat.text.render(report))
/// ```
/// Rules run in parallel (one task per rule); findings come back in rule order, then dataset
/// name, then row, so the same input always gives the same report.
public struct Validator: Sendable {
    /// The rules to run.
    public var rules: RuleSet
    /// Study-specific settings.
    public var configuration: ValidationConfiguration

    /// A validator with `rules` and `configuration`.
    public init(rules: RuleSet = .standard, configuration: ValidationConfiguration = ValidationConfiguration()) {
        self.rules = rules
        self.configuration = configuration
    }

    /// Validates `datasets` against `specs`.
    public func validate(datasets: [Dataset], specs: SpecLibrary) -> ValidationReport {
        validate(ValidationContext(datasets: datasets, specs: specs, configuration: configuration))
    }

    /// Validates a prepared context.
    public func validate(_ context: ValidationContext) -> ValidationReport {
        let list = rules.rules
        let results = ParallelSlots.run(list.count) { i in Validator.run(list[i], on: context) }
        var outcomes: [RuleOutcome] = []
        var findings: [Finding] = []
        for (o, f) in results {
            outcomes.append(o)
            findings.append(contentsOf: f)
        }
        let summaries = context.datasets.map {
            DatasetSummary(name: $0.name, standard: $0.standard, rows: $0.rowCount,
                           variables: $0.dataset.columns.count, spec: $0.spec?.name)
        }
        return ValidationReport(datasets: summaries, rules: outcomes, findings: findings,
                                terminologyPackages: context.specs.terminologyPackages)
    }

    /// Runs one rule: checks scope and prerequisites, times the check, orders its findings.
    static func run(_ rule: any ValidationRule, on context: ValidationContext) -> (RuleOutcome, [Finding]) {
        run(rule, on: context) { rule.check(context, into: &$0) }
    }

    /// Runs `check` as rule `rule` on `context`: scope and prerequisites first (not executed:
    /// `check` is not called), then the timed check and its findings in report order.
    static func run(_ rule: any ValidationRule, on context: ValidationContext,
                    check: (inout [Finding]) -> Void) -> (RuleOutcome, [Finding]) {
        let inScope = context.datasets(in: rule.scope)
        var outcome = RuleOutcome(id: rule.id, severity: rule.severity, title: rule.title,
                                  description: rule.description, fix: rule.fix,
                                  equivalents: rule.equivalents, scope: rule.scope.description,
                                  status: .executed, datasets: inScope.map(\.name),
                                  findingCount: 0)
        if inScope.isEmpty {
            outcome.status = .notExecuted
            outcome.reason = "no input dataset is in the rule's scope (\(rule.scope.description))"
            return (outcome, [])
        }
        if let why = rule.unmetPrerequisite(context) {
            outcome.status = .notExecuted
            outcome.reason = why
            return (outcome, [])
        }
        let clock = ContinuousClock()
        var findings: [Finding] = []
        let cpu0 = Validator.threadCPUSeconds()
        let elapsed = clock.measure { check(&findings) }
        outcome.cpuSeconds = Validator.threadCPUSeconds() - cpu0
        let ordered = reportOrder(findings)
        outcome.findingCount = ordered.count
        outcome.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (outcome, ordered)
    }

    /// One rule's findings in report order: dataset, then row (dataset-level findings first),
    /// then the order the rule found them in (a stable sort).
    static func reportOrder(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            let ka = (a.element.dataset, a.element.row ?? 0, a.offset)
            let kb = (b.element.dataset, b.element.row ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// CPU seconds used by the calling thread so far.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
