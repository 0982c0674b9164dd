import Testing
@testable import Survival

/// Kaplan-Meier against R's survfit / quantile.survfit / summary(rmean, times).
@Suite struct KaplanMeierTests {
    /// Compares one curve with one R stratum record (every column, quantiles, rmean, times).
    func compare(_ curve: KaplanMeierCurve, _ r: [String: Any], _ what: String, jackknife: Bool = false) {
        let rows = curve.rows
        expectClose(rows.map(\.time), Reference.numbers(r, "time"), 1e-12, "\(what) time")
        expectClose(rows.map(\.nRisk), Reference.numbers(r, "n_risk"), 1e-12, "\(what) n.risk")
        expectClose(rows.map(\.nEvent), Reference.numbers(r, "n_event"), 1e-12, "\(what) n.event")
        expectClose(rows.map(\.nCensor), Reference.numbers(r, "n_censor"), 1e-12, "\(what) n.censor")
        expectClose(rows.map(\.survival), Reference.numbers(r, "surv"), 1e-9, "\(what) surv")
        if jackknife {
            // R's std.err is then the SE of S itself
            expectClose(rows.map(\.stdErr), Reference.numbers(r, "std_err"), 1e-9, "\(what) std.err")
        } else {
            expectClose(rows.map(\.cumHazardStdErr), Reference.numbers(r, "std_err"), 1e-9, "\(what) std.err")
        }
        expectClose(rows.map(\.lower), Reference.numbers(r, "lower"), 1e-9, "\(what) lower")
        expectClose(rows.map(\.upper), Reference.numbers(r, "upper"), 1e-9, "\(what) upper")
        let probs = Reference.values(r, "probs")
        let q = probs.map { curve.quantile($0) }
        expectClose(q.map(\.estimate), Reference.numbers(r, "q"), 1e-12, "\(what) quantile")
        expectClose(q.map(\.lower), Reference.numbers(r, "q_lower"), 1e-12, "\(what) quantile lower")
        expectClose(q.map(\.upper), Reference.numbers(r, "q_upper"), 1e-12, "\(what) quantile upper")
        if let tau = Reference.numbers(r, "tau").first ?? nil {
            let rm = curve.restrictedMean(tau: tau)
            #expect(close(rm.estimate, Reference.numbers(r, "rmean")[0], 1e-9), "\(what) rmean \(rm.estimate)")
            #expect(close(rm.stdErr, Reference.numbers(r, "rmean_se")[0], 1e-9), "\(what) se(rmean) \(rm.stdErr)")
        }
        let at = Reference.values(r, "at_time")
        if !at.isEmpty {
            let s = curve.survival(at: at)
            expectClose(s.map(\.survival), Reference.numbers(r, "at_surv"), 1e-9, "\(what) summary surv")
            expectClose(s.map(\.stdErr), Reference.numbers(r, "at_std_err"), 1e-9, "\(what) summary std.err")
            expectClose(s.map(\.lower), Reference.numbers(r, "at_lower"), 1e-9, "\(what) summary lower")
            expectClose(s.map(\.upper), Reference.numbers(r, "at_upper"), 1e-9, "\(what) summary upper")
            expectClose(s.map(\.nRisk), Reference.numbers(r, "at_n_risk"), 1e-12, "\(what) summary n.risk")
        }
    }

    func strata(_ name: String) -> [[String: Any]] {
        let s = Reference.case(name)["strata"] as! [String: Any]
        // JSONSerialization loses key order; R's strata names sort the same way as the levels here.
        return s.keys.sorted().map { s[$0] as! [String: Any] }
    }

