import Testing
@testable import Analysis
import TrialCore

/// The colon subset of `Fixtures/make_propensity_reference.R` and R's numbers for it.
struct ColonReference {
    let covariates: [Covariate]
    let exposure: [Bool?]
    let ids: [Double]
    let expected: [String: Any]

    init() throws {
        let c = try Fixture.csv("colon_ps.csv")
        func num(_ k: String) -> [Double?] { c[k]!.map { $0.flatMap(Double.init) } }
        covariates = [
            .numeric(name: "age", values: num("age")),
            .factor(name: "sex", labels: c["sex"]!),
            .factor(name: "differ", labels: c["differ"]!),
            .numericFactor(name: "extent", values: num("extent")),
            .numeric(name: "nodes", values: num("nodes")),
            .numeric(name: "obstruct", values: num("obstruct")),
        ]
        exposure = num("A").map { $0.map { $0 == 1 } }
        ids = num("id").map { $0! }
        expected = try Fixture.json("propensity_expected.json")
    }

    func doubles(_ key: String) -> [Double] { (expected[key] as! [Any]).map { ($0 as! NSNumberLike).doubleValue } }
}

import Foundation
typealias NSNumberLike = NSNumber

@Suite("Propensity score core against R glm(family = binomial)")
struct PropensityScoreTests {
    @Test func logisticCoefficientsMatchR() throws {
        let ref = try ColonReference()
        let ps = try PropensityScoreModel(exposure: ref.exposure, covariates: ref.covariates)
        #expect(ps.rows.count == ref.expected["n"] as! Int)
        // R names: sexmale, differpoor, factor(extent)2 ...; ours: sex=male, differ=poor, extent=2.
        let rNames = (ref.expected["coefficients"] as! [[String: Any]])
        let ours = ps.fit.coefficients
        #expect(ours.map(\.name) == ["(Intercept)", "age", "sex=male", "differ=poor", "differ=well",
                                     "extent=2", "extent=3", "extent=4", "nodes", "obstruct"])
        #expect(ours.count == rNames.count)
        for (o, r) in zip(ours, rNames) {
            #expect(close(o.estimate, (r["estimate"] as! NSNumber).doubleValue), "\(o.name)")
            #expect(close(o.stdErr, (r["stdErr"] as! NSNumber).doubleValue), "\(o.name)")
            #expect(close(o.z, (r["z"] as! NSNumber).doubleValue), "\(o.name)")
            #expect(close(o.p, (r["p"] as! NSNumber).doubleValue), "\(o.name)")
        }
        #expect(close(ps.fit.deviance, (ref.expected["deviance"] as! NSNumber).doubleValue, 1e-9))
        #expect(close(ps.fit.nullDeviance, (ref.expected["nullDeviance"] as! NSNumber).doubleValue, 1e-9))
        #expect(close(ps.fit.aic, (ref.expected["aic"] as! NSNumber).doubleValue, 1e-9))
        #expect(ps.fit.iterations == ref.expected["iterations"] as! Int)
        #expect(ps.fit.converged)
        #expect(!ps.fit.separation)
        // Complete cases are the rows R kept, in order.
        #expect(ps.rows.map { ref.ids[$0] } == ref.doubles("id"))
        for (a, b) in zip(ps.scores, ref.doubles("ps")) { #expect(close(a, b)) }
    }

    @Test(arguments: [
        (WeightOptions(estimand: .ate), "weightsATE"),
        (WeightOptions(estimand: .att), "weightsATT"),
        (WeightOptions(estimand: .ate, stabilize: true), "weightsStabilizedATE"),
        (WeightOptions(estimand: .overlap), "weightsOverlap"),
        (WeightOptions(estimand: .ate, truncate: 0.05), "weightsTruncated"),
    ])
    func weightsMatchR(options: WeightOptions, key: String) throws {
        let ref = try ColonReference()
        let ps = try PropensityScoreModel(exposure: ref.exposure, covariates: ref.covariates, options: options)
        let expected = ref.doubles(key)
        #expect(ps.weights.weights.count == expected.count)
        var worst = 0.0
        for (a, b) in zip(ps.weights.weights, expected) { worst = max(worst, abs(a - b) / max(1, abs(b))) }
        #expect(worst < 1e-6, "\(key): worst relative difference \(worst)")
        if options.truncate != nil {
            let q = ref.doubles("truncationBounds")
            #expect(close(ps.weights.truncationBounds![0], q[0]))
            #expect(close(ps.weights.truncationBounds![1], q[1]))
        }
    }

    @Test func trimmingKeepsScoresInsideBounds() throws {
        let ref = try ColonReference()
        let ps = try PropensityScoreModel(exposure: ref.exposure, covariates: ref.covariates,
                                          options: WeightOptions(trim: 0.1))
        let keptIds = ps.rows.indices.filter { ps.weights.kept[$0] }.map { ref.ids[ps.rows[$0]] }
        #expect(keptIds == ref.doubles("trimKeptIds"))
        #expect(ps.rows.indices.allSatisfy { ps.weights.kept[$0] || ps.weights.weights[$0] == 0 })
    }

    @Test func balanceAndEffectiveSampleSizeMatchR() throws {
        let ref = try ColonReference()
        let rows = ref.expected["balance"] as! [[String: Any]]
        for (options, key, essKey) in [(WeightOptions(estimand: .ate), "smdATE", "essATE"),
                                       (WeightOptions(estimand: .att), "smdATT", "essATT"),
                                       (WeightOptions(estimand: .overlap), "smdOverlap", nil)] {
            let ps = try PropensityScoreModel(exposure: ref.exposure, covariates: ref.covariates, options: options)
            #expect(ps.balance.rows.map(\.name) == rows.map { $0["name"] as! String })
            for (o, r) in zip(ps.balance.rows, rows) {
                #expect(close(o.smdBefore, (r["smdBefore"] as! NSNumber).doubleValue), "\(o.name) before")
                #expect(close(o.smdAfter, (r[key] as! NSNumber).doubleValue), "\(o.name) \(key)")
            }
            if let essKey {
                let ess = ref.doubles(essKey)
                #expect(close(ps.balance.effectiveSampleSize[0], ess[0]))
                #expect(close(ps.balance.effectiveSampleSize[1], ess[1]))
            }
            // Overlap weights balance the means of every model covariate exactly (a property
            // of the logistic score equations): SMD after = 0 for numeric covariates.
            if options.estimand == .overlap {
                for r in ps.balance.rows { #expect(abs(r.smdAfter) < 1e-8, "\(r.name)") }
            }
        }
    }
}

