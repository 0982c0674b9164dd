import TrialCore

/// TD0402: no two records share the values of the dataset's key variables (spec `keys`,
/// else the dataset's own keys).
public struct KeyUnique: ValidationRule {
    public let id = "TD0402"
    public let severity = Severity.warning
    public let scope = RuleScope.all
    public let title = "Duplicate records for the dataset key"
    public let description = "Two records have the same values for all key variables of the dataset (define.xml KeySequence, from the spec). Either a record was duplicated (e.g. an EDC form submitted twice) or the key is incomplete."
    public let fix = "Remove the duplicate record at the source, or add the variable that tells the records apart to the spec's keys."
    public let equivalents = ["SD1117"]

    /// Creates the rule.
    public init() {}

    public func check(_ context: ValidationContext, into findings: inout [Finding]) {
        for ds in context.datasets {
            let keys = ds.spec?.keys.isEmpty == false ? ds.spec?.keys ?? [] : ds.dataset.keys
            guard !keys.isEmpty else { continue }
            let cols = keys.compactMap { k in ds.dataset.columnIndex(k) }
            guard cols.count == keys.count else { continue }  // TD0102 reports a missing key variable
            let usubjid = ds.usubjidColumn
            var first: [String: Int] = [:]
            first.reserveCapacity(ds.rowCount)
            for row in 0..<ds.rowCount {
                var key = ""
                for c in cols {
                    if c == usubjid { key += "#\(ds.subjects[row])" } else { key += ds.dataset.columns[c].values[row].text }
                    key += "\u{1F}"
                }
                if let prior = first[key] {
                    let shown = zip(keys, cols).map { "\($0.0)=\(ds.dataset.columns[$0.1].values[row].text)" }.joined(separator: ", ")
                    findings.append(finding(ds, row: row, value: shown,
                        "record \(row + 1) has the same key as record \(prior + 1) (\(shown))",
                        expected: "unique values of \(keys.joined(separator: ", "))"))
                } else {
                    first[key] = row
                }
            }
        }
    }
}
