/// A conformance rule: an id, a severity, the datasets it applies to, words a data manager
/// understands, the equivalent Pinnacle 21 / FDA validator or CDISC CORE ids, and a check.
///
/// Rules are small value types grouped by theme under `Rules/`. A check reads the input
/// through a `ValidationContext` (which indexes DM by USUBJID and parses every --DTC once)
/// and appends findings:
/// ```swift
/// struct SequenceUniquePerSubject: ValidationRule {
///     let id = "TD0401"; let severity = Severity.error; let scope = RuleScope.sdtm
///     ...
///     func check(_ context: ValidationContext, into findings: inout [Finding]) { ... }
/// }
/// ```
public protocol ValidationRule: Sendable {
    /// Stable id, e.g. `TD0301`.
    var id: String { get }
    /// Default severity of the rule's findings.
    var severity: Severity { get }
    /// Which datasets it looks at.
    var scope: RuleScope { get }
    /// One line: what the rule checks, e.g. `--DTC is a valid ISO 8601 date`.
    var title: String { get }
    /// What the rule checks and why, for a data manager.
    var description: String { get }
    /// How to fix a finding.
    var fix: String { get }
    /// Equivalent FDA validator (Pinnacle 21) or CDISC CORE rule ids, e.g. `["SD0003"]`.
    var equivalents: [String] { get }
    /// Why the rule cannot run on this input although some dataset is in scope
    /// (e.g. `DM is not in the input`), or `nil` when it can run.
    func unmetPrerequisite(_ context: ValidationContext) -> String?
    /// Appends the rule's findings on `context` to `findings`.
    func check(_ context: ValidationContext, into findings: inout [Finding])
}

extension ValidationRule {
    /// By default a rule needs nothing beyond a dataset in scope.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? { nil }

    /// A finding of this rule with its default severity.
    func finding(_ dataset: InputDataset, row: Int? = nil, variable: String? = nil,
                 value: String? = nil, _ message: String, expected: String? = nil,
                 severity: Severity? = nil) -> Finding {
        Finding(ruleID: id, severity: severity ?? self.severity, dataset: dataset.name,
                row: row.map { dataset.recordNumber($0) },
                usubjid: row.flatMap { dataset.usubjid(row: $0) },
                sequence: row.flatMap { dataset.sequenceText(row: $0) },
                variable: variable, value: value, message: message, expected: expected)
    }

    /// Findings for every record after a subject's first one in the datasets of `scope`
    /// (DM, ADSL: one record per subject); `name` is the dataset named in the message.
    func appendRepeatedSubjectRecords(_ context: ValidationContext, name: String, into findings: inout [Finding]) {
        for ds in context.datasets(in: scope) {
            var first: [Int32: Int] = [:]
            for (row, s) in ds.subjects.enumerated() where s >= 0 {
                if let prior = first[s] {
                    let id = context.subjectIDs[Int(s)]
                    findings.append(finding(ds, row: row, variable: "USUBJID", value: id,
                        "USUBJID \(id) already has \(name) record \(ds.recordNumber(prior))", expected: "one \(name) record per subject"))
                } else {
                    first[s] = row
                }
            }
        }
    }

    /// Why study-day rules cannot run: no DM, or DM without RFSTDTC; `nil` when they can.
    func missingReferenceStartDate(_ context: ValidationContext) -> String? {
        guard let dm = context.dm else { return "DM is not in the input, so RFSTDTC is unknown" }
        return dm.dates["RFSTDTC"] == nil ? "DM has no RFSTDTC" : nil
    }
}
