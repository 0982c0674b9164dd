import TrialCore

/// TD0805: every SRCDOM/SRCSEQ pair of an ADaM record points to an existing record of the
/// subject in the source dataset, when that dataset is in the input.
public struct SourceRecordResolves: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0805"
    /// Default severity.
    public let severity = Severity.error
    /// Datasets checked.
    public let scope = RuleScope.adam
    /// One-line title.
    public let title = "SRCDOM/SRCSEQ does not resolve"
    /// What is checked and why.
    public let description = "Traceability: SRCDOM names the dataset a value came from and SRCSEQ the record's --SEQ (ASEQ for ADaM sources). The pair must find a record of the same subject. When SRCDOM names a dataset that is not in the input, a notice says the references were not checked; SRCDOM = ADSL needs no SRCSEQ, only the subject in ADSL."
    /// How to fix a finding.
    public let fix = "Re-derive SRCSEQ from the record actually used, or correct SRCDOM; if the SDTM was re-sequenced, re-run the ADaM derivation."
    /// No FDA validator or CDISC CORE rule is equivalent.
    public let equivalents: [String] = []

    /// Creates the rule.
    public init() {}

    /// Why the rule cannot run on this input, or `nil`.
    public func unmetPrerequisite(_ context: ValidationContext) -> String? {
        context.datasets(in: scope).contains { $0.column("SRCDOM") != nil } ? nil : "no ADaM dataset has SRCDOM"
    }

    struct Ref: Hashable { let subject: Int32; let seq: UInt64 }

    /// The sequence column of a source dataset: ASEQ, `<DOMAIN>SEQ`, or `<NAME minus AD>SEQ`.
    static func sequenceColumn(of ds: InputDataset) -> Column? {
        if let i = ds.sequenceColumn { return ds.dataset.columns[i] }
        if ds.standard == .adam, ds.name.hasPrefix("AD") { return ds.column(String(ds.name.dropFirst(2)) + "SEQ") }
        return nil
    }

    /// References to a dataset not in the input, per referencing dataset, in the order first
    /// seen: the finding on the first such record (its message is completed at the end) and
    /// how many records refer to it over all chunks.
    public typealias State = [(dataset: String, absent: [(name: String, first: Finding, count: Int)])]

    /// Nothing seen yet.
    public func makeState() -> State { [] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout State, into findings: inout [Finding]) {
        var index: [String: Set<Ref>] = [:]
        var subjectsOf: [String: Set<Int32>] = [:]
        func records(_ name: String) -> (Set<Ref>, Set<Int32>)? {
            if let r = index[name], let s = subjectsOf[name] { return (r, s) }
            guard let src = context.dataset(named: name) else { return nil }
            var refs = Set<Ref>()
            if let seq = SourceRecordResolves.sequenceColumn(of: src) {
                for row in 0..<src.rowCount {
                    if let x = ValueReading.number(seq.values[row]) { refs.insert(Ref(subject: src.subjects[row], seq: x.bitPattern)) }
                }
            }
            index[name] = refs
            subjectsOf[name] = Set(src.subjects)
            return (refs, Set(src.subjects))
        }
        for ds in context.datasets(in: scope) {
            guard let dom = ds.values("SRCDOM") else { continue }
            let seq = ds.values("SRCSEQ")
            var absent: [String: (row: Int, count: Int)] = [:]
            for row in 0..<ds.rowCount {
                let name = dom[row].text.uppercased()
                if name.isEmpty { continue }
                guard let (refs, subjects) = records(name) else {
                    absent[name, default: (row, 0)].count += 1
                    continue
                }
                let s = ds.subjects[row]
                let x = seq.flatMap { ValueReading.number($0[row]) }
                if let x {
                    if refs.contains(Ref(subject: s, seq: x.bitPattern)) { continue }
                    findings.append(finding(ds, row: row, variable: "SRCSEQ", value: Value.format(x),
                        "SRCDOM \(name) / SRCSEQ \(Value.format(x)): \(name) has no record with that sequence number for this subject",
                        expected: "a sequence number of the subject's \(name) records"))
                } else if name != "ADSL" && name != "DM" {
                    findings.append(finding(ds, row: row, variable: "SRCSEQ", value: "",
                        "SRCDOM is \(name) but SRCSEQ is empty, so the source record cannot be found",
                        expected: "the --SEQ of the source record"))
                } else if !subjects.contains(s) {
                    findings.append(finding(ds, row: row, variable: "SRCDOM", value: name,
                        "SRCDOM is \(name) but the subject has no \(name) record", expected: "the subject in \(name)"))
                }
            }
            guard !absent.isEmpty else { continue }
            let d: Int
            if let k = state.firstIndex(where: { $0.dataset == ds.name }) { d = k } else {
                state.append((ds.name, []))
                d = state.count - 1
            }
            for (name, a) in absent.sorted(by: { $0.value.row < $1.value.row }) {
                if let k = state[d].absent.firstIndex(where: { $0.name == name }) {
                    state[d].absent[k].count += a.count
                } else {
                    state[d].absent.append((name, finding(ds, row: a.row, variable: "SRCDOM", value: name, "",
                        expected: "\(name) among the validated datasets", severity: .notice), a.count))
                }
            }
        }
    }

    /// One notice per dataset referenced but absent, on the first record referring to it.
    public func finish(_ state: State, into findings: inout [Finding]) {
        for d in state {
            for a in d.absent.sorted(by: { ($0.first.row ?? 0) < ($1.first.row ?? 0) }) {
                var f = a.first
                f.message = "SRCDOM \(a.name) is referenced by \(a.count) record(s) but \(a.name) is not in the input; these references were not checked"
                findings.append(f)
            }
        }
    }
}
