import TrialCore

/// ADSL seen as the subject table: subject key → row, group per subject, groups in display order.
public struct SubjectIndex: Sendable {
    /// ADSL itself.
    public let adsl: Dataset
    /// ADSL row of each subject.
    public let row: [String: Int]
    /// Subject key per ADSL row.
    public let subjects: [String]
    /// Group index (into `groups`) per ADSL row; nil when the group is missing.
    public let groupOfRow: [Int?]
    /// Group labels in display order.
    public let groups: [String]
    /// Index of the reference group in `groups`.
    public let reference: Int

    /// Indexes ADSL by `subjectVariable` and codes `group`.
    public init(adsl: Dataset, subjectVariable: String, group: AnalysisPlan.Group) throws(AnalysisError) {
        let ids = try DatasetColumns.strings(adsl, subjectVariable)
        let g = try DatasetColumns.strings(adsl, group.variable)
        var row: [String: Int] = [:]
        var subjects: [String] = []
        for (i, id) in ids.enumerated() {
            guard let id else {
                throw .badValue(dataset: adsl.name, row: i + 1, variable: subjectVariable, value: "", expected: "a subject identifier")
            }
            if row[id] != nil {
                throw .badValue(dataset: adsl.name, row: i + 1, variable: subjectVariable, value: id, expected: "one ADSL row per subject")
            }
            row[id] = i
            subjects.append(id)
        }
        let present = Set(g.compactMap { $0 })
        var order = (group.order ?? []).filter { present.contains($0) }
        order += present.subtracting(order).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard let ref = order.firstIndex(of: group.reference) else {
            throw .badValue(dataset: adsl.name, row: 0, variable: group.variable, value: group.reference,
                            expected: "the reference group to occur in ADSL (found \(order.joined(separator: ", ")))")
        }
        if order.count < 2 { throw .notBinary(variable: group.variable, levels: order) }
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        self.adsl = adsl
        self.row = row
        self.subjects = subjects
        self.groupOfRow = g.map { $0.flatMap { index[$0] } }
        self.groups = order
        self.reference = ref
    }

    /// ADSL rows per group, in display order.
    public var rowsByGroup: [[Int]] {
        var out = [[Int]](repeating: [], count: groups.count)
        for (i, g) in groupOfRow.enumerated() { if let g { out[g].append(i) } }
        return out
    }
}
