import Survival

/// Univariable Cox models for each candidate factor, then one multivariable model with the
/// factors whose univariable likelihood-ratio p is below the threshold, and cox.zph on it.
enum RiskFactorAnalysis {
    /// Runs the analysis on `d` (rows with a missing candidate are dropped per model).
    static func analyse(plan rf: AnalysisPlan.RiskFactors, data d: EndpointData, candidates: [Covariate],
                        plan: AnalysisPlan, subjects: SubjectIndex) throws(AnalysisError) -> RiskFactorTable {
        var options = CoxOptions()
        options.ties = CoxTies(rawValue: plan.ties) ?? .efron
        options.confLevel = plan.confLevel
        let labels = Dictionary(rf.candidates.map { ($0.variable, $0.label ?? $0.variable) }, uniquingKeysWith: { a, _ in a })
        func fit(_ covs: [Covariate], withGroup: Bool) throws(AnalysisError) -> (CoxFit, [ModelTerm], Int, [Int]) {
            let rows = (0..<d.count).filter { i in !covs.contains { $0.isMissing(d.adslRow[i]) } }
            var terms = covs.map { ModelTerms.term($0, rows: rows.map { d.adslRow[$0] }) }
            var groupCols = 0
            if withGroup {
                let g = ModelTerms.groupTerms(variable: plan.group.variable, groups: subjects.groups,
                                              reference: subjects.reference, groupOfRow: rows.map { d.group[$0] })
                groupCols = g.count
                terms = g + terms
            }
            do {
                let x = try DesignMatrix(terms: terms)
                let f = try CoxModel.fit(time: rows.map { d.time[$0] }, event: rows.map { d.event[$0] }, design: x, options: options)
                return (f, terms, groupCols, rows)
            } catch { throw .survival(context: "\(rf.endpoint) risk factors (\(covs.map(\.name).joined(separator: ", ")))", message: error.description) }
        }
        func rows(of f: CoxFit, terms: [ModelTerm]) -> [RiskFactorTable.Row] {
            var out: [RiskFactorTable.Row] = []
            for (t, term) in terms.enumerated() {
                let ref = ModelTerms.reference(term)
                for col in f.assign[t] {
                    let c = f.coefficients[col]
                    var level: String? = nil
                    if ref != nil, let eq = c.term.firstIndex(of: "=") { level = String(c.term[c.term.index(after: eq)...]) }
                    out.append(.init(variable: term.name, label: labels[term.name] ?? term.name, level: level,
                                     reference: ref, hr: c.hazardRatio, lower: c.hazardRatioLower,
                                     upper: c.hazardRatioUpper, p: c.p))
                }
            }
            return out
        }
        var uni: [RiskFactorTable.Univariable] = []
        var selected: [Covariate] = []
        for c in candidates {
            let (f, terms, _, _) = try fit([c], withGroup: false)
            let lrt = f.likelihoodRatio
            let isSelected = lrt.p < rf.threshold
            if isSelected { selected.append(c) }
            uni.append(.init(variable: c.name, label: labels[c.name] ?? c.name, n: f.n, events: f.events,
                             rows: rows(of: f, terms: terms),
                             termTest: TestResult(name: "likelihood ratio", chiSquare: lrt.chiSquare, df: lrt.df, p: lrt.p),
                             selected: isSelected))
        }
        let withGroup = rf.includeGroup ?? false
        guard !selected.isEmpty || withGroup else {
            return RiskFactorTable(endpoint: rf.endpoint, threshold: rf.threshold, univariable: uni, multivariableTerms: [],
                                   multivariable: [], multivariableN: 0, multivariableEvents: 0,
                                   multivariableConverged: true, proportionalHazards: [], proportionalHazardsGlobal: nil)
        }
        let (mf, mterms, _, _) = try fit(selected, withGroup: withGroup)
        let zph = ProportionalHazardsTest.test(mf, transform: .km)
        return RiskFactorTable(endpoint: rf.endpoint, threshold: rf.threshold, univariable: uni,
                               multivariableTerms: mterms.map(\.name), multivariable: rows(of: mf, terms: mterms),
                               multivariableN: mf.n, multivariableEvents: mf.events, multivariableConverged: mf.converged,
                               proportionalHazards: zph.terms.map {
                                   TestResult(name: $0.term, chiSquare: $0.test.chiSquare, df: $0.test.df, p: $0.test.p)
                               },
                               proportionalHazardsGlobal: TestResult(name: "GLOBAL", chiSquare: zph.global.chiSquare,
                                                                     df: zph.global.df, p: zph.global.p))
    }
}
