import TrialCore

/// TD0401: `--SEQ` (ADaM: `ASEQ`) is unique within each subject of a dataset.
public struct SequenceUniquePerSubject: ValidationRule {
    /// Rule id.
    public let id = "TD0401"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "--SEQ not unique within the subject"
    /// What is checked and why.
    public let description = "--SEQ identifies a record within a subject and domain, so two records of one subject must never share a value (RELREC and SUPP-- point to records through it)."
    /// How to fix a finding.
    public let fix = "Renumber --SEQ per subject (1, 2, 3… in the dataset's key order) after all records are final."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD0005"]

    /// Creates the rule.
    public init() {}

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        var first: [UInt64: Int32] = [:]
        for ds in context.datasets {
            guard let sc = ds.sequenceColumn, ds.usubjidColumn != nil else { continue }
            let seqName = ds.dataset.columns[sc].name
            let values = ds.dataset.columns[sc].values
            // Subject by subject: a small table of the subject's sequence numbers.
            for g in 0..<ds.groups.count {
                first.removeAll(keepingCapacity: true)
                for r in ds.groups.group(g) {
                    let row = Int(r)
                    let s = ds.subjects[row]
                    guard s >= 0, let x = ValueReading.number(values[row]) else { continue }
                    if let prior = first[x.bitPattern] {
                        findings.append(finding(ds, row: row, variable: seqName, value: Value.format(x),
                            "\(seqName) \(Value.format(x)) of USUBJID \(context.subjectIDs[Int(s)]) is also used by record \(ds.recordNumber(Int(prior)))",
                            expected: "a \(seqName) not used by another record of the subject"))
                    } else {
                        first[x.bitPattern] = r
                    }
                }
            }
        }
    }
}
