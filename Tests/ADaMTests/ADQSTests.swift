import Foundation
import Testing
import TrialCore
@testable import ADaM

/// ADQS windows, analysis flag, baseline and change from baseline on one hand-made subject
/// (included 2021-01-01; month-0 window days −14…15, month-3 window days 78…106).
@Suite struct ADQSTests {
    /// 30 QS item rows of one questionnaire: every item 1 except `overrides`.
    func questionnaire(_ id: String, visitnum: String, dtc: String, seq0: Int, _ overrides: [Int: String] = [:]) -> [[String]] {
        (1...30).map { i in
            [id, String(seq0 + i), String(format: "EOR01%02d", i), "EORTC QLQ-C30 V3.0", overrides[i] ?? "1", visitnum, dtc]
        }
    }

    func derive() throws -> Dataset {
        var rows: [[String]] = []
        rows += questionnaire("A01", visitnum: "0", dtc: "2020-12-30", seq0: 0)                 // day −2: PF2 100
        rows += questionnaire("A01", visitnum: "0.1", dtc: "2021-01-05", seq0: 30, [1: "2"])    // day 5: PF2 93.33
        rows += questionnaire("A01", visitnum: "3", dtc: "2021-04-02", seq0: 60, [1: "3"])      // day 92: PF2 86.67
        rows += questionnaire("A01", visitnum: "3.1", dtc: "2021-04-12", seq0: 90, [1: ""])     // day 102: PF2 100 (4 of 5)
        rows += questionnaire("A01", visitnum: "4", dtc: "2021-06-01", seq0: 120, [1: "9"])     // day 152: no window; 9 invalid
        let qs = TestSupport.dataset("QS", ["USUBJID", "QSSEQ", "QSTESTCD", "QSCAT", "QSSTRESC", "VISITNUM", "QSDTC"], rows,
                                     numeric: ["QSSEQ", "VISITNUM"])
        let dm = TestSupport.dataset("DM", ["STUDYID", "USUBJID", "ARMCD", "RFSTDTC"], [["CRLM", "A01", "G1", "2021-01-01"]])
        let config = try ADTTETests.config()
        let result = try ADaMDerivation.deriveAll(sdtm: ["DM": dm, "QS": qs], config: config)
        #expect(result.diagnostics.contains { $0.message.contains("out of range") && $0.value == "9" })
        return result.adqs
    }

    @Test func windowsBaselineAndChange() throws {
        let adqs = try derive()
        #expect(adqs.rowCount == 5 * 16)
        let pf = (0..<adqs.rowCount).filter { adqs.text("PARAMCD", row: $0) == "PF2" }
        #expect(pf.count == 5)
        func col(_ name: String) -> [Value] { pf.map { adqs.value(name, row: $0)! } }
        #expect(col("ADY").map(\.number) == [-2, 5, 92, 102, 152])
        #expect(col("AVISIT").map(\.text) == ["MONTH 0", "MONTH 0", "MONTH 3", "MONTH 3", ""])
        // Closest to the target day: day −2 (2 days from day 1) beats day 5 (4 days); day 92 is on target.
        #expect(col("ANL01FL").map(\.text) == ["Y", "", "Y", "", ""])
        #expect(col("ABLFL").map(\.text) == ["Y", "", "", "", ""])
        let aval = col("AVAL").map { $0.number! }
        let expected = [100, 280.0 / 3, 260.0 / 3, 100, 100]   // item 1 = 9 is out of range → unanswered → 100
        for (a, e) in zip(aval, expected) { #expect(abs(a - e) < 1e-9) }
        #expect(col("BASE").allSatisfy { $0 == .number(100) })
        let chg = col("CHG").map(\.number)
        #expect(chg[0] == nil)
        #expect(abs(chg[1]! - (280.0 / 3 - 100)) < 1e-9)
        #expect(abs(chg[2]! - (260.0 / 3 - 100)) < 1e-9)
        #expect(chg[3] == 0 && chg[4] == 0)
        #expect(adqs.text("TRT01P", row: pf[0]) == "GROUP I")
        // C30SUM present for every complete questionnaire.
        let sum = (0..<adqs.rowCount).filter { adqs.text("PARAMCD", row: $0) == "C30SUM" }
        #expect(sum.count == 5)
        #expect(abs(adqs.value("AVAL", row: sum[0])!.number! - 100) < 1e-9)
    }

    @Test func tieRulesOnEqualDistance() {
        // Target day 92 (month 3): days 85 and 99 are both 7 days away.
        func flags(_ rule: VisitWindows.TieRule) -> [String] {
            var ds = TestSupport.dataset("X", ["USUBJID", "PARAMCD", "ADY", "AVAL"], [["A", "P", "99", "1"], ["A", "P", "85", "2"], ["A", "P", "92", ""]],
                                         numeric: ["ADY", "AVAL"])
            let w = VisitWindows.monthly(tieRule: rule)
            ds.deriveVarsAVISIT(windows: w)
            ds.deriveVarANL01FL(by: ["USUBJID", "PARAMCD"], windows: w)
            return ds.column("ANL01FL")!.values.map(\.text)
        }
        // The on-target record has a missing AVAL and is never analysed.
        #expect(flags(.closest) == ["", "Y", ""])
        #expect(flags(.first) == ["", "Y", ""])
        #expect(flags(.last) == ["Y", "", ""])
    }

    @Test func windowsFollowTheProtocol() {
        let w = VisitWindows.monthly()
        #expect(w.windows.map(\.targetDay) == [1, 92, 184, 275, 366, 458, 549, 640, 732])
        #expect(w.window(forDay: -14)?.avisit == "MONTH 0")   // 14 days before day 1 (no day 0)
        #expect(w.window(forDay: -15) == nil)
        #expect(w.window(forDay: 15)?.avisit == "MONTH 0")
        #expect(w.window(forDay: 16) == nil)
        #expect(w.window(forDay: 106)?.avisit == "MONTH 3")
        #expect(w.validate() == nil)
        #expect(VisitWindows.monthly(halfWidth: 46).validate() != nil)
    }
}