@Suite("Logistic regression edge cases")
struct LogisticEdgeCaseTests {
    @Test func handCalculatedSingleBinaryCovariate() throws {
        // 2×2 table: x=0: 3 of 10 exposed; x=1: 6 of 8. MLE: intercept = logit(0.3),
        // slope = log odds ratio = log((6/2)/(3/7)) = log 7; SE² = 1/3 + 1/7 + 1/6 + 1/2.
        let x: [Double] = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 8)
        let y: [Double] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0] + [1, 1, 1, 1, 1, 1, 0, 0]
        let fit = try LogisticRegression.fit(response: y, columns: [DesignColumn(name: "x", term: "x", level: nil, values: x)])
        #expect(close(fit.coefficients[0].estimate, log(0.3 / 0.7), 1e-9))
        #expect(close(fit.coefficients[1].estimate, log(7.0), 1e-9))
        // The SE uses W of the last IRLS step (as R's summary.glm), one step short of the MLE's W:
        // equal to the closed form to ~1e-6, not to 1e-9.
        #expect(close(fit.coefficients[1].stdErr, (1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2).squareRoot(), 1e-5))
        #expect(fit.converged && !fit.separation)
    }

    @Test func completeSeparationIsReported() throws {
        // x > 2 exactly predicts y: no finite MLE. R warns "fitted probabilities numerically 0 or 1".
        let x: [Double] = [0, 1, 1.5, 2, 3, 4, 5, 6]
        let y: [Double] = [0, 0, 0, 0, 1, 1, 1, 1]
        let fit = try LogisticRegression.fit(response: y, columns: [DesignColumn(name: "x", term: "x", level: nil, values: x)])
        #expect(fit.separation)
        // The propensity weights refuse scores of exactly 0 or 1 with a typed error.
        let scores = fit.fitted
        if scores.contains(where: { $0 <= 0 || $0 >= 1 }) {
            #expect(throws: AnalysisError.self) {
                _ = try PropensityWeights(scores: scores, treated: y.map { $0 == 1 }, options: WeightOptions())
            }
        }
    }

    @Test func aliasedColumnIsNamed() {
        let x: [Double] = [0, 1, 0, 1, 1, 0, 1, 0]
        let y: [Double] = [0, 1, 1, 0, 1, 0, 1, 0]
        let cols = [DesignColumn(name: "x", term: "x", level: nil, values: x),
                    DesignColumn(name: "x2", term: "x2", level: nil, values: x.map { 2 * $0 })]
        #expect(throws: AnalysisError.singularDesign(column: "x2")) {
            _ = try LogisticRegression.fit(response: y, columns: cols)
        }
    }

    @Test func badOptionsAreRejected() {
        #expect(throws: AnalysisError.self) { try WeightOptions(estimand: .att, stabilize: true).validate() }
        #expect(throws: AnalysisError.self) { try WeightOptions(trim: 0.6).validate() }
        #expect(throws: AnalysisError.self) { try WeightOptions(truncate: 0).validate() }
        #expect(throws: AnalysisError.self) {
            _ = try PropensityScoreModel(exposure: [true, true, true], covariates: [.numeric(name: "a", values: [1, 2, 3])])
        }
    }

    @Test func quantileType7() {
        // R: quantile(c(1, 2, 4, 10), c(0.05, 0.5, 0.95), type = 7) = 1.15, 3, 9.1
        #expect(close(PropensityWeights.quantile([10, 1, 4, 2], 0.05), 1.15, 1e-12))
        #expect(close(PropensityWeights.quantile([10, 1, 4, 2], 0.5), 3, 1e-12))
        #expect(close(PropensityWeights.quantile([10, 1, 4, 2], 0.95), 9.1, 1e-12))
    }
}

