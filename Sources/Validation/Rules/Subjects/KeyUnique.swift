import TrialCore

/// TD0402: no two records share the values of the dataset's key variables (spec `keys`,
/// else the dataset's own keys).
public struct KeyUnique: ChunkAwareRule {
    /// Rule id.
    public let id = "TD0402"
    /// Default severity.
    public let severity = Severity.warning
    /// Datasets checked.
    public let scope = RuleScope.all
    /// One-line title.
    public let title = "Duplicate records for the dataset key"
    /// What is checked and why.
    public let description = "Two records have the same values for all key variables of the dataset (define.xml KeySequence, from the spec). Either a record was duplicated (e.g. an EDC form submitted twice) or the key is incomplete."
    /// How to fix a finding.
    public let fix = "Remove the duplicate record at the source, or add the variable that tells the records apart to the spec's keys."
    /// Equivalent Pinnacle 21 / FDA validator ids.
    public let equivalents = ["SD1117"]

    /// Creates the rule.
    public init() {}

    /// The first record of each key seen so far, per dataset whose key has no USUBJID (such
    /// keys span subjects, hence chunks): hash → (record number, key values). Keys with
    /// USUBJID are compared subject by subject within a chunk and keep nothing.
    public typealias State = [String: [UInt64: [(record: Int, values: [Value])]]]

    /// Nothing seen yet.
    public func makeState() -> State { [:] }

    /// Appends this rule's findings on `context` (see `description`).
    public func check(_ context: ValidationContext, state: inout State, into findings: inout [Finding]) {
        var first: [UInt64: Int32] = [:]
        var collided: [UInt64: [Int32]] = [:]  // rows whose hash equals an earlier, different key
        for ds in context.datasets {
            let keys = ds.spec?.keys.isEmpty == false ? ds.spec?.keys ?? [] : ds.dataset.keys
            guard !keys.isEmpty else { continue }
            let cols = keys.compactMap { k in ds.dataset.columnIndex(k) }
            guard cols.count == keys.count else { continue }  // TD0102 reports a missing key variable
            func report(_ row: Int, prior: Int) {
                let shown = zip(keys, cols).map { "\($0.0)=\(ds.dataset.columns[$0.1].values[row].text)" }.joined(separator: ", ")
                findings.append(finding(ds, row: row, value: shown,
                    "record \(ds.recordNumber(row)) has the same key as record \(prior) (\(shown))",
                    expected: "unique values of \(keys.joined(separator: ", "))"))
            }
            // With USUBJID in the key, compare records subject by subject; otherwise all at once,
            // against the keys of earlier chunks too.
            let bySubject = ds.usubjidColumn.map { cols.contains($0) } ?? false
            let others = cols.filter { !bySubject || $0 != ds.usubjidColumn }
            let columns = others.map { ds.dataset.columns[$0].values }
            guard bySubject else {
                var seen = state.removeValue(forKey: ds.name) ?? [:]
                for row in 0..<ds.rowCount {
                    var h: UInt64 = 0xcbf29ce484222325
                    for c in columns { h = ValueReading.mix(h, c[row]) }
                    let values = columns.map { $0[row] }
                    if let prior = seen[h]?.first(where: { $0.values == values }) {
                        report(row, prior: prior.record)
                    } else {
                        seen[h, default: []].append((ds.recordNumber(row), values))
                    }
                }
                state[ds.name] = seen
                continue
            }
            for g in 0..<ds.groups.count {
                first.removeAll(keepingCapacity: true)
                collided.removeAll()
                for r in ds.groups.group(g) {
                    let row = Int(r)
                    var h: UInt64 = 0xcbf29ce484222325
                    for c in columns { h = ValueReading.mix(h, c[row]) }
                    let same = { (p: Int32) in columns.allSatisfy { $0[Int(p)] == $0[row] } }
                    var prior: Int32? = nil
                    if let p = first[h] {
                        if same(p) { prior = p } else if let q = collided[h]?.first(where: same) { prior = q } else { collided[h, default: []].append(r) }
                    } else {
                        first[h] = r
                    }
                    if let prior { report(row, prior: ds.recordNumber(Int(prior))) }
                }
            }
        }
    }
}
