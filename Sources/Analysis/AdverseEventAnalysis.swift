import TrialCore

/// Subject counts of adverse events by group: overview (any, grade ≥ 3, serious, grade 5),
/// by body system and term at each subject's maximum grade, and by relationship.
enum AdverseEventAnalysis {
    /// Summarises ADAE; denominators are ADSL subjects per group.
    static func summarise(adae: Dataset, variables v: AnalysisPlan.ADAEVariables,
                          subjects: SubjectIndex) throws(AnalysisError) -> AdverseEventSummary {
        let ids = try DatasetColumns.strings(adae, v.subject)
        let term = try DatasetColumns.strings(adae, v.term)
        let soc = try DatasetColumns.strings(adae, v.bodySystem)
        let gradeText = try DatasetColumns.strings(adae, v.grade)
        let serious = try DatasetColumns.strings(adae, v.serious)
        let rel = try DatasetColumns.strings(adae, v.relationship)
        let flag = try v.filterFlag.map { f throws(AnalysisError) in try DatasetColumns.strings(adae, f) }
        let k = subjects.groups.count
        let denom = subjects.rowsByGroup.map(\.count)

        // Records after the filter flag, with body system, term (per body system) and
        // relationship coded as indexes (one hash per record instead of one scan per table row).
        struct Record { let subject: Int; let group: Int; let soc: Int; let term: Int; let grade: Int?; let serious: Bool; let rel: Int }
        var recs: [Record] = []
        var socNames: [String] = [], socIndex: [String: Int] = [:]
        var termNames: [(soc: Int, term: String)] = [], termIndex: [String: [Int: Int]] = [:]
        var relNames: [String] = [], relIndex: [String: Int] = [:]
        func code(_ s: String, _ names: inout [String], _ index: inout [String: Int]) -> Int {
            if let k = index[s] { return k }
            index[s] = names.count
            names.append(s)
            return names.count - 1
        }
        for i in 0..<adae.rowCount {
            if let flag, flag[i] != "Y" { continue }
            guard let id = ids[i], let r = subjects.row[id] else {
                throw .badValue(dataset: adae.name, row: i + 1, variable: v.subject, value: ids[i] ?? "", expected: "a subject present in ADSL")
            }
            guard let g = subjects.groupOfRow[r] else { continue }
            var grade: Int? = nil
            if let s = gradeText[i] {
                // Grades may be coded "3" or "GRADE 3".
                let digits = s.utf8.count == 1 ? s : s.filter(\.isNumber)
                guard let x = Int(digits), (1...5).contains(x) else {
                    throw .badValue(dataset: adae.name, row: i + 1, variable: v.grade, value: s, expected: "a CTCAE grade 1–5")
                }
                grade = x
            }
            let socCode = code(soc[i] ?? "UNCODED", &socNames, &socIndex)
            let termName = term[i] ?? "UNCODED"
            let termCode: Int
            if let k = termIndex[termName]?[socCode] { termCode = k } else {
                termCode = termNames.count
                termIndex[termName, default: [:]][socCode] = termCode
                termNames.append((socCode, termName))
            }
            recs.append(Record(subject: r, group: g, soc: socCode, term: termCode, grade: grade,
                               serious: serious[i] == "Y" || serious[i] == "y", rel: code(rel[i] ?? "MISSING", &relNames, &relIndex)))
        }
        let percent: ([Int]) -> [Double] = { c in zip(c, denom).map { $1 > 0 ? 100 * Double($0) / Double($1) : 0 } }
        /// Subjects per group with at least one record in each class of `classOf` (nil: not counted).
        func subjectCounts(classes: Int, _ classOf: (Record) -> Int?) -> [[Int]] {
            var seen = Set<Int>()   // class × ADSL rows + subject
            var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: classes)
            for r in recs {
                guard let c = classOf(r) else { continue }
                if seen.insert(c * subjects.adsl.rowCount + r.subject).inserted { counts[c][r.group] += 1 }
            }
            return counts
        }
        func line(_ label: String, _ keep: (Record) -> Bool) -> AdverseEventSummary.Line {
            let c = subjectCounts(classes: 1) { keep($0) ? 0 : nil }[0]
            return .init(category: label, count: c, percent: percent(c))
        }
        let overview = [
            line("Any AE") { _ in true },
            line("Any grade ≥ 3 AE") { ($0.grade ?? 0) >= 3 },
            line("Any serious AE") { $0.serious },
            line("Grade 5 (fatal) AE") { $0.grade == 5 },
        ]
        // Maximum grade per subject within a body system and within a term (0 = grade unknown),
        // then subjects per group by that grade.
        func rows(classes: Int, _ classOf: (Record) -> Int) -> [(any: [Int], byGrade: [[Int]])] {
            var maxGrade: [Int: (group: Int, grade: Int)] = [:]   // class × ADSL rows + subject
            for r in recs {
                let key = classOf(r) * subjects.adsl.rowCount + r.subject
                let g = r.grade ?? 0
                if let m = maxGrade[key] { if g > m.grade { maxGrade[key] = (r.group, g) } } else { maxGrade[key] = (r.group, g) }
            }
            var out = [(any: [Int], byGrade: [[Int]])](repeating: ([Int](repeating: 0, count: k),
                                                                   [[Int]](repeating: [Int](repeating: 0, count: 5), count: k)),
                                                       count: classes)
            for (key, m) in maxGrade {
                let c = key / subjects.adsl.rowCount
                out[c].any[m.group] += 1
                if m.grade >= 1 { out[c].byGrade[m.group][m.grade - 1] += 1 }
            }
            return out
        }
        let bySOC = rows(classes: socNames.count) { $0.soc }
        let byTermCode = rows(classes: termNames.count) { $0.term }
        let byteOrder: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var termsOfSOC = [[Int]](repeating: [], count: socNames.count)
        for (t, x) in termNames.enumerated() { termsOfSOC[x.soc].append(t) }
        var byTerm: [AdverseEventSummary.TermRow] = []
        for s in socNames.indices.sorted(by: { byteOrder(socNames[$0], socNames[$1]) }) {
            byTerm.append(.init(bodySystem: socNames[s], term: nil, any: bySOC[s].any, percent: percent(bySOC[s].any),
                                byGrade: bySOC[s].byGrade))
            for t in termsOfSOC[s].sorted(by: { byteOrder(termNames[$0].term, termNames[$1].term) }) {
                byTerm.append(.init(bodySystem: socNames[s], term: termNames[t].term, any: byTermCode[t].any,
                                    percent: percent(byTermCode[t].any), byGrade: byTermCode[t].byGrade))
            }
        }
        let relCounts = subjectCounts(classes: relNames.count) { $0.rel }
        let relationship = relNames.indices.sorted { byteOrder(relNames[$0], relNames[$1]) }.map { r in
            AdverseEventSummary.Line(category: relNames[r], count: relCounts[r], percent: percent(relCounts[r]))
        }
        return AdverseEventSummary(groups: subjects.groups, n: denom, overview: overview, byTerm: byTerm,
                                   byRelationship: relationship, records: recs.count)
    }
}