@Suite("Subject weights from an ADSL-like dataset")
struct SubjectWeightsTests {
    @Test func stabilizedWeightsPerSubjectMatchR() throws {
        let adsl = try Fixture.dataset("adsl.csv", name: "ADSL")
        let specs: [AnalysisPlan.CovariateSpec] = [
            .init(variable: "AGE", type: .numeric), .init(variable: "SEX", type: .factor),
            .init(variable: "DIFFER", type: .factor), .init(variable: "EXTENT", type: .factor),
            .init(variable: "NODES", type: .numeric), .init(variable: "OBSTRUCT", type: .numeric),
        ]
        let w = try SubjectWeights(adsl: adsl, subject: "USUBJID", group: "TRT01P", reference: "Obs",
                                   covariates: specs, options: WeightOptions(stabilize: true))
        #expect(w.treatedGroup == "Lev+5FU" && w.controlGroup == "Obs")
        // Same subjects and order as the colon_ps.csv reference (ids ascending), same weights.
        let ref = try ColonReference()
        let expected = ref.doubles("weightsStabilizedATE")
        let got = w.dataset.column("WEIGHT")!.values.compactMap(\.number)
        #expect(got.count == expected.count)
        for (a, b) in zip(got, expected) { #expect(close(a, b)) }
        #expect(w.dataset.column("USEDFL")!.values.filter { $0.text == "N" }.count == 619 - 594)
        #expect(throws: AnalysisError.badOption(name: "reference", value: "Placebo", expected: "one of Lev+5FU, Obs")) {
            _ = try SubjectWeights(adsl: adsl, subject: "USUBJID", group: "TRT01P", reference: "Placebo",
                                   covariates: specs, options: WeightOptions())
        }
    }
}
