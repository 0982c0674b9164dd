import Foundation
import TrialCore

/// Validates a study chunk by chunk with the result of validating the whole study at once.
///
/// A chunk holds ALL records of its subjects (SDTM and/or ADaM), and chunks come in the order
/// of the study's files (contiguous ranges of USUBJID; rows without USUBJID in the first
/// chunk). Then a rule that looks at one record or one subject's records (dates, study days,
/// --SEQ, keys with USUBJID, subjects in DM or ADSL, source records, terminology values) gives
/// the same findings chunk by chunk; findings name the study's record numbers (the chunk's
/// row plus the rows of the same dataset in earlier chunks). Rules about a dataset as a whole
/// are `ChunkAwareRule`s: metadata (variables, types, labels, order, codelists) is checked once
/// per dataset; counts over a dataset (records of a dataset without spec, references to an
/// absent dataset), declared lengths (the longest over the chunks, as the study's file
/// declares it), code/name pairs (--TESTCD/--TEST, PARAMCD/PARAM) and keys without USUBJID
/// keep small tables across chunks and report the rest in `finish()`.
///
/// ```swift
/// var validation = ChunkedValidation(validator: Validator(configuration: settings), specs: specs)
/// for chunk in chunks { validation.add(chunk.sdtm + chunk.adam) }
/// let report = validation.finish()   // == validator.validate(datasets: wholeStudy, specs: specs)
/// ```
/// Every chunk should carry the same datasets with the same variables (a dataset without
/// records for the chunk's subjects passed empty): a dataset seen in an earlier chunk and
/// missing from a later one is added empty. Rule timings add up over the chunks.
public struct ChunkedValidation {
    /// The rules and settings.
    public let validator: Validator
    /// The specs the datasets are checked against.
    public let specs: SpecLibrary

    /// Per rule: its outcome so far (`nil` before the first chunk).
    private var outcomes: [RuleOutcome?]
    /// Per rule: its findings so far, each chunk's in report order.
    private var findings: [[Finding]]
    /// Per chunk-aware rule: its state (`nil` until the rule ran).
    private var states: [(any Sendable)?]
    /// Records per dataset (upper-case name) in the chunks so far.
    private var rowsSoFar: [String: Int] = [:]
    /// The datasets seen so far, with their records summed.
    private var summaries: [DatasetSummary] = []
    /// Every dataset seen, without records (to stand in for it in a chunk that lacks it).
    private var templates: [String: Dataset] = [:]
    /// Number of chunks validated.
    public private(set) var chunkCount = 0

    /// Validates with `validator`'s rules and configuration against `specs`.
    public init(validator: Validator, specs: SpecLibrary) {
        self.validator = validator
        self.specs = specs
        let n = validator.rules.rules.count
        outcomes = Array(repeating: nil, count: n)
        findings = Array(repeating: [], count: n)
        states = Array(repeating: nil, count: n)
    }

    /// Validates one chunk's datasets (SDTM and/or ADaM, whole subjects); row numbers in findings are shifted
    /// by the rows of the same dataset in earlier chunks, so they are row numbers in the written files.
    public mutating func add(_ datasets: [Dataset]) {
        var input = datasets
        let present = Set(datasets.map { $0.name.uppercased() })
        for (name, t) in templates.sorted(by: { $0.key < $1.key }) where !present.contains(name) { input.append(t) }
        for d in datasets where templates[d.name.uppercased()] == nil {
            var t = d
            for c in t.columns.indices { t.columns[c].values = [] }
            templates[d.name.uppercased()] = t
        }
        let context = ValidationContext(datasets: input, specs: specs, configuration: validator.configuration,
                                        rowOffsets: rowsSoFar)
        let list = validator.rules.rules
        let priorStates = states
        let results = ParallelSlots.run(list.count) { i -> (RuleOutcome, [Finding], (any Sendable)?) in
            if let rule = list[i] as? any ChunkAwareRule {
                return ChunkedValidation.run(rule, on: context, state: priorStates[i])
            }
            let (o, f) = Validator.run(list[i], on: context)
            return (o, f, nil)
        }
        for i in list.indices {
            let (o, f, s) = results[i]
            outcomes[i] = outcomes[i].map { ChunkedValidation.merge($0, o) } ?? o
            findings[i] += f
            if let s { states[i] = s }
        }
        for ds in context.datasets {
            rowsSoFar[ds.name, default: 0] += ds.rowCount
            if let k = summaries.firstIndex(where: { $0.name == ds.name }) {
                summaries[k].rows += ds.rowCount
            } else {
                summaries.append(DatasetSummary(name: ds.name, standard: ds.standard, rows: ds.rowCount,
                                                variables: ds.dataset.columns.count, spec: ds.spec?.name))
            }
        }
        chunkCount += 1
    }

    /// The report equal to `validator.validate(datasets: concatenated, specs:)`.
    public func finish() -> ValidationReport {
        let list = validator.rules.rules
        var allOutcomes: [RuleOutcome] = []
        var all: [Finding] = []
        for i in list.indices {
            var ruleFindings = findings[i]
            if let rule = list[i] as? any ChunkAwareRule, let state = states[i] {
                ruleFindings += ChunkedValidation.finish(rule, state: state)
            }
            let ordered = Validator.reportOrder(ruleFindings)
            var outcome = outcomes[i] ?? Validator.run(list[i], on: ValidationContext(datasets: [], specs: specs,
                                                                                   configuration: validator.configuration)).0
            outcome.findingCount = ordered.count
            allOutcomes.append(outcome)
            all += ordered
        }
        let datasets = summaries.sorted { $0.name < $1.name }
        return ValidationReport(datasets: datasets, rules: allOutcomes, findings: all,
                                terminologyPackages: specs.terminologyPackages)
    }

    /// Runs a chunk-aware rule on one chunk from its state so far.
    static func run<R: ChunkAwareRule>(_ rule: R, on context: ValidationContext,
                                       state: (any Sendable)?) -> (RuleOutcome, [Finding], (any Sendable)?) {
        var s = (state as? R.State) ?? rule.makeState()
        var ran = false
        let (outcome, found) = Validator.run(rule, on: context) { findings in
            rule.check(context, state: &s, into: &findings)
            ran = true
        }
        return (outcome, found, ran ? (s as any Sendable) : state)
    }

    /// A chunk-aware rule's findings known only at the end.
    static func finish<R: ChunkAwareRule>(_ rule: R, state: any Sendable) -> [Finding] {
        guard let s = state as? R.State else { return [] }
        var out: [Finding] = []
        rule.finish(s, into: &out)
        return out
    }

    /// One rule's outcome over two chunks: executed when it ran in either (the first reason
    /// otherwise), datasets in scope in either, timings added.
    static func merge(_ a: RuleOutcome, _ b: RuleOutcome) -> RuleOutcome {
        var out = a
        if a.status == .notExecuted, b.status == .executed {
            out.status = .executed
            out.reason = nil
        }
        for d in b.datasets where !out.datasets.contains(d) { out.datasets.append(d) }
        out.datasets.sort()
        out.findingCount = a.findingCount + b.findingCount
        if a.seconds != nil || b.seconds != nil { out.seconds = (a.seconds ?? 0) + (b.seconds ?? 0) }
        if a.cpuSeconds != nil || b.cpuSeconds != nil { out.cpuSeconds = (a.cpuSeconds ?? 0) + (b.cpuSeconds ?? 0) }
        return out
    }
}
