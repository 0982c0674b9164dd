import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Survival

/// Relative closeness: |a − b| ≤ tol·|b| + 1e-12.
func rel(_ a: Double?, _ b: Double?, _ tol: Double = 1e-6) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tol * abs(b) + 1e-12
}

func expectRel(_ a: [Double?], _ b: [Double?], _ tol: Double = 1e-6, _ what: String,
               sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) values, R has \(b.count)", sourceLocation: sourceLocation)
    for (k, (x, y)) in zip(a, b).enumerated() where !rel(x, y, tol) {
        Issue.record("\(what)[\(k)]: got \(String(describing: x)), R \(String(describing: y))", sourceLocation: sourceLocation)
        return
    }
}

/// Compares a fit with an R `coxcase` record.
func compareCox(_ fit: CoxFit, _ name: String, robust: Bool = false, tol: Double = 1e-6,
                sourceLocation: SourceLocation = #_sourceLocation) {
    let r = Reference.case(name)
    let est = fit.coefficients.filter { $0.coef != nil }
    expectRel(est.map(\.coef), Reference.numbers(r, "coef"), tol, "\(name) coef", sourceLocation: sourceLocation)
    expectRel(est.map(\.stdErr), Reference.numbers(r, "se"), tol, "\(name) se", sourceLocation: sourceLocation)
    if robust {
        expectRel(est.map(\.robustStdErr), Reference.numbers(r, "robust_se"), tol, "\(name) robust se", sourceLocation: sourceLocation)
    }
    expectRel(est.map(\.z), Reference.numbers(r, "z"), tol, "\(name) z", sourceLocation: sourceLocation)
    expectRel(est.map(\.p), Reference.numbers(r, "p"), tol, "\(name) p", sourceLocation: sourceLocation)
    expectRel(est.map(\.hazardRatioLower), Reference.numbers(r, "hr_lower"), tol, "\(name) hr lower", sourceLocation: sourceLocation)
    expectRel(est.map(\.hazardRatioUpper), Reference.numbers(r, "hr_upper"), tol, "\(name) hr upper", sourceLocation: sourceLocation)
    expectRel([fit.loglikNull, fit.loglik], Reference.numbers(r, "loglik"), 1e-9, "\(name) loglik", sourceLocation: sourceLocation)
    #expect(Double(fit.iterations) == Reference.values(r, "iter")[0], "\(name) iterations \(fit.iterations)", sourceLocation: sourceLocation)
    #expect(Double(fit.n) == Reference.values(r, "n")[0], sourceLocation: sourceLocation)
    #expect(Double(fit.events) == Reference.values(r, "nevent")[0], sourceLocation: sourceLocation)
    for (test, key) in [(fit.likelihoodRatio, "lr"), (fit.wald, "wald"), (fit.score, "score")] {
        let v = Reference.values(r, key)
        expectRel([test.chiSquare, Double(test.df), test.p], [v[0], v[1], v[2]], tol, "\(name) \(key) test", sourceLocation: sourceLocation)
    }
    expectRel([fit.concordance.concordance, fit.concordance.stdErr],
              [Reference.values(r, "concordance")[0], Reference.values(r, "concordance_se")[0]], tol,
              "\(name) concordance", sourceLocation: sourceLocation)
    #expect(fit.converged, "\(name) converged", sourceLocation: sourceLocation)
}

@Suite struct CoxModelTests {
    static let lung = Frame("lung.csv", complete: ["time", "status", "age", "sex"])

    func lungFit(_ options: CoxOptions = CoxOptions(), weights: String? = nil, time: String = "time") throws -> CoxFit {
        let f = Self.lung
        let x = try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age")), .numeric(name: "sex", values: f.num("sex"))])
        return try CoxModel.fit(time: f.num(time), event: f.num("status").map { $0 == 2 }, design: x,
                                weights: weights.map { f.num($0) }, options: options)
    }

    @Test(arguments: CoxTies.allCases)
    func lungAgeSex(_ ties: CoxTies) throws {
        var o = CoxOptions(); o.ties = ties
        compareCox(try lungFit(o), "cox_lung_age_sex_\(ties.rawValue)")
    }

