/// The baseline characteristics table: per variable and group, median [Q1, Q3] or n (%), with
/// SMDs between the first two groups in display order (second minus first).
enum BaselineAnalysis {
    /// Builds the table from ADSL covariates.
    static func table(specs: [AnalysisPlan.CovariateSpec], covariates: [Covariate], subjects: SubjectIndex) throws(AnalysisError) -> BaselineTable {
        let byGroup = subjects.rowsByGroup
        let all = byGroup.flatMap { $0 }.sorted()
        let sets = byGroup + [all]
        var vars: [BaselineTable.Variable] = []
        for (spec, c) in zip(specs, covariates) {
            let missing = sets.map { rows in rows.filter { c.isMissing($0) }.count }
            let label = spec.label ?? spec.variable
            // SMD between the first two groups on their complete rows (unweighted).
            let pair = Array(byGroup.prefix(2)).map { $0.filter { !c.isMissing($0) } }
            let pairRows = pair.flatMap { $0 }
            let treated = pair[0].map { _ in false } + pair[1].map { _ in true }
            var smdByName: [String: Double] = [:]
            if pair.allSatisfy({ $0.count >= 2 }) {
                let m = try CovariateMatrix(covariates: [c], rowCount: c.count) { _ in true }
                let pos = Dictionary(uniqueKeysWithValues: m.rows.enumerated().map { ($1, $0) })
                let cols = m.balanceColumns.map { col in
                    DesignColumn(name: col.name, term: col.term, level: col.level, values: pairRows.map { col.values[pos[$0]!] })
                }
                let b = try BalanceTable(columns: cols, treated: treated, weights: treated.map { _ in 1 })
                for r in b.rows { smdByName[r.name] = r.smdBefore }
            }
            switch c {
            case let .numeric(_, v):
                let summaries = sets.map { rows -> BaselineTable.NumericSummary in
                    let x = rows.compactMap { v[$0] }
                    let sorted = x.sorted()   // one sort for the three quantiles
                    return .init(n: x.count, mean: Descriptive.mean(x), sd: Descriptive.sd(x),
                                 median: Descriptive.quantile(sorted: sorted, 0.5), q1: Descriptive.quantile(sorted: sorted, 0.25),
                                 q3: Descriptive.quantile(sorted: sorted, 0.75), min: sorted.first, max: sorted.last)
                }
                vars.append(.init(variable: spec.variable, label: label, kind: "numeric", numeric: summaries, levels: nil,
                                  missing: missing, smd: smdByName[c.name]))
            case .factor, .numericFactor:
                let names = c.levels(rows: all)
                let code = c.levelCodes(levels: names)
                // Subjects per level and set (groups, then all), in one pass per set.
                var counts = [[Int]](repeating: [Int](repeating: 0, count: sets.count), count: names.count)
                for (k, rows) in sets.enumerated() { for r in rows { if let l = code[r] { counts[l][k] += 1 } } }
                let denom = zip(sets, missing).map { $0.count - $1 }
                let levels = names.enumerated().map { l, lv -> BaselineTable.Level in
                    let pct = zip(counts[l], denom).map { $1 > 0 ? 100 * Double($0) / Double($1) : 0 }
                    return .init(level: lv, count: counts[l], percent: pct, smd: smdByName["\(c.name)=\(lv)"] ?? 0)
                }
                vars.append(.init(variable: spec.variable, label: label, kind: "factor", numeric: nil, levels: levels,
                                  missing: missing, smd: nil))
            }
        }
        return BaselineTable(groups: subjects.groups, n: sets.map(\.count), variables: vars)
    }
}
