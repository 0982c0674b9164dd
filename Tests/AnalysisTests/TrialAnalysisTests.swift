import Foundation
import Testing
import TrialCore
@testable import Analysis

/// TrialAnalysis on ADaM-shaped survival::colon data against `Fixtures/make_trial_reference.R`.
@Suite("Trial analysis against R survival on colon")
struct TrialAnalysisTests {
    static func run() throws -> (Results, [String: Any]) {
        let plan = try AnalysisPlan.load(path: Fixture.directory.appendingPathComponent("colon_plan.yaml").path)
        let adsl = try Fixture.dataset("adsl.csv", name: "ADSL")
        let adtte = try Fixture.dataset("adtte.csv", name: "ADTTE")
        return (try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte), try Fixture.json("trial_expected.json"))
    }

    static func d(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
    static func ds(_ any: Any?) -> [Double?] { (any as! [Any]).map { d($0) } }

    @Test func kaplanMeierLogRankAndHazardRatiosMatchR() throws {
        let (r, x) = try Self.run()
        #expect(r.groups.map(\.name) == ["Obs", "Lev+5FU"])
        for e in r.endpoints {
            let ref = x[e.paramcd] as! [String: Any]
            let n = Self.ds(ref["n"]), ev = Self.ds(ref["events"])
            let med = Self.ds(ref["median"]), lo = Self.ds(ref["medianLower"]), hi = Self.ds(ref["medianUpper"])
            let rate = Self.ds(ref["rate"]), rlo = Self.ds(ref["rateLower"]), rhi = Self.ds(ref["rateUpper"])
            let atRisk = Self.ds(ref["atRisk"])
            for (g, km) in e.km.enumerated() {
                #expect(Double(km.n) == n[g]!)
                #expect(km.events == ev[g]!)
                #expect(km.median == med[g], "\(e.paramcd) median \(g)")
                #expect(km.medianLower == lo[g], "\(e.paramcd) median lower \(g)")
                #expect(km.medianUpper == hi[g], "\(e.paramcd) median upper \(g)")
                for k in 0..<2 {
                    #expect(close(km.rates[k].survival, rate[2 * g + k]!, 1e-9))
                    #expect(close(km.rates[k].lower!, rlo[2 * g + k]!, 1e-9))
                    #expect(close(km.rates[k].upper!, rhi[2 * g + k]!, 1e-9))
                }
                #expect(km.atRisk == Array(atRisk[(9 * g)..<(9 * g + 9)].map { $0! }))
            }
            #expect(close(e.logRank.chiSquare, Self.d(ref["logrankChisq"])!, 1e-9))
            #expect(close(e.logRank.p, Self.d(ref["logrankP"])!, 1e-9))
            let byMethod = Dictionary(uniqueKeysWithValues: e.hazardRatios.map { ($0.method, $0) })
            for (m, key) in [("unadjusted", "Unadjusted"), ("adjusted", "Adjusted"), ("iptw", "IPTW")] {
                let h = try #require(byMethod[m])
                #expect(h.comparison == "Lev+5FU" && h.reference == "Obs")
                #expect(close(h.hr!, Self.d(ref["hr" + key])!, 1e-6), "\(e.paramcd) \(m) HR")
                #expect(close(h.stdErr!, Self.d(ref["se" + key])!, 1e-6), "\(e.paramcd) \(m) SE")
            }
            #expect(byMethod["adjusted"]!.n == Int(Self.d(ref["nAdjusted"])!))
            #expect(byMethod["iptw"]!.n == Int(Self.d(ref["nIPTW"])!))
            #expect(byMethod["iptw"]!.robust)
            let sg = ref["subgroups"] as! [[String: Any]]
            #expect(e.subgroups.map(\.level) == sg.map { $0["level"] as! String })
            for (o, s) in zip(e.subgroups, sg) {
                #expect(close(o.estimate!.hr!, Self.d(s["hr"])!, 1e-6))
                #expect(close(o.estimate!.stdErr!, Self.d(s["se"])!, 1e-6))
            }
        }
    }

    /// Weighted KM (stabilized ATE weights as case weights) equals R's survfit(weights = w),
    /// limits included:
    /// the colon OS endpoint with the IPTW covariates is the propensity fixture's kmWeighted.
    @Test func weightedKaplanMeierMatchesR() throws {
        let (r, _) = try Self.run()
        let ref = (try Fixture.json("propensity_expected.json"))["kmWeighted"] as! [String: Any]
        let surv = Self.ds(ref["surv"]), lo = Self.ds(ref["lower"]), hi = Self.ds(ref["upper"]), risk = Self.ds(ref["nRisk"])
        let w = try #require(r.endpoints[0].weightedKM)
        for (g, km) in w.enumerated() {
            for k in 0..<2 {
                let i = 3 * g + k
                #expect(close(km.rates[k].survival, surv[i]!, 1e-9), "group \(g) t \(k)")
                #expect(close(km.rates[k].nRisk, risk[i]!, 1e-9))
                // Limits use R's infinitesimal-jackknife SE for non-integer weights.
                #expect(close(km.rates[k].lower!, lo[i]!, 1e-6), "group \(g) lower")
                #expect(close(km.rates[k].upper!, hi[i]!, 1e-6), "group \(g) upper")
            }
        }
    }

    @Test func riskFactorTableMatchesR() throws {
        let (r, x) = try Self.run()
        let ref = x["riskFactors"] as! [String: Any]
        let rf = try #require(r.riskFactors)
        let uni = ref["univariable"] as! [[String: Any]]
        for (o, u) in zip(rf.univariable, uni) {
            #expect(o.variable == u["variable"] as! String)
            #expect(o.n == Int(Self.d(u["n"])!))
            #expect(close(o.termTest.chiSquare, Self.d(u["lrt"])!, 1e-6), "\(o.variable)")
            #expect(o.termTest.df == Int(Self.d(u["df"])!))
            let hrs = (u["hr"] as? [Any]).map { $0.map { Self.d($0)! } } ?? [Self.d(u["hr"])!]
            #expect(o.rows.count == hrs.count)
            for (row, h) in zip(o.rows, hrs) { #expect(close(row.hr!, h, 1e-6), "\(o.variable) \(row.level ?? "")") }
        }
        #expect(rf.multivariableTerms == (ref["selected"] as! [String]))
        #expect(rf.multivariableN == Int(Self.d(ref["n"])!))
        for (row, h) in zip(rf.multivariable, Self.ds(ref["hr"])) { #expect(close(row.hr!, h!, 1e-6)) }
        for (row, p) in zip(rf.multivariable, Self.ds(ref["p"])) { #expect(close(row.p!, p!, 1e-6)) }
        let zc = Self.ds(ref["zphChisq"])
        #expect(rf.proportionalHazards.count == zc.count - 1)
        for (t, c) in zip(rf.proportionalHazards, zc) { #expect(close(t.chiSquare, c!, 1e-6)) }
        #expect(close(rf.proportionalHazardsGlobal!.chiSquare, zc.last!!, 1e-6))
    }

    @Test func baselineQuartilesAndJSONRoundTrip() throws {
        let (r, x) = try Self.run()
        let q = (x["ageQuartiles"] as! [[Any]]).map { $0.map { Self.d($0)! } }
        let age = r.baseline.variables[0]
        for g in 0..<2 {
            let s = age.numeric![g]
            #expect([s.q1!, s.median!, s.q3!] == q[g])
        }
        // Factor percentages add to 100 per group.
        let sex = r.baseline.variables[1]
        for g in 0..<3 { #expect(close(sex.levels!.map { $0.percent[g] }.reduce(0, +), 100, 1e-12)) }
        let data = try r.jsonData()
        #expect(try Results.decode(data, file: "results.json") == r)
        #expect(try r.jsonData() == data)
    }

    @Test func planErrorsNameTheKey() {
        #expect(throws: AnalysisError.self) { _ = try AnalysisPlan.parse(yaml: "study: X\n", file: "a.yaml") }
        do {
            let text = try String(contentsOf: Fixture.directory.appendingPathComponent("colon_plan.yaml"), encoding: .utf8)
            _ = try AnalysisPlan.parse(yaml: text.replacingOccurrences(of: "ties: efron", with: "ties: sas"), file: "a.yaml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("a.yaml") && "\(error)".contains("ties"))
        }
    }

    @Test func missingVariableAndUnknownSubjectAreTypedErrors() throws {
        let plan = try AnalysisPlan.load(path: Fixture.directory.appendingPathComponent("colon_plan.yaml").path)
        var adsl = try Fixture.dataset("adsl.csv", name: "ADSL")
        let adtte = try Fixture.dataset("adtte.csv", name: "ADTTE")
        var bad = adtte
        bad.columns[0].values[3] = .character("NOBODY")
        #expect(throws: AnalysisError.badValue(dataset: "ADTTE", row: 4, variable: "USUBJID", value: "NOBODY", expected: "a subject present in ADSL")) {
            _ = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: bad)
        }
        adsl.columns.removeAll { $0.name == "NODES" }
        #expect(throws: AnalysisError.missingVariable(dataset: "ADSL", variable: "NODES")) {
            _ = try TrialAnalysis.run(plan: plan, adsl: adsl, adtte: adtte)
        }
    }
}
