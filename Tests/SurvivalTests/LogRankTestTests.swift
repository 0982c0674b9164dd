import Testing
@testable import Survival

/// survdiff against R.
@Suite struct LogRankTestTests {
    func compare(_ res: LogRankResult, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = Reference.case(name)
        expectRel(res.observed, Reference.numbers(r, "obs"), 1e-9, "\(name) observed", sourceLocation: sourceLocation)
        expectRel(res.expected, Reference.numbers(r, "exp"), 1e-9, "\(name) expected", sourceLocation: sourceLocation)
        // R's var is column-major; it is symmetric.
        expectRel(res.variance.values, Reference.numbers(r, "var"), 1e-9, "\(name) variance", sourceLocation: sourceLocation)
        expectRel([res.chiSquare, Double(res.df), res.p],
                  [Reference.values(r, "chisq")[0], Reference.values(r, "df")[0], Reference.values(r, "p")[0]], 1e-9,
                  "\(name) test", sourceLocation: sourceLocation)
        expectRel(res.n.map(Double.init), Reference.numbers(r, "n"), 0, "\(name) n", sourceLocation: sourceLocation)
    }

    @Test(arguments: [0.0, 1.0])
    func lungSex(_ rho: Double) throws {
        let f = Frame("lung.csv", complete: ["time", "status", "sex"])
        let g = FactorCoding(numbers: f.num("sex"))
        let res = try LogRankTest.test(time: f.num("time"), event: f.num("status").map { $0 == 2 }, group: g.codes,
                                       groupCount: g.levels.count, rho: rho)
        compare(res, rho == 0 ? "dif_lung_sex_rho0" : "dif_lung_sex_rho1")
    }

    @Test func veteranFourCellTypes() throws {
        let f = Frame("veteran.csv", complete: ["time", "status", "celltype"])
        let g = FactorCoding(text: f.text("celltype"))
        let res = try LogRankTest.test(time: f.num("time"), event: f.num("status").map { $0 == 1 }, group: g.codes, groupCount: 4)
        compare(res, "dif_vet_cell")
        #expect(res.df == 3)
    }

    @Test func stratified() throws {
        let f = Frame("lung.csv", complete: ["time", "status", "sex", "ph.ecog"])
        let g = FactorCoding(numbers: f.num("sex"))
        let s = FactorCoding(numbers: f.num("ph.ecog"))
        let res = try LogRankTest.test(time: f.num("time"), event: f.num("status").map { $0 == 2 }, group: g.codes,
                                       groupCount: 2, strata: s.codes)
        compare(res, "dif_lung_sex_strat_ecog")
        let o = Frame("ovarian.csv", complete: ["futime", "fustat", "rx", "resid.ds"])
        let rx = FactorCoding(numbers: o.num("rx"))
        let res2 = try LogRankTest.test(time: o.num("futime"), event: o.num("fustat").map { $0 == 1 }, group: rx.codes,
                                        groupCount: 2, strata: FactorCoding(numbers: o.num("resid.ds")).codes, rho: 1)
        compare(res2, "dif_ova_rx_strat")
    }

    @Test func fractionalRho() throws {
        let f = Frame("pbc.csv", complete: ["time", "status", "trt"])
        let g = FactorCoding(numbers: f.num("trt"))
        let res = try LogRankTest.test(time: f.num("time"), event: f.num("status").map { $0 == 2 }, group: g.codes,
                                       groupCount: 2, rho: 0.5)
        compare(res, "dif_pbc_trt_rho05")
    }

    /// Hand calculation: group A dies at 1 and 3, group B at 2 (censored at 4).
    /// t=1: n=(2,2), d=1 → E_A = 1/2, V = 1·3/3·(1/2)(1/2) = 1/4.
    /// t=2: n=(1,2), d=1 (B) → E_A = 1/3, V = 1·2/2·(1/3)(2/3) = 2/9.
    /// t=3: n=(1,1), d=1 (A) → E_A = 1/2, V = 1/4. O_A = 2, E_A = 4/3, V = 13/18;
    /// χ² = (2/3)²/(13/18) = 8/13.
    @Test func handComputed() throws {
        let res = try LogRankTest.test(time: [1, 3, 2, 4], event: [true, true, true, false], group: [0, 0, 1, 1], groupCount: 2)
        #expect(close(res.expected[0], 4.0 / 3.0, 1e-14))
        #expect(close(res.variance[0, 0], 13.0 / 18.0, 1e-14))
        #expect(close(res.chiSquare, 8.0 / 13.0, 1e-14))
        #expect(res.df == 1)
    }

    /// Two groups: the trend test with any increasing scores is the log-rank test itself.
    /// Three groups, hand check on veteran cell types: T and sᵀVs from R's O, E and V.
    @Test func trend() throws {
        let res = try LogRankTest.test(time: [1, 3, 2, 4], event: [true, true, true, false], group: [0, 0, 1, 1], groupCount: 2)
        #expect(close(res.trendTest().chiSquare, 8.0 / 13.0, 1e-14))
        #expect(close(res.trendTest(scores: [0, 5]).chiSquare, 8.0 / 13.0, 1e-14))
        let f = Frame("veteran.csv", complete: ["time", "status", "celltype"])
        let g = FactorCoding(text: f.text("celltype"))
        let vet = try LogRankTest.test(time: f.num("time"), event: f.num("status").map { $0 == 1 }, group: g.codes, groupCount: 4)
        let r = Reference.case("dif_vet_cell")
        let o = Reference.values(r, "obs"), e = Reference.values(r, "exp"), v = Reference.values(r, "var")
        let s = [1.0, 2, 3, 4]
        var t = 0.0, vv = 0.0
        for a in 0..<4 { t += s[a] * (o[a] - e[a]); for b in 0..<4 { vv += s[a] * v[a + 4 * b] * s[b] } }
        #expect(rel(vet.trendTest().chiSquare, t * t / vv, 1e-9))
        #expect(vet.trendTest().df == 1)
    }

    @Test func degenerate() throws {
        // a group with no events still has expected > 0 and counts
        let res = try LogRankTest.test(time: [1, 2, 3, 4], event: [true, true, false, false], group: [0, 0, 1, 1], groupCount: 2)
        #expect(res.observed == [2, 0])
        #expect(res.df == 1)
        // no events anywhere: χ² = 0, df = −1 → 0 groups with E > 0
        let none = try LogRankTest.test(time: [1, 2], event: [false, false], group: [0, 1], groupCount: 2)
        #expect(none.chiSquare == 0 && none.df == 0)
        // one group only
        #expect(throws: SurvivalError.fewerThanTwoGroups) {
            try LogRankTest.test(time: [1, 2], event: [true, true], group: [0, 0], groupCount: 2)
        }
    }
}