    @Test(arguments: CoxTies.allCases)
    func veteranWithFactor(_ ties: CoxTies) throws {
        let f = Frame("veteran.csv", complete: ["time", "status", "trt", "karno", "celltype"])
        let cell = FactorCoding(text: f.text("celltype"))
        #expect(cell.levels == ["adeno", "large", "smallcell", "squamous"])
        let x = try DesignMatrix(terms: [.numeric(name: "trt", values: f.num("trt")), .numeric(name: "karno", values: f.num("karno")),
                                         .factor(name: "celltype", coding: cell)])
        #expect(x.columnNames == ["trt", "karno", "celltype=large", "celltype=smallcell", "celltype=squamous"])
        var o = CoxOptions(); o.ties = ties
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 1 }, design: x, options: o)
        compareCox(fit, "cox_vet_\(ties.rawValue)")
    }

    @Test func lungDropsMissingRows() throws {
        let f = Frame("lung.csv", complete: ["time", "status", "age", "sex", "ph.ecog", "wt.loss"])
        let x = try DesignMatrix(terms: ["age", "sex", "ph.ecog", "wt.loss"].map { .numeric(name: $0, values: f.num($0)) })
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, design: x)
        compareCox(fit, "cox_lung_ecog")
    }

    @Test func integerWeightsEfronAndBreslow() throws {
        compareCox(try lungFit(weights: "w"), "cox_lung_weights_efron")
        var o = CoxOptions(); o.ties = .breslow
        compareCox(try lungFit(o, weights: "w"), "cox_lung_weights_breslow")
    }

    @Test func fractionalWeightsEfron() throws {
        let f = Frame("lung.csv", complete: ["time", "status", "age", "sex", "ph.karno"])
        let x = try DesignMatrix(terms: ["age", "sex", "ph.karno"].map { .numeric(name: $0, values: f.num($0)) })
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, design: x, weights: f.num("wr"))
        compareCox(fit, "cox_lung_wr_efron", robust: true)
        #expect(fit.robustVariance != nil)
    }

    @Test func robustVariance() throws {
        var o = CoxOptions(); o.robust = true
        compareCox(try lungFit(o), "cox_lung_robust", robust: true)
        o.ties = .breslow
        compareCox(try lungFit(o), "cox_lung_robust_breslow", robust: true)
        o.ties = .efron
        compareCox(try lungFit(o, weights: "wr"), "cox_lung_robust_wr", robust: true)
    }

    @Test func clusterVariance() throws {
        let f = Frame("colon.csv", complete: ["time", "status", "rx", "age", "nodes", "id"])
        let rx = FactorCoding(text: f.text("rx"))
        #expect(rx.levels == ["Lev", "Lev+5FU", "Obs"])
        let x = try DesignMatrix(terms: [.factor(name: "rx", coding: rx), .numeric(name: "age", values: f.num("age")),
                                         .numeric(name: "nodes", values: f.num("nodes"))])
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 1 }, design: x,
                                   cluster: f.num("id").map { Int($0) })
        compareCox(fit, "cox_colon_cluster", robust: true)
    }

    @Test func strataAndOffset() throws {
        let f = Frame("ovarian.csv", complete: ["futime", "fustat"])
        let x = try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age")), .numeric(name: "ecog.ps", values: f.num("ecog.ps"))])
        let rx = FactorCoding(numbers: f.num("rx"))
        let fit = try CoxModel.fit(time: f.num("futime"), event: f.num("fustat").map { $0 == 1 }, design: x, strata: rx.codes)
        compareCox(fit, "cox_ova_strata")
        let x1 = try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age"))])
        let off = try CoxModel.fit(time: f.num("futime"), event: f.num("fustat").map { $0 == 1 }, design: x1,
                                   offset: f.num("ecog.ps").map { 0.3 * $0 })
        compareCox(off, "cox_ova_offset")
    }

    @Test func pbcStrataAndNumericFactor() throws {
        let f = Frame("pbc.csv", complete: ["time", "status", "age", "bili", "edema", "albumin", "sex"])
        let event = f.num("status").map { $0 == 2 }
        let x = try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age")), .numeric(name: "log(bili)", values: f.num("bili").map { log($0) }),
                                         .numeric(name: "edema", values: f.num("edema")), .numeric(name: "albumin", values: f.num("albumin"))])
        let sex = FactorCoding(text: f.text("sex"))
        compareCox(try CoxModel.fit(time: f.num("time"), event: event, design: x, strata: sex.codes), "cox_pbc")
        let g = Frame("pbc.csv", complete: ["time", "status", "age", "stage", "sex"])
        let stage = FactorCoding(numbers: g.num("stage"))
        #expect(stage.levels == ["1", "2", "3", "4"])
        let x2 = try DesignMatrix(terms: [.numeric(name: "age", values: g.num("age")), .factor(name: "stage", coding: stage),
                                          .factor(name: "sex", coding: FactorCoding(text: g.text("sex")))])
        #expect(x2.columnNames == ["age", "stage=2", "stage=3", "stage=4", "sex=m"])
        compareCox(try CoxModel.fit(time: g.num("time"), event: g.num("status").map { $0 == 2 }, design: x2), "cox_pbc_factor_stage")
    }

    @Test func timefixMergesNoisyTimes() throws {
        compareCox(try lungFit(time: "years"), "cox_lung_years_timefix")
        var o = CoxOptions(); o.timefix = false
        let raw = try lungFit(o, time: "years")
        #expect(abs(raw.loglik - (Reference.values(Reference.case("cox_lung_years_timefix"), "loglik")[1])) > 1e-6)
    }

    @Test func confidenceLevel() throws {
        var o = CoxOptions(); o.confLevel = 0.9
        compareCox(try lungFit(o), "cox_lung_conf90")
    }

    /// Hand-checkable: two subjects, x = (0, 1), the x = 1 subject dies first, the other is
    /// censored later: ℓ(β) = β − log(1 + e^β) is monotone → β̂ = +∞, not converged.
    @Test func monotoneLikelihoodIsReported() throws {
        let x = try DesignMatrix(terms: [.numeric(name: "x", values: [1, 0, 1, 0])])
        let fit = try CoxModel.fit(time: [1, 5, 2, 6], event: [true, false, true, false], design: x)
        #expect(!fit.converged)
        #expect(fit.infiniteCoefficients == ["x"])
        #expect(close(fit.loglikNull, -log(4) - log(3), 1e-12))
    }

    /// One covariate, no ties: U(0) = Σ_deaths (x − mean of the risk set). Times 1..4 all events,
    /// x = 1, 0, 1, 0: risk-set means 1/2, 1/3, 1/2, 0 → U(0) = 1/2 − 1/3 + 1/2 − 0 = 2/3.
    /// I(0) = Σ m(1 − m) = 1/4 + 2/9 + 1/4 + 0 = 13/18 → score test (2/3)²/(13/18) = 8/13.
    @Test func handComputedScoreTest() throws {
        let x = try DesignMatrix(terms: [.numeric(name: "x", values: [1, 0, 1, 0])])
        let fit = try CoxModel.fit(time: [1, 2, 3, 4], event: [true, true, true, true], design: x)
        #expect(close(fit.score.chiSquare, 8.0 / 13.0, 1e-12))
        #expect(close(fit.loglikNull, -(log(4) + log(3) + log(2)), 1e-12))
    }

    @Test func constantCovariateIsAliasedNotFatal() throws {
        let f = Self.lung
        let x = try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age")),
                                         .numeric(name: "one", values: [Double](repeating: 1, count: f.rows.count))])
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, design: x)
        #expect(fit.coefficients[1].coef == nil)
        #expect(fit.coefficients[0].coef != nil)
        #expect(fit.likelihoodRatio.df == 1)
        let alone = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 },
                                     design: try DesignMatrix(terms: [.numeric(name: "age", values: f.num("age"))]))
        #expect(rel(fit.coefficients[0].coef, alone.coefficients[0].coef, 1e-12))
    }

    @Test func degenerateData() throws {
        let x = try DesignMatrix(terms: [.numeric(name: "x", values: [1, 2, 3])])
        // no events: nothing to estimate
        let none = try CoxModel.fit(time: [1, 2, 3], event: [false, false, false], design: x)
        #expect(none.coefficients[0].coef == nil)
        #expect(none.events == 0)
        #expect(!none.converged)
        // all events at one time: every risk set is the whole sample, β̂ = 0 (ℓ flat in β for Breslow? no: Efron)
        let tied = try CoxModel.fit(time: [4, 4, 4], event: [true, true, true], design: x)
        #expect(tied.events == 3)
        // Efron: ℓ(β) = 6β − 3 log Σ e^{βx} + const, maximal where the mean of x is 2: β̂ = 0
        #expect(abs(tied.coefficients[0].coef!) < 1e-12)
        // a single subject
        let one = try CoxModel.fit(time: [2], event: [true], design: try DesignMatrix(terms: [.numeric(name: "x", values: [1])]))
        #expect(one.coefficients[0].coef == nil)
        #expect(throws: SurvivalError.self) {
            try CoxModel.fit(time: [1, 2], event: [true, true], design: x)
        }
        #expect(throws: SurvivalError.self) {
            var o = CoxOptions(); o.ties = .exact; o.robust = true
            return try CoxModel.fit(time: [1, 2, 3], event: [true, true, false], design: x, options: o)
        }
        #expect(throws: SurvivalError.unsupported("case weights with exact ties (R's coxph refuses this too)")) {
            var o = CoxOptions(); o.ties = .exact
            return try CoxModel.fit(time: [1, 2, 3], event: [true, true, false], design: x, weights: [1, 2, 1], options: o)
        }
    }
}
