import Survival

/// The analyses of one time-to-event endpoint: KM by group, log-rank, group hazard ratios
/// (unadjusted, adjusted, IPTW with robust SE) and subgroup hazard ratios.
enum SurvivalEndpointAnalysis {
    /// Runs them for `endpoint`.
    static func analyse(endpoint: AnalysisPlan.Endpoint, data d: EndpointData, plan: AnalysisPlan,
                        subjects: SubjectIndex, adjust: [Covariate], subgroups: [(AnalysisPlan.CovariateSpec, Covariate)],
                        weights: [Double?]?) throws(AnalysisError) -> EndpointResult {
        let ctx = "\(endpoint.paramcd)"
        let confType = ConfidenceType(rawValue: plan.confType) ?? .log
        // KM by group (R survfit(Surv(AVAL, 1 − CNSR) ~ group)).
        let km = try kaplanMeier(d, rows: Array(0..<d.count), weights: nil, plan: plan, subjects: subjects,
                                 confType: confType, context: ctx)
        // Log-rank (R survdiff, ρ = 0).
        let lr: LogRankResult
        do { lr = try LogRankTest.test(time: d.time, event: d.event, group: d.group, groupCount: subjects.groups.count) }
        catch { throw .survival(context: "\(ctx) log-rank", message: error.description) }
        var hrs: [HazardRatioEstimate] = []
        hrs += try groupCox(d, rows: Array(0..<d.count), extra: [], weights: nil, plan: plan, subjects: subjects,
                            method: "unadjusted", description: "unadjusted Cox model", context: ctx)
        if !adjust.isEmpty {
            let rows = (0..<d.count).filter { i in !adjust.contains { $0.isMissing(d.adslRow[i]) } }
            let names = plan.adjustFor.map { $0.label ?? $0.variable }
            hrs += try groupCox(d, rows: rows, extra: adjust, weights: nil, plan: plan, subjects: subjects,
                                method: "adjusted", description: "adjusted for " + names.joined(separator: ", "), context: ctx)
        }
        var weightedKM: [KaplanMeierSummary]? = nil
        if let weights {
            let rows = (0..<d.count).filter { (weights[d.adslRow[$0]] ?? 0) > 0 }
            let w = d.adslRow.map { weights[$0] ?? 0 }
            let label = plan.iptw.map { "\($0.estimand.rawValue.uppercased()) weights\($0.stabilize == true ? " (stabilized)" : ""), robust SE" } ?? "IPTW"
            hrs += try groupCox(d, rows: rows, extra: [], weights: w, plan: plan, subjects: subjects,
                                method: "iptw", description: "propensity-score weighted, \(label)", context: ctx)
            weightedKM = try kaplanMeier(d, rows: rows, weights: w, plan: plan, subjects: subjects,
                                         confType: confType, context: ctx + " weighted")
        }
        var subs: [SubgroupEstimate] = []
        for (spec, cov) in subgroups {
            let all = (0..<d.count).filter { !cov.isMissing(d.adslRow[$0]) }
            let levels = cov.levels(rows: all.map { d.adslRow[$0] })
            let code = cov.levelCodes(levels: levels)
            var rowsOfLevel = [[Int]](repeating: [], count: levels.count)
            for i in all { if let l = code[d.adslRow[i]] { rowsOfLevel[l].append(i) } }
            for (l, level) in levels.enumerated() {
                let rows = rowsOfLevel[l]
                var n = [Int](repeating: 0, count: subjects.groups.count), ev = n
                for i in rows { n[d.group[i]] += 1; if d.event[i] { ev[d.group[i]] += 1 } }
                // A hazard ratio needs events and subjects in every group.
                var est: HazardRatioEstimate? = nil
                if n.allSatisfy({ $0 > 0 }) && ev.allSatisfy({ $0 > 0 }) {
                    est = try? groupCox(d, rows: rows, extra: [], weights: nil, plan: plan, subjects: subjects,
                                        method: "unadjusted", description: "\(spec.variable) = \(level)", context: ctx).first
                }
                subs.append(SubgroupEstimate(variable: spec.variable, label: spec.label ?? spec.variable, level: level,
                                             n: n, events: ev, estimate: est))
            }
        }
        return EndpointResult(paramcd: endpoint.paramcd, label: endpoint.label, km: km,
                              logRank: TestResult(name: "log-rank", chiSquare: lr.chiSquare, df: lr.df, p: lr.p),
                              hazardRatios: hrs, weightedKM: weightedKM, subgroups: subs)
    }

