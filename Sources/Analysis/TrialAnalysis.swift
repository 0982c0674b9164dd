import TrialCore

/// The trial's analyses from ADaM datasets, driven by an `AnalysisPlan`.
///
/// Example:
/// ```swift
/// let plan = try AnalysisPlan.load(path: "mappings/crlm/analysis.yaml")
/// let results = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte, adae: adae, adqs: adqs)
/// try results.jsonData()   // results.json
/// ```
public enum TrialAnalysis {
    /// Runs every analysis the plan asks for. ADAE and ADQS are optional.
    public static func run(plan: AnalysisPlan, adsl: Dataset, adtte: Dataset, adae: Dataset? = nil,
                           adqs: Dataset? = nil) throws(AnalysisError) -> Results {
        var qol = QualityOfLifeAccumulator(plan: plan)
        if let adqs { try qol.add(adqs: adqs, adsl: adsl) }
        return try run(plan: plan, adsl: adsl, adtte: adtte, adae: adae, qualityOfLife: qol)
    }

    /// The same analyses as `run(plan:adsl:adtte:adae:adqs:)`, with QLQ-C30 from the accumulator.
    ///
    /// For studies whose ADQS is too big to hold: the caller adds ADQS chunk by chunk to
    /// `qualityOfLife` (see `QualityOfLifeAccumulator`); an accumulator that saw no chunk gives
    /// no QLQ-C30 summary, as `adqs: nil` does.
    public static func run(plan: AnalysisPlan, adsl: Dataset, adtte: Dataset, adae: Dataset? = nil,
                           qualityOfLife: QualityOfLifeAccumulator) throws(AnalysisError) -> Results {
        let subjects = try SubjectIndex(adsl: adsl, subjectVariable: plan.subject, group: plan.group)
        let adjust = try plan.adjustFor.map { s throws(AnalysisError) in try DatasetColumns.covariate(adsl, s) }
        let subgroupCovs = try plan.subgroups.map { s throws(AnalysisError) in (s, try DatasetColumns.covariate(adsl, s)) }

        // Propensity weights per ADSL row (nil outside the model), when planned.
        var propensity: PropensityResult? = nil
        var weights: [Double?]? = nil
        if let iptw = plan.iptw {
            let (result, w) = try propensityAnalysis(iptw, subjects: subjects)
            propensity = result
            weights = w
        }

        var endpoints: [EndpointResult] = []
        var followUp = [Double?](repeating: nil, count: adsl.rowCount)
        var riskFactors: RiskFactorTable? = nil
        for (k, e) in plan.endpoints.enumerated() {
            let d = try EndpointData(adtte: adtte, paramcd: e.paramcd, variables: plan.adtte, subjects: subjects)
            if d.count == 0 {
                throw .badValue(dataset: adtte.name, row: 0, variable: plan.adtte.paramcd, value: e.paramcd,
                                expected: "records of the planned endpoint")
            }
            if k == 0 { for i in 0..<d.count { followUp[d.adslRow[i]] = d.time[i] } }
            endpoints.append(try SurvivalEndpointAnalysis.analyse(endpoint: e, data: d, plan: plan, subjects: subjects,
                                                                  adjust: adjust, subgroups: subgroupCovs, weights: weights))
            if let rf = plan.riskFactors, rf.endpoint == e.paramcd {
                let cands = try rf.candidates.map { s throws(AnalysisError) in try DatasetColumns.covariate(adsl, s) }
                riskFactors = try RiskFactorAnalysis.analyse(plan: rf, data: d, candidates: cands, plan: plan, subjects: subjects)
            }
        }
        let baseCovs = try plan.baseline.map { s throws(AnalysisError) in try DatasetColumns.covariate(adsl, s) }
        let baseline = try BaselineAnalysis.table(specs: plan.baseline, covariates: baseCovs, subjects: subjects)
        var ae: AdverseEventSummary? = nil
        if let adae, let v = plan.adae { ae = try AdverseEventAnalysis.summarise(adae: adae, variables: v, subjects: subjects) }
        var qol: QualityOfLifeSummary? = nil
        if qualityOfLife.hasData, let v = plan.adqs {
            qol = try QualityOfLifeAnalysis.summarise(qualityOfLife, variables: v, subjects: subjects, followUp: followUp)
        }
        let methods = MethodsInfo(groupVariable: plan.group.variable, referenceGroup: plan.group.reference, ties: plan.ties,
                                  confType: plan.confType, confLevel: plan.confLevel, timeUnit: plan.timeUnit,
                                  daysPerMonth: plan.daysPerMonth, timePoints: plan.timePoints, atRiskTimes: plan.atRiskTimes,
                                  adjustedFor: plan.adjustFor.map { $0.label ?? $0.variable },
                                  softwareVersion: ToolVersion.originator)
        return Results(study: plan.study, title: plan.title ?? plan.study, methods: methods,
                       groups: zip(subjects.groups, subjects.rowsByGroup).map { GroupCount(name: $0, n: $1.count) },
                       endpoints: endpoints, riskFactors: riskFactors, propensity: propensity, baseline: baseline,
                       adverseEvents: ae, qualityOfLife: qol)
    }

    /// Fits the propensity model (treated = the non-reference group) and returns the weight per ADSL row.
    static func propensityAnalysis(_ iptw: AnalysisPlan.IPTW, subjects: SubjectIndex) throws(AnalysisError) -> (PropensityResult, [Double?]) {
        guard subjects.groups.count == 2 else { throw .notBinary(variable: "group", levels: subjects.groups) }
        let treatedIndex = subjects.reference == 0 ? 1 : 0
        let covs = try iptw.covariates.map { s throws(AnalysisError) in try DatasetColumns.covariate(subjects.adsl, s) }
        let options = WeightOptions(estimand: iptw.estimand, stabilize: iptw.stabilize ?? false, trim: iptw.trim, truncate: iptw.truncate)
        let model = try PropensityScoreModel(exposure: subjects.groupOfRow.map { $0.map { $0 == treatedIndex } },
                                             covariates: covs, options: options)
        var w = [Double?](repeating: nil, count: subjects.adsl.rowCount)
        for (k, r) in model.rows.enumerated() where model.weights.kept[k] { w[r] = model.weights.weights[k] }
        let result = PropensityResult(model: model, treatedGroup: subjects.groups[treatedIndex], controlGroup: subjects.groups[subjects.reference])
        return (result, w)
    }
}
