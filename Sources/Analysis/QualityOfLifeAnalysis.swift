import TrialCore

/// QLQ-C30 scale scores per scale, group and visit (n, mean, SD, median, min, max), change from
/// baseline, and completion per visit.
enum QualityOfLifeAnalysis {
    /// Summarises what `acc` collected from ADQS; `followUp` is each ADSL row's OS follow-up
    /// time (for completion denominators). Every subject added must be in ADSL with the same group.
    static func summarise(_ acc: QualityOfLifeAccumulator, variables v: AnalysisPlan.ADQSVariables, subjects: SubjectIndex,
                          followUp: [Double?]) throws(AnalysisError) -> QualityOfLifeSummary {
        // The first subject (in byte order) that is not in ADSL or has another group there.
        var wrong: (id: String, expected: String)? = nil
        for (id, group) in acc.subjectGroups {
            let problem: String?
            if let r = subjects.row[id] {
                let inADSL = subjects.groupOfRow[r].map { subjects.groups[$0] }
                problem = inADSL == group ? nil
                    : "the group of ADSL (\(inADSL ?? "none")), not \(group ?? "none") (the chunk's ADSL)"
            } else { problem = "a subject present in ADSL" }
            if let problem, wrong.map({ Array(id.utf8).lexicographicallyPrecedes(Array($0.id.utf8)) }) ?? true {
                wrong = (id, problem)
            }
        }
        if let wrong { throw .badValue(dataset: acc.datasetName, row: 0, variable: v.subject, value: wrong.id, expected: wrong.expected) }
        // Accumulator group → display order; visits by visit number.
        let groupOfAcc = acc.groups.map { subjects.groups.firstIndex(of: $0) }
        let accOfGroup = subjects.groups.indices.map { g in groupOfAcc.firstIndex(of: g) }
        let visits = acc.visits.indices.sorted { acc.visits[$0] < acc.visits[$1] }
        var cells: [QualityOfLifeSummary.Cell] = []
        for p in acc.params.indices {
            for g in subjects.groups.indices {
                guard let ag = accOfGroup[g] else { continue }
                for vi in visits {
                    let key = QualityOfLifeAccumulator.CellKey(param: p, group: ag, visit: vi)
                    guard let x = acc.values[key] else { continue }
                    cells.append(.init(paramcd: acc.params[p], param: acc.paramLabels[p], group: subjects.groups[g],
                                       visit: acc.visitLabels[vi], visitNumber: acc.visits[vi], value: x.stats,
                                       change: (acc.changes[key] ?? ScoreHistogram()).stats))
                }
            }
        }
        let window = v.window ?? 14
        let byGroup = subjects.rowsByGroup
        var completion: [QualityOfLifeSummary.Completion] = []
        for g in subjects.groups.indices {
            for vi in visits {
                let vn = acc.visits[vi]
                let day = v.visitDays?[Value.format(vn)]
                let expected = day.map { d in byGroup[g].filter { (followUp[$0] ?? 0) >= d - window }.count } ?? byGroup[g].count
                let done = accOfGroup[g].flatMap { acc.completed[QualityOfLifeAccumulator.VisitKey(group: $0, visit: vi)] } ?? 0
                completion.append(.init(group: subjects.groups[g], visit: acc.visitLabels[vi], visitNumber: vn, completed: done,
                                        expected: expected, percent: expected > 0 ? 100 * Double(done) / Double(expected) : nil))
            }
        }
        return QualityOfLifeSummary(cells: cells, completion: completion)
    }
}