    /// KM per group on `rows`.
    static func kaplanMeier(_ d: EndpointData, rows: [Int], weights: [Double]?, plan: AnalysisPlan,
                            subjects: SubjectIndex, confType: ConfidenceType, context: String) throws(AnalysisError) -> [KaplanMeierSummary] {
        let curves: [KaplanMeierCurve?]
        do {
            curves = try KaplanMeier.fit(time: rows.map { d.time[$0] }, event: rows.map { d.event[$0] },
                                         group: rows.map { d.group[$0] }, groupCount: subjects.groups.count,
                                         weights: weights.map { w in rows.map { w[$0] } },
                                         confType: confType, confLevel: plan.confLevel)
        } catch { throw .survival(context: "\(context) Kaplan-Meier", message: error.description) }
        return subjects.groups.indices.map { g in
            guard let c = curves[g] else {
                return KaplanMeierSummary(group: subjects.groups[g], n: 0, events: 0, median: nil, medianLower: nil,
                                          medianUpper: nil, rates: [], atRisk: plan.atRiskTimes.map { _ in 0 }, steps: [])
            }
            let m = c.median
            let rates = c.survival(at: plan.timePoints).map {
                KaplanMeierSummary.Rate(time: $0.time, survival: $0.survival, lower: $0.lower, upper: $0.upper, nRisk: $0.nRisk)
            }
            let steps = c.rows.map {
                KaplanMeierSummary.Step(time: $0.time, nRisk: $0.nRisk, nEvent: $0.nEvent, nCensor: $0.nCensor,
                                        survival: $0.survival, lower: $0.lower, upper: $0.upper)
            }
            return KaplanMeierSummary(group: subjects.groups[g], n: c.n, events: c.events, median: m.estimate,
                                      medianLower: m.lower, medianUpper: m.upper, rates: rates,
                                      atRisk: c.survival(at: plan.atRiskTimes).map(\.nRisk), steps: steps)
        }
    }

    /// Cox model of the group (plus `extra` covariates) on `rows`; one estimate per
    /// non-reference group. With weights, the robust sandwich SE is used.
    static func groupCox(_ d: EndpointData, rows: [Int], extra: [Covariate], weights: [Double]?, plan: AnalysisPlan,
                         subjects: SubjectIndex, method: String, description: String,
                         context: String) throws(AnalysisError) -> [HazardRatioEstimate] {
        var terms = ModelTerms.groupTerms(variable: plan.group.variable, groups: subjects.groups,
                                          reference: subjects.reference, groupOfRow: rows.map { d.group[$0] })
        let groupColumns = terms.count
        terms += extra.map { ModelTerms.term($0, rows: rows.map { d.adslRow[$0] }) }
        var options = CoxOptions()
        options.ties = CoxTies(rawValue: plan.ties) ?? .efron
        options.confLevel = plan.confLevel
        options.robust = weights != nil
        let fit: CoxFit
        do {
            let x = try DesignMatrix(terms: terms)
            fit = try CoxModel.fit(time: rows.map { d.time[$0] }, event: rows.map { d.event[$0] }, design: x,
                                   weights: weights.map { w in rows.map { w[$0] } }, options: options)
        } catch { throw .survival(context: "\(context) Cox \(method)", message: error.description) }
        let comparisons = subjects.groups.indices.filter { $0 != subjects.reference }
        return (0..<groupColumns).map { k in
            let c = fit.coefficients[k]
            return HazardRatioEstimate(method: method, description: description, comparison: subjects.groups[comparisons[k]],
                                       reference: subjects.groups[subjects.reference], n: fit.n, events: fit.events,
                                       logHR: c.coef, stdErr: weights != nil ? c.robustStdErr : c.stdErr, hr: c.hazardRatio,
                                       lower: c.hazardRatioLower, upper: c.hazardRatioUpper, p: c.p,
                                       robust: weights != nil, converged: fit.converged)
        }
    }
}
