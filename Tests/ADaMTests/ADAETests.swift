import Foundation
import Testing
import TrialCore
@testable import ADaM

/// ADAE on one hand-made subject: treatment 2021-01-10 … 2021-06-30, death 2021-08-15.
@Suite struct ADAETests {
    func derive() throws -> ADaMResult {
        let dm = TestSupport.dataset("DM", ["STUDYID", "USUBJID", "ARMCD", "ACTARMCD", "RFSTDTC", "DTHDTC", "DTHFL"],
                                     [["CRLM", "A01", "G1", "G1", "2021-01-01", "2021-08-15", "Y"]])
        let ex = TestSupport.dataset("EX", ["USUBJID", "EXSEQ", "EXSTDTC", "EXENDTC"], [["A01", "1", "2021-01-10", "2021-06-30"]],
                                     numeric: ["EXSEQ"])
        let ae = TestSupport.dataset("AE", ["STUDYID", "USUBJID", "AESEQ", "AEDECOD", "AEBODSYS", "AETOXGR", "AESTDTC", "AEENDTC"], [
            ["CRLM", "A01", "1", "Nausea", "GI", "3", "2021-01", "2021-02-01"],      // start imputed to TRTSDT
            ["CRLM", "A01", "2", "Pain", "General", "4", "2021-01-05", "2021-01-06"], // before treatment
            ["CRLM", "A01", "3", "Fatigue", "General", "3", "2021-07-20", "2021-08"], // 20 days after last dose; end ≤ death
            ["CRLM", "A01", "4", "Rash", "Skin", "7", "2021-08-10", ""],             // 41 days after: not emergent; bad grade
            ["CRLM", "A01", "5", "Nausea", "GI", "1", "", ""],                       // no dates: emergent (worst case)
        ], numeric: ["AESEQ"])
        let suppae = TestSupport.dataset("SUPPAE", ["USUBJID", "RDOMAIN", "IDVAR", "IDVARVAL", "QNAM", "QVAL"], [
            ["A01", "AE", "AESEQ", "1", "AERELLT", "RELATED"],
            ["A01", "AE", "AESEQ", "3", "AERELST", "NOT RELATED"],
        ])
        return try ADaMDerivation.deriveAll(sdtm: ["DM": dm, "EX": ex, "AE": ae, "SUPPAE": suppae], config: ADTTETests.config())
    }

    @Test func analysisDatesFlagsAndRelationships() throws {
        let result = try derive()
        let a = result.adae
        func col(_ n: String) -> [String] { a.column(n)!.values.map(\.text) }
        #expect(a.rowCount == 5)
        #expect(a.column("ASTDT")!.values == [.number(TestSupport.sas("2021-01-10")), .number(TestSupport.sas("2021-01-05")),
                                              .number(TestSupport.sas("2021-07-20")), .number(TestSupport.sas("2021-08-10")), .dot])
        #expect(col("ASTDTF") == ["D", "", "", "", ""])
        #expect(a.column("AENDT")!.values[2] == .number(TestSupport.sas("2021-08-15")))
        #expect(col("AENDTF") == ["", "", "D", "", ""])
        #expect(a.column("ASTDY")!.values.map(\.number) == [10, 5, 201, 222, nil])
        #expect(col("TRTEMFL") == ["Y", "", "Y", "", "Y"])
        #expect(col("ATOXGR") == ["3", "4", "3", "", "1"])
        #expect(result.diagnostics.contains { $0.value == "7" && $0.message.contains("grade") })
        #expect(col("AREL") == ["RELATED", "", "", "", ""])
        #expect(col("ARELSYS") == ["", "", "NOT RELATED", "", ""])
        // Max grade among emergent AEs is 3 (records 1 and 3): the earlier, record 1.
        #expect(col("AOCCIFL") == ["Y", "", "", "", ""])
        #expect(col("AOCCPIFL") == ["Y", "", "Y", "", ""])
        #expect(col("AOCCSIFL") == ["Y", "", "Y", "", ""])
        #expect(col("TRT01A") == Array(repeating: "GROUP I", count: 5))
        let adsl = result.adsl
        #expect(adsl.value("TRTSDT", row: 0) == .number(TestSupport.sas("2021-01-10")))
        #expect(adsl.value("TRTEDT", row: 0) == .number(TestSupport.sas("2021-06-30")))
        #expect(adsl.value("TRTDURD", row: 0) == .number(172))   // 2021-01-10 … 2021-06-30 inclusive
        #expect(adsl.text("SAFFL", row: 0) == "Y")
    }
}

/// AGE from an imputed birth date when DM.AGE is null (adsl.yaml: middle of the period).
@Suite struct ADSLAgeTests {
    @Test func ageFromPartialBirthDate() throws {
        let dm = TestSupport.dataset("DM", ["STUDYID", "USUBJID", "ARMCD", "RFSTDTC", "BRTHDTC", "AGE", "AGEU"], [
            ["CRLM", "A1", "G1", "2021-01-01", "1960", "", ""],        // 1960-06-30 (M) → 60 on 2021-01-01
            ["CRLM", "A2", "G1", "2021-04-01", "1960-03", "", ""],     // 1960-03-15 (D) → 61 on 2021-04-01
            ["CRLM", "A3", "G2", "2021-01-01", "1960", "61", "YEARS"], // DM.AGE kept
        ], numeric: ["AGE"])
        let adsl = try ADaMDerivation.deriveAll(sdtm: ["DM": dm], config: ADTTETests.config()).adsl
        #expect(adsl.column("AGE")!.values == [.number(60), .number(61), .number(61)])
        #expect(adsl.column("BRTHDTF")!.values.map(\.text) == ["M", "D", "M"])
        #expect(adsl.value("BRTHDT", row: 0) == .number(TestSupport.sas("1960-06-30")))
        #expect(adsl.column("AGEU")!.values.map(\.text) == ["YEARS", "YEARS", "YEARS"])
        #expect(adsl.column("AGEGR1")!.values.map(\.text) == ["<65", "<65", "<65"])
    }
}
