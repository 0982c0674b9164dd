import TrialCore

/// QLQ-C30 scale scores per scale, group and visit (n, mean, SD, median, min, max), change from
/// baseline, and completion per visit.
enum QualityOfLifeAnalysis {
    /// Summarises ADQS; `followUp` is each ADSL row's OS follow-up time (for completion denominators).
    static func summarise(adqs: Dataset, variables v: AnalysisPlan.ADQSVariables, subjects: SubjectIndex,
                          followUp: [Double?]) throws(AnalysisError) -> QualityOfLifeSummary {
        let ids = try DatasetColumns.strings(adqs, v.subject)
        let pcd = try DatasetColumns.strings(adqs, v.paramcd)
        let prm = try DatasetColumns.strings(adqs, v.param)
        let vis = try DatasetColumns.strings(adqs, v.visit)
        let visn = try DatasetColumns.numbers(adqs, v.visitNumber)
        let aval = try DatasetColumns.numbers(adqs, v.value)
        let chg = try DatasetColumns.numbers(adqs, v.change)
        let flag = try v.filterFlag.map { f throws(AnalysisError) in try DatasetColumns.strings(adqs, f) }
        struct Key: Hashable { let param: String; let group: Int; let visit: Double }
        var values: [Key: [Double]] = [:], changes: [Key: [Double]] = [:]
        var paramOrder: [String] = [], paramLabel: [String: String] = [:]
        var visitLabel: [Double: String] = [:]
        struct VisitKey: Hashable { let group: Int; let visit: Double }
        var completed: [VisitKey: Set<Int>] = [:]
        for i in 0..<adqs.rowCount {
            if let flag, flag[i] != "Y" { continue }
            guard let id = ids[i], let r = subjects.row[id] else {
                throw .badValue(dataset: adqs.name, row: i + 1, variable: v.subject, value: ids[i] ?? "", expected: "a subject present in ADSL")
            }
            guard let g = subjects.groupOfRow[r], let p = pcd[i], let vn = visn[i] else { continue }
            if paramLabel[p] == nil { paramOrder.append(p); paramLabel[p] = prm[i] ?? p }
            if visitLabel[vn] == nil { visitLabel[vn] = vis[i] ?? Value.format(vn) }
            let key = Key(param: p, group: g, visit: vn)
            if let x = aval[i] {
                values[key, default: []].append(x)
                completed[VisitKey(group: g, visit: vn), default: []].insert(r)
            }
            if let c = chg[i] { changes[key, default: []].append(c) }
        }
        let visits = visitLabel.keys.sorted()
        var cells: [QualityOfLifeSummary.Cell] = []
        for p in paramOrder {
            for g in subjects.groups.indices {
                for vn in visits {
                    let key = Key(param: p, group: g, visit: vn)
                    guard let x = values[key] else { continue }
                    cells.append(.init(paramcd: p, param: paramLabel[p]!, group: subjects.groups[g], visit: visitLabel[vn]!,
                                       visitNumber: vn, value: Descriptive.stats(x), change: Descriptive.stats(changes[key] ?? [])))
                }
            }
        }
        let window = v.window ?? 14
        let byGroup = subjects.rowsByGroup
        var completion: [QualityOfLifeSummary.Completion] = []
        for g in subjects.groups.indices {
            for vn in visits {
                let day = v.visitDays?[Value.format(vn)]
                let expected = day.map { d in byGroup[g].filter { (followUp[$0] ?? 0) >= d - window }.count } ?? byGroup[g].count
                let done = completed[VisitKey(group: g, visit: vn)]?.count ?? 0
                completion.append(.init(group: subjects.groups[g], visit: visitLabel[vn]!, visitNumber: vn, completed: done,
                                        expected: expected, percent: expected > 0 ? 100 * Double(done) / Double(expected) : nil))
            }
        }
        return QualityOfLifeSummary(cells: cells, completion: completion)
    }
}
