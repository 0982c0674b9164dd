import Testing
@testable import Survival

/// cox.zph (survival 3.x score test) against R.
@Suite struct ProportionalHazardsTestTests {
    func compare(_ res: ProportionalHazardsResult, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = Reference.case(name)
        let all = res.terms.map(\.test) + [res.global]
        expectRel(all.map(\.chiSquare), Reference.numbers(r, "chisq"), 1e-6, "\(name) chisq", sourceLocation: sourceLocation)
        expectRel(all.map { Double($0.df) }, Reference.numbers(r, "df"), 0, "\(name) df", sourceLocation: sourceLocation)
        expectRel(all.map(\.p), Reference.numbers(r, "p"), 1e-6, "\(name) p", sourceLocation: sourceLocation)
        #expect(res.terms.map(\.term) + ["GLOBAL"] == Reference.strings(r, "names"), sourceLocation: sourceLocation)
    }

    @Test(arguments: TimeTransform.allCases)
    func lung(_ transform: TimeTransform) throws {
        let f = Frame("lung.csv", complete: ["time", "status", "age", "sex", "ph.ecog"])
        let x = try DesignMatrix(terms: ["age", "sex", "ph.ecog"].map { .numeric(name: $0, values: f.num($0)) })
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, design: x)
        compare(ProportionalHazardsTest.test(fit, transform: transform), "zph_lung_\(transform.rawValue)")
    }

    @Test func veteranFactorIsOneTerm() throws {
        let f = Frame("veteran.csv", complete: ["time", "status"])
        let x = try DesignMatrix(terms: [.numeric(name: "trt", values: f.num("trt")), .numeric(name: "karno", values: f.num("karno")),
                                         .factor(name: "celltype", coding: FactorCoding(text: f.text("celltype")))])
        let fit = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 1 }, design: x)
        compare(ProportionalHazardsTest.test(fit), "zph_vet_km")
        var o = CoxOptions(); o.ties = .breslow
        let fitB = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 1 }, design: x, options: o)
        compare(ProportionalHazardsTest.test(fitB, transform: .rank), "zph_vet_breslow_rank")
    }

    @Test func stratifiedAndWeighted() throws {
        let o = Frame("ovarian.csv", complete: ["futime", "fustat"])
        let x = try DesignMatrix(terms: [.numeric(name: "age", values: o.num("age")), .numeric(name: "ecog.ps", values: o.num("ecog.ps"))])
        let fit = try CoxModel.fit(time: o.num("futime"), event: o.num("fustat").map { $0 == 1 }, design: x,
                                   strata: FactorCoding(numbers: o.num("rx")).codes)
        compare(ProportionalHazardsTest.test(fit), "zph_ova_strata")
        let f = Frame("lung.csv", complete: ["time", "status", "age", "sex"])
        let x2 = try DesignMatrix(terms: ["age", "sex"].map { .numeric(name: $0, values: f.num($0)) })
        let fit2 = try CoxModel.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, design: x2, weights: f.num("wr"))
        compare(ProportionalHazardsTest.test(fit2), "zph_lung_weights")
    }
}