    @Test(arguments: ConfidenceType.allCases)
    func lungOverall(_ type: ConfidenceType) throws {
        let f = Frame("lung.csv", complete: ["time", "status"])
        let curve = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, confType: type)
        compare(curve, strata("km_lung_\(type.rawValue)")[0], "lung \(type)")
        #expect(curve.n == 228)
        #expect(curve.events == 165)
    }

    @Test(arguments: ConfidenceType.allCases)
    func lungBySex(_ type: ConfidenceType) throws {
        let f = Frame("lung.csv", complete: ["time", "status", "sex"])
        let sex = FactorCoding(numbers: f.num("sex"))
        #expect(sex.levels == ["1", "2"])
        let curves = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 },
                                         group: sex.codes, groupCount: 2, confType: type)
        let r = strata("km_lung_sex_\(type.rawValue)")
        for g in 0..<2 { compare(curves[g]!, r[g], "lung sex=\(g + 1) \(type)") }
    }

    @Test func ovarianLogLog90() throws {
        let f = Frame("ovarian.csv", complete: ["futime", "fustat"])
        let curve = try KaplanMeier.fit(time: f.num("futime"), event: f.num("fustat").map { $0 == 1 },
                                        confType: .logLog, confLevel: 0.9)
        compare(curve, strata("km_ovarian_loglog90")[0], "ovarian")
    }

    @Test func veteranByTreatmentPlain() throws {
        let f = Frame("veteran.csv", complete: ["time", "status", "trt"])
        let trt = FactorCoding(numbers: f.num("trt"))
        let curves = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 1 },
                                         group: trt.codes, groupCount: trt.levels.count, confType: .plain)
        let r = strata("km_veteran_trt_plain")
        for g in 0..<2 { compare(curves[g]!, r[g], "veteran trt \(g)") }
    }

    @Test func integerCaseWeights() throws {
        let f = Frame("lung.csv", complete: ["time", "status"])
        let curve = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, weights: f.num("w"))
        compare(curve, strata("km_lung_weights")[0], "lung weights")
        // integer weights = replicated rows
        var t: [Double] = [], e: [Bool] = []
        for (k, w) in f.num("w").enumerated() {
            for _ in 0..<Int(w) { t.append(f.num("time")[k]); e.append(f.num("status")[k] == 2) }
        }
        let rep = try KaplanMeier.fit(time: t, event: e)
        expectClose(rep.rows.map(\.survival), curve.rows.map(\.survival), 1e-12, "replicated")
        expectClose(rep.rows.map(\.cumHazardStdErr), curve.rows.map(\.cumHazardStdErr), 1e-12, "replicated se")
    }

    @Test func fractionalWeightsUseTheJackknife() throws {
        let f = Frame("lung.csv", complete: ["time", "status"])
        let curve = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, weights: f.num("wr"))
        compare(curve, strata("km_lung_wr_log")[0], "lung wr", jackknife: true)
        let sex = FactorCoding(numbers: f.num("sex"))
        let curves = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, group: sex.codes,
                                         groupCount: 2, weights: f.num("wr"), confType: .plain)
        let r = strata("km_lung_wr_plain_sex")
        for g in 0..<2 { compare(curves[g]!, r[g], "lung wr sex \(g)", jackknife: true) }
    }

    @Test func leftTruncation() throws {
        let f = Frame("lung.csv", complete: ["time", "status", "entry"])
        let curve = try KaplanMeier.fit(time: f.num("time"), event: f.num("status").map { $0 == 2 }, entry: f.num("entry"))
        compare(curve, strata("km_lung_entry")[0], "lung entry")
        #expect(throws: SurvivalError.entryNotBeforeExit(row: 0, entry: 3, exit: 3)) {
            try KaplanMeier.fit(time: [3], event: [true], entry: [3])
        }
    }

    @Test func timefixMergesNoisyYears() throws {
        let f = Frame("lung.csv", complete: ["years", "status"])
        let curve = try KaplanMeier.fit(time: f.num("years"), event: f.num("status").map { $0 == 2 })
        compare(curve, strata("km_lung_years_timefix")[0], "lung years")
        let raw = try KaplanMeier.fit(time: f.num("years"), event: f.num("status").map { $0 == 2 }, timefix: false)
        #expect(raw.rows.count > curve.rows.count)
    }

    @Test(arguments: ["km_flat1", "km_flat2", "km_flat3"])
    func flatAtOneHalf(_ name: String) throws {
        let data: [String: ([Double], [Bool])] = [
            "km_flat1": ([1, 2, 3, 4], [true, true, false, true]),
            "km_flat2": ([1, 2, 3, 4], [true, true, false, false]),
            "km_flat3": ([1, 2, 4, 5, 7, 8, 9, 10], [true, false, true, true, false, true, true, false]),
        ]
        let (t, e) = data[name]!
        let curve = try KaplanMeier.fit(time: t, event: e)
        compare(curve, strata(name)[0], name)
    }

    /// Hand calculation: times 1,2,2,3+,4 → S = 4/5, 4/5·2/4 = 2/5, 2/5, 2/5·0 = 0.
    @Test func handComputedTiny() throws {
        let curve = try KaplanMeier.fit(time: [1, 2, 2, 3, 4], event: [true, true, true, false, true])
        #expect(curve.rows.map(\.time) == [1, 2, 3, 4])
        #expect(curve.rows.map(\.nRisk) == [5, 4, 2, 1])
        #expect(close(curve.rows[1].survival, 0.4, 1e-15))
        #expect(curve.rows[3].survival == 0)
        // Greenwood at t=2: 1/(5·4) + 2/(4·2) = 0.3
        #expect(close(curve.rows[1].cumHazardStdErr * curve.rows[1].cumHazardStdErr, 0.3, 1e-14))
        #expect(curve.rows[3].cumHazardStdErr == .infinity)
        #expect(curve.rows[3].stdErr == nil && curve.rows[3].lower == nil)
        // median: first S ≤ 0.5 at t = 2; RMST to 4 = 1 + 0.8 + 0.4·2 = 2.6
        #expect(curve.median.estimate == 2)
        #expect(close(curve.restrictedMean(tau: 4).estimate, 2.6, 1e-15))
    }

    @Test func degenerateCases() throws {
        // no events: flat at 1, no median
        let none = try KaplanMeier.fit(time: [3, 1, 2], event: [false, false, false])
        #expect(none.rows.allSatisfy { $0.survival == 1 })
        #expect(none.median.estimate == nil)
        #expect(none.events == 0)
        // all events at one time
        let one = try KaplanMeier.fit(time: [5, 5, 5], event: [true, true, true])
        #expect(one.rows.count == 1 && one.rows[0].survival == 0)
        #expect(one.median.estimate == 5)
        // a single subject
        let single = try KaplanMeier.fit(time: [7], event: [true])
        #expect(single.rows[0].survival == 0 && single.rows[0].nRisk == 1)
        // a group with no rows gets nil, a group with no events a flat curve
        let g = try KaplanMeier.fit(time: [1, 2, 3, 4], event: [true, false, false, true], group: [0, 2, 2, 0], groupCount: 3)
        #expect(g[1] == nil)
        #expect(g[2]!.rows.allSatisfy { $0.survival == 1 })
    }

    @Test func badInputIsTyped() {
        #expect(throws: SurvivalError.negativeTime(row: 1, value: -1)) {
            try KaplanMeier.fit(time: [1, -1], event: [true, true])
        }
        #expect(throws: SurvivalError.notFinite(argument: "time", row: 0, value: .infinity)) {
            try KaplanMeier.fit(time: [.infinity], event: [true])
        }
        #expect(throws: SurvivalError.nonPositiveWeight(row: 0, value: 0)) {
            try KaplanMeier.fit(time: [1], event: [true], weights: [0])
        }
        #expect(throws: SurvivalError.lengthMismatch(argument: "event", expected: 2, actual: 1)) {
            try KaplanMeier.fit(time: [1, 2], event: [true])
        }
        #expect(throws: SurvivalError.noRows) { try KaplanMeier.fit(time: [], event: []) }
        #expect(throws: SurvivalError.self) { try KaplanMeier.fit(time: [1], event: [true], confLevel: 1.5) }
    }
}
