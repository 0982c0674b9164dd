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

        struct Record { let subject: Int; let group: Int; let term: String; let soc: String; let grade: Int?; let serious: Bool; let rel: String }
        var recs: [Record] = []
        for i in 0..<adae.rowCount {
            if let flag, flag[i] != "Y" { continue }
            guard let id = ids[i], let r = subjects.row[id] else {
                throw .badValue(dataset: adae.name, row: i + 1, variable: v.subject, value: ids[i] ?? "", expected: "a subject present in ADSL")
            }
            guard let g = subjects.groupOfRow[r] else { continue }
            var grade: Int? = nil
            if let s = gradeText[i] {
                // Grades may be coded "3" or "GRADE 3".
                let digits = s.filter(\.isNumber)
                guard let x = Int(digits), (1...5).contains(x) else {
                    throw .badValue(dataset: adae.name, row: i + 1, variable: v.grade, value: s, expected: "a CTCAE grade 1–5")
                }
                grade = x
            }
            recs.append(Record(subject: r, group: g, term: term[i] ?? "UNCODED", soc: soc[i] ?? "UNCODED",
                               grade: grade, serious: serious[i]?.uppercased() == "Y", rel: rel[i] ?? "MISSING"))
        }
        func line(_ label: String, _ keep: (Record) -> Bool) -> AdverseEventSummary.Line {
            var sets = [Set<Int>](repeating: [], count: k)
            for r in recs where keep(r) { sets[r.group].insert(r.subject) }
            let c = sets.map(\.count)
            return .init(category: label, count: c, percent: zip(c, denom).map { $1 > 0 ? 100 * Double($0) / Double($1) : 0 })
        }
        let overview = [
            line("Any AE") { _ in true },
            line("Any grade ≥ 3 AE") { ($0.grade ?? 0) >= 3 },
            line("Any serious AE") { $0.serious },
            line("Grade 5 (fatal) AE") { $0.grade == 5 },
        ]
        // Maximum grade per subject within a body system and within a term (0 = grade unknown).
        func rows(bodySystem: String, term: String?) -> AdverseEventSummary.TermRow {
            var maxGrade: [Int: (group: Int, grade: Int)] = [:]
            for r in recs where r.soc == bodySystem && (term == nil || r.term == term) {
                let g = r.grade ?? 0
                if let m = maxGrade[r.subject] { if g > m.grade { maxGrade[r.subject] = (r.group, g) } }
                else { maxGrade[r.subject] = (r.group, g) }
            }
            var any = [Int](repeating: 0, count: k)
            var byGrade = [[Int]](repeating: [Int](repeating: 0, count: 5), count: k)
            for (_, m) in maxGrade {
                any[m.group] += 1
                if m.grade >= 1 { byGrade[m.group][m.grade - 1] += 1 }
            }
            return .init(bodySystem: bodySystem, term: term, any: any,
                         percent: zip(any, denom).map { $1 > 0 ? 100 * Double($0) / Double($1) : 0 }, byGrade: byGrade)
        }
        let byteOrder: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var byTerm: [AdverseEventSummary.TermRow] = []
        for s in Set(recs.map(\.soc)).sorted(by: byteOrder) {
            byTerm.append(rows(bodySystem: s, term: nil))
            for t in Set(recs.filter { $0.soc == s }.map(\.term)).sorted(by: byteOrder) {
                byTerm.append(rows(bodySystem: s, term: t))
            }
        }
        let relationship = Set(recs.map(\.rel)).sorted(by: byteOrder).map { r in line(r) { $0.rel == r } }
        return AdverseEventSummary(groups: subjects.groups, n: denom, overview: overview, byTerm: byTerm,
                                   byRelationship: relationship, records: recs.count)
    }
}
