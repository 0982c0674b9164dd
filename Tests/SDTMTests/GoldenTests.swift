import Testing
import StudyModel
import TrialCore
@testable import SDTM

/// Golden tests: the expected rows below were worked out by hand from SDTMIG 3.4 rules
/// (USUBJID = STUDYID-SITEID-SUBJID; --DY = date − RFSTDTC + 1 on or after day 1, date − RFSTDTC
/// before, null unless both dates are complete; --SEQ in key order within a subject; partial
/// dates kept as collected), not by running the code.
@Suite struct GoldenTests {
    static let mapped = Result<SDTMResult, InputError> { () throws(InputError) -> SDTMResult in
        let specs = try SpecLibrary.load(from: SpecTests.specsRoot)
        return try SDTMMapper(specs: specs, dictionary: GoldenStudy.dictionary).map(GoldenStudy.study)
    }
    static func result() throws -> SDTMResult { try mapped.get() }

    /// The values of `cols` of every row, as text (numbers without `.0`, missing as "").
    func table(_ name: String, _ cols: [String]) throws -> [[String]] {
        let ds = try #require(Self.result().dataset(name), "dataset \(name)")
        return (0..<ds.rowCount).map { r in cols.map { ds.text($0, row: r) } }
    }

    static let A = "CRLM-LOCAL-01-001-001", B = "CRLM-LOCAL-01-001-002", C = "CRLM-LOCAL-02-002-001", D = "CRLM-LOCAL-02-002-002"

    @Test func datasetsInOrderWithSpecMetadata() throws {
        #expect(try Self.result().datasets.map(\.name) == SDTMMapper.domains)
        let dm = try #require(Self.result().dataset("DM"))
        #expect(dm.label == "Demographics")
        #expect(dm.column("USUBJID")?.label == "Unique Subject Identifier")
        #expect(dm.column("USUBJID")?.length == 40)
        #expect(dm.column("AGE")?.type == .numeric)
        #expect(dm.keys == ["STUDYID", "USUBJID"])
        // Exp variable not collected (ACTARMUD) is present and empty; spec order kept.
        #expect(dm.columnNames == ["STUDYID", "DOMAIN", "USUBJID", "SUBJID", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC",
                                   "RFICDTC", "RFPENDTC", "DTHDTC", "DTHFL", "SITEID", "BRTHDTC", "AGE", "AGEU", "SEX", "RACE",
                                   "ETHNIC", "ARMCD", "ARM", "ACTARMCD", "ACTARM", "ARMNRS", "ACTARMUD", "COUNTRY"])
    }

    @Test func dm() throws {
        let g1 = "Radical local liver treatment + systemic therapy", g2 = "Systemic therapy +/- TACE/HAIC"
        let rows = try table("DM", ["USUBJID", "SUBJID", "RFSTDTC", "RFENDTC", "RFXSTDTC", "RFXENDTC", "RFICDTC", "RFPENDTC",
                                    "DTHDTC", "DTHFL", "SITEID", "BRTHDTC", "AGE", "AGEU", "SEX", "RACE", "ETHNIC", "ARMCD", "ARM",
                                    "ACTARMCD", "ACTARM", "ARMNRS", "COUNTRY", "STUDYID", "DOMAIN"])
        #expect(rows == [
            // Ongoing: RFENDTC null, RFPENDTC = last known alive; RFXSTDTC = EX start (before the hepatectomy),
            // RFXENDTC = EX end; AGE 64 (birthday 20 July not yet reached on 2021-03-10).
            [Self.A, "001-001", "2021-03-10", "", "2021-03-12", "2021-08-20", "2021-03-01", "2021-09-01", "", "", "01",
             "1956-07-20", "64", "YEARS", "M", "WHITE", "NOT HISPANIC OR LATINO", "G1", g1, "G1", g1, "", "FRA", "CRLM-LOCAL", "DM"],
            // Birth year only: 72 or 73 at inclusion → AGE null. Died 2022-01-15. TACE date partial → not in RFX.
            [Self.B, "001-002", "2021-05-06", "2022-01-15", "2021-05-10", "", "2021-05-02", "2022-01-15", "2022-01-15", "Y", "01",
             "1948", "", "", "F", "ASIAN", "NOT REPORTED", "G2", g2, "G2", g2, "", "CHN", "CRLM-LOCAL", "DM"],
            // Birth 1960-02: 61 whatever the day. Withdrawn, never treated.
            [Self.C, "002-001", "2021-09-15", "2021-10-01", "", "", "2021-09-01", "2021-10-01", "", "", "02",
             "1960-02", "61", "YEARS", "M", "BLACK OR AFRICAN AMERICAN", "HISPANIC OR LATINO", "G1", g1, "", "",
             "ASSIGNED, NOT TREATED", "ESP", "CRLM-LOCAL", "DM"],
            // Inclusion date partial: RFSTDTC "2021-10", no age; no disposition record.
            [Self.D, "002-002", "2021-10", "", "", "", "2021-09-28", "", "", "", "02",
             "1970-05-05", "", "", "F", "WHITE", "NOT HISPANIC OR LATINO", "G2", g2, "", "", "ASSIGNED, NOT TREATED", "FRA",
             "CRLM-LOCAL", "DM"],
        ])
    }

    @Test func suppdm() throws {
        let rows = try table("SUPPDM", ["RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QVAL", "QORIG"])
        #expect(rows.filter { $0[1] == Self.A } == [
            ["DM", Self.A, "", "", "ECOG", "0", "CRF"],
            ["DM", Self.A, "", "", "PRIMSITE", "RIGHT COLON", "CRF"],
            ["DM", Self.A, "", "", "PRIMSIDE", "RIGHT", "Derived"],
            ["DM", Self.A, "", "", "PRIMRES", "Y", "CRF"],
            ["DM", Self.A, "", "", "LMTIMING", "SYNCHRONOUS", "CRF"],
            ["DM", Self.A, "", "", "RAS", "WILD TYPE", "CRF"],
            ["DM", Self.A, "", "", "BRAF", "WILD TYPE", "CRF"],
            ["DM", Self.A, "", "", "MSI", "MSS", "CRF"],
            ["DM", Self.A, "", "", "CEA", "12.5", "CRF"],
            ["DM", Self.A, "", "", "LIVMETN", "3", "CRF"],
            ["DM", Self.A, "", "", "LIVMETMX", "45", "CRF"],
            ["DM", Self.A, "", "", "BILOBAR", "Y", "CRF"],
            ["DM", Self.A, "", "", "EHSITEN", "1", "Derived"],
            ["DM", Self.A, "", "", "EHSITE1", "LUNG", "CRF"],
        ])
        // B: two extrahepatic sites; C: no ECOG recorded → no ECOG row.
        #expect(rows.filter { $0[1] == Self.B }.map { $0[4] }.suffix(3) == ["EHSITEN", "EHSITE1", "EHSITE2"])
        #expect(rows.filter { $0[1] == Self.B }.last?[5] == "DISTANT LYMPH NODES")
        #expect(!rows.contains { $0[1] == Self.C && $0[4] == "ECOG" })
        #expect(rows.count == 14 + 15 + 13 + 14)
    }

    @Test func ae() throws {
        let rows = try table("AE", ["USUBJID", "AESEQ", "AESPID", "AETERM", "AEDECOD", "AEBODSYS", "AESER", "AEACN", "AEREL",
                                    "AEOUT", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP", "AESLIFE", "AESMIE", "AETOXGR", "EPOCH",
                                    "AESTDTC", "AEENDTC", "AESTDY", "AEENDY"])
        #expect(rows == [
            // Ordered by AESTDTC: the bile leak (AE 2, 2021-04-18, day 40) before the nausea (AE 1).
            [Self.A, "1", "2", "bile leakage", "Bile leak", "Hepatobiliary disorders", "Y", "NOT APPLICABLE", "RELATED",
             "RECOVERED/RESOLVED", "N", "N", "N", "Y", "N", "N", "3", "TREATMENT", "2021-04-18", "2021-05", "40", ""],
            // Spans the month-3 visit (day 91): days 72 → 115. Misspelling coded through the dictionary.
            [Self.A, "2", "1", "nausia", "Nausea", "Gastrointestinal disorders", "N", "DOSE REDUCED", "RELATED",
             "RECOVERED/RESOLVED", "N", "N", "N", "N", "N", "N", "2", "TREATMENT", "2021-05-20", "2021-07-02", "72", "115"],
            // Partial start 2021-07: no AESTDY; July is wholly after day 1 → TREATMENT. Seriousness not recorded.
            [Self.B, "1", "1", "Fatigue", "Fatigue", "General disorders and administration site conditions", "", "DOSE NOT CHANGED",
             "RELATED", "NOT RECOVERED/NOT RESOLVED", "", "", "", "", "", "", "1", "TREATMENT", "2021-07", "", "", ""],
        ])
        let supp = try table("SUPPAE", ["USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QLABEL", "QVAL", "QEVAL"])
        #expect(supp == [
            [Self.A, "AESEQ", "1", "AERELLT", "Relationship to Local Liver Treatment", "RELATED", "INVESTIGATOR"],
            [Self.A, "AESEQ", "1", "AERELST", "Relationship to Systemic Therapy", "NOT RELATED", "INVESTIGATOR"],
            [Self.A, "AESEQ", "2", "AERELLT", "Relationship to Local Liver Treatment", "NOT RELATED", "INVESTIGATOR"],
            [Self.A, "AESEQ", "2", "AERELST", "Relationship to Systemic Therapy", "RELATED", "INVESTIGATOR"],
            [Self.B, "AESEQ", "1", "AERELLT", "Relationship to Local Liver Treatment", "NOT APPLICABLE", "INVESTIGATOR"],
            [Self.B, "AESEQ", "1", "AERELST", "Relationship to Systemic Therapy", "RELATED", "INVESTIGATOR"],
        ])
    }

    @Test func tu() throws {
        let rows = try table("TU", ["USUBJID", "TUSEQ", "TULNKID", "TUTESTCD", "TUORRES", "TUSTRESC", "TULOC", "TUMETHOD",
                                    "TUEVAL", "VISITNUM", "VISIT", "EPOCH", "TUDTC", "TUDY"])
        #expect(rows == [
            [Self.A, "1", "NT01", "TUMIDENT", "NON-TARGET", "NON-TARGET", "LUNG", "CT SCAN", "INVESTIGATOR", "0", "BASELINE", "SCREENING", "2021-03-05", "-5"],
            [Self.A, "2", "T01", "TUMIDENT", "TARGET", "TARGET", "LIVER SEGMENT 7", "CT SCAN", "INVESTIGATOR", "0", "BASELINE", "SCREENING", "2021-03-05", "-5"],
            [Self.A, "3", "T02", "TUMIDENT", "TARGET", "TARGET", "LIVER SEGMENT 2", "CT SCAN", "INVESTIGATOR", "0", "BASELINE", "SCREENING", "2021-03-05", "-5"],
            // New lesion identified at the progression visit (month 3, day 92).
            [Self.B, "1", "NEW01", "TUMIDENT", "NEW", "NEW", "LIVER SEGMENT 4", "MRI", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-08-05", "92"],
            [Self.B, "2", "NT01", "TUMIDENT", "NON-TARGET", "NON-TARGET", "PERITONEUM", "MRI", "INVESTIGATOR", "0", "BASELINE", "SCREENING", "2021-05-04", "-2"],
            [Self.B, "3", "T01", "TUMIDENT", "TARGET", "TARGET", "LIVER", "MRI", "INVESTIGATOR", "0", "BASELINE", "SCREENING", "2021-05-04", "-2"],
        ])
        #expect(try table("TU", ["TUTEST"]).allSatisfy { $0 == ["Tumor Identification"] })
    }

    @Test func tr() throws {
        let rows = try table("TR", ["USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRTEST", "TRORRES", "TRORRESU", "TRSTRESC",
                                    "TRSTRESN", "TRSTRESU", "TRSTAT", "TRMETHOD", "VISITNUM", "TRDTC", "TRDY"])
        #expect(rows == [
            [Self.A, "1", "NT01", "TUMSTATE", "Tumor State", "PRESENT", "", "PRESENT", "", "", "", "CT SCAN", "0", "2021-03-05", "-5"],
            [Self.A, "2", "NT01", "TUMSTATE", "Tumor State", "PRESENT", "", "PRESENT", "", "", "", "CT SCAN", "3", "2021-06-08", "91"],
            [Self.A, "3", "T01", "LDIAM", "Longest Diameter", "45", "mm", "45", "45", "mm", "", "CT SCAN", "0", "2021-03-05", "-5"],
            [Self.A, "4", "T01", "LDIAM", "Longest Diameter", "30", "mm", "30", "30", "mm", "", "CT SCAN", "3", "2021-06-08", "91"],
            [Self.A, "5", "T02", "LDIAM", "Longest Diameter", "20", "mm", "20", "20", "mm", "", "CT SCAN", "0", "2021-03-05", "-5"],
            // Target lesion not measured at month 3.
            [Self.A, "6", "T02", "LDIAM", "Longest Diameter", "", "", "", "", "", "NOT DONE", "CT SCAN", "3", "2021-06-08", "91"],
            [Self.B, "1", "NEW01", "TUMSTATE", "Tumor State", "PRESENT", "", "PRESENT", "", "", "", "MRI", "3", "2021-08-05", "92"],
            [Self.B, "2", "NT01", "TUMSTATE", "Tumor State", "PRESENT", "", "PRESENT", "", "", "", "MRI", "0", "2021-05-04", "-2"],
            [Self.B, "3", "NT01", "TUMSTATE", "Tumor State", "PRESENT", "", "PRESENT", "", "", "", "MRI", "3", "2021-08-05", "92"],
            [Self.B, "4", "T01", "LDIAM", "Longest Diameter", "30", "mm", "30", "30", "mm", "", "MRI", "0", "2021-05-04", "-2"],
            [Self.B, "5", "T01", "LDIAM", "Longest Diameter", "38", "mm", "38", "38", "mm", "", "MRI", "3", "2021-08-05", "92"],
        ])
    }

    @Test func rs() throws {
        let rows = try table("RS", ["USUBJID", "RSSEQ", "RSTESTCD", "RSTEST", "RSCAT", "RSORRES", "RSSTRESC", "RSEVAL",
                                    "VISITNUM", "VISIT", "EPOCH", "RSDTC", "RSDY"])
        #expect(rows == [
            [Self.A, "1", "EHRESP", "Extrahepatic Response", "RECIST 1.1", "SD", "SD", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-06-08", "91"],
            [Self.A, "2", "IHRESP", "Intrahepatic Response", "RECIST 1.1", "PR", "PR", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-06-08", "91"],
            [Self.A, "3", "OVRLRESP", "Overall Response", "RECIST 1.1", "PR", "PR", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-06-08", "91"],
            [Self.B, "1", "EHRESP", "Extrahepatic Response", "RECIST 1.1", "SD", "SD", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-08-05", "92"],
            [Self.B, "2", "IHRESP", "Intrahepatic Response", "RECIST 1.1", "PD", "PD", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-08-05", "92"],
            [Self.B, "3", "OVRLRESP", "Overall Response", "RECIST 1.1", "PD", "PD", "INVESTIGATOR", "3", "MONTH 3", "TREATMENT", "2021-08-05", "92"],
        ])
    }

    @Test func qs() throws {
        let cols = ["USUBJID", "QSSEQ", "QSTESTCD", "QSTEST", "QSCAT", "QSORRES", "QSSTRESC", "QSSTRESN", "QSSTAT", "QSREASND",
                    "VISITNUM", "VISIT", "EPOCH", "QSDTC", "QSDY"]
        let rows = try table("QS", cols)
        let cat = "EORTC QLQ-C30 V3.0"
        #expect(rows.count == 31 + 29)
        #expect(rows[0] == [Self.A, "1", "EOR0101", "EOR01-Trouble Doing Strenuous Activities", cat, "NOT AT ALL", "1", "1", "", "",
                            "0", "BASELINE", "SCREENING", "2021-03-09", "-1"])
        #expect(rows[3] == [Self.A, "4", "EOR0104", "EOR01-Stay in Bed/Chair During the Day", cat, "VERY MUCH", "4", "4", "", "",
                            "0", "BASELINE", "SCREENING", "2021-03-09", "-1"])
        // Item 5 unanswered.
        #expect(rows[4] == [Self.A, "5", "EOR0105", "EOR01-Need Help Eating/Dressing/Washing", cat, "", "", "", "NOT DONE", "",
                            "0", "BASELINE", "SCREENING", "2021-03-09", "-1"])
        #expect(rows[5][5] == "A LITTLE")      // item 6 = ((6 − 1) mod 4) + 1 = 2
        #expect(rows[6][5] == "QUITE A BIT")   // item 7 = 3
        #expect(rows[28] == [Self.A, "29", "EOR0129", "EOR01-Rate Your Overall Health", cat, "1 - VERY POOR", "1", "1", "", "",
                             "0", "BASELINE", "SCREENING", "2021-03-09", "-1"])
        #expect(rows[29] == [Self.A, "30", "EOR0130", "EOR01-Rate Your Overall Quality of Life", cat, "7 - EXCELLENT", "7", "7", "",
                             "", "0", "BASELINE", "SCREENING", "2021-03-09", "-1"])
        // Questionnaire not done at month 3 (listed first in the input, sorted after baseline).
        #expect(rows[30] == [Self.A, "31", "QSALL", "Questionnaire", cat, "", "", "", "NOT DONE", "PATIENT REFUSED",
                             "3", "MONTH 3", "", "", ""])
        // D: item 3 (answer 9) rejected; partial inclusion date → no QSDY, no EPOCH.
        #expect(rows[31] == [Self.D, "1", "EOR0101", "EOR01-Trouble Doing Strenuous Activities", cat, "A LITTLE", "2", "2", "", "",
                             "0", "BASELINE", "", "2021-10-20", ""])
        #expect(rows[33][1...2] == ["3", "EOR0104"])
        #expect(rows[59][1...5] == ["29", "EOR0130", "EOR01-Rate Your Overall Quality of Life", cat, "2"])
    }

    @Test func ds() throws {
        let rows = try table("DS", ["USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSCAT", "EPOCH", "DSSTDTC", "DSSTDY"])
        #expect(rows == [
            [Self.A, "1", "INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", "SCREENING", "2021-03-01", "-9"],
            [Self.A, "2", "ENROLLED", "ENROLLED", "PROTOCOL MILESTONE", "TREATMENT", "2021-03-10", "1"],
            [Self.B, "1", "INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", "SCREENING", "2021-05-02", "-4"],
            [Self.B, "2", "ENROLLED", "ENROLLED", "PROTOCOL MILESTONE", "TREATMENT", "2021-05-06", "1"],
            [Self.B, "3", "DEATH DUE TO PROGRESSIVE DISEASE", "DEATH", "DISPOSITION EVENT", "TREATMENT", "2022-01-15", "255"],
            [Self.C, "1", "INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", "SCREENING", "2021-09-01", "-14"],
            [Self.C, "2", "ENROLLED", "ENROLLED", "PROTOCOL MILESTONE", "TREATMENT", "2021-09-15", "1"],
            [Self.C, "3", "WITHDRAWAL BY SUBJECT", "WITHDRAWAL BY SUBJECT", "DISPOSITION EVENT", "TREATMENT", "2021-10-01", "17"],
            [Self.D, "1", "INFORMED CONSENT OBTAINED", "INFORMED CONSENT OBTAINED", "PROTOCOL MILESTONE", "", "2021-09-28", ""],
            [Self.D, "2", "ENROLLED", "ENROLLED", "PROTOCOL MILESTONE", "", "2021-10", ""],
        ])
    }

    @Test func prExSv() throws {
        #expect(try table("PR", ["USUBJID", "PRSEQ", "PRSPID", "PRTRT", "PRCAT", "PRSCAT", "PRLOC", "EPOCH", "PRSTDTC", "PRSTDY"]) == [
            [Self.A, "1", "1", "MINOR HEPATECTOMY", "LOCAL LIVER TREATMENT", "RADICAL", "LIVER", "TREATMENT", "2021-04-15", "37"],
            [Self.B, "1", "1", "TRANSARTERIAL CHEMOEMBOLIZATION", "LOCAL LIVER TREATMENT", "INTERVENTIONAL", "LIVER", "TREATMENT", "2021-06", ""],
        ])
        #expect(try table("SUPPPR", ["USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QVAL"]) == [
            [Self.A, "PRSEQ", "1", "PRINTENT", "CURATIVE"],
            [Self.A, "PRSEQ", "1", "PRMARGIN", "R0"],
            [Self.B, "PRSEQ", "1", "PRINTENT", "PALLIATIVE"],
        ])
        #expect(try table("EX", ["USUBJID", "EXSEQ", "EXSPID", "EXTRT", "EXCAT", "EXROUTE", "EPOCH", "EXSTDTC", "EXENDTC", "EXSTDY", "EXENDY"]) == [
            [Self.A, "1", "1", "FOLFOX + BEVACIZUMAB", "SYSTEMIC THERAPY", "INTRAVENOUS", "TREATMENT", "2021-03-12", "2021-08-20", "3", "164"],
            [Self.B, "1", "1", "FOLFIRI", "SYSTEMIC THERAPY", "INTRAVENOUS", "TREATMENT", "2021-05-10", "", "5", ""],
        ])
        #expect(try table("SUPPEX", ["USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QVAL"]) == [[Self.A, "EXSEQ", "1", "EXNCYC", "12"]])
        #expect(try table("SV", ["USUBJID", "VISITNUM", "VISIT", "SVPRESP", "SVOCCUR", "SVREASOC", "EPOCH", "SVSTDTC", "SVENDTC", "SVSTDY", "SVENDY"]) == [
            [Self.A, "0", "BASELINE", "Y", "Y", "", "TREATMENT", "2021-03-10", "2021-03-10", "1", "1"],
            [Self.A, "3", "MONTH 3", "Y", "Y", "", "TREATMENT", "2021-06-08", "2021-06-08", "91", "91"],
            [Self.A, "6", "MONTH 6", "Y", "N", "SUBJECT HOSPITALIZED", "", "", "", "", ""],
            [Self.B, "0", "BASELINE", "Y", "Y", "", "TREATMENT", "2021-05-06", "2021-05-06", "1", "1"],
            [Self.B, "3", "MONTH 3", "Y", "Y", "", "TREATMENT", "2021-08-05", "2021-08-05", "92", "92"],
        ])
    }

    @Test func rejectionsAndReconciliation() throws {
        let r = try Self.result().rejections
        #expect(r.count == 3)
        #expect(r.map(\.domain) == ["AE", "AE", "QS"])
        #expect(r.map(\.subjectID) == ["999-999", "002-002", "002-002"])
        #expect(r[0].diagnostic.location == .text(file: "ae.csv", line: 6, column: nil))
        #expect(r[1].diagnostic.location == .text(file: "ae.csv", line: 5, column: nil))
        #expect(r[1].diagnostic.value == "headache xyz")
        #expect(r[2].diagnostic.location == .text(file: "qs.csv", line: 4, column: nil))
        #expect(r[2].diagnostic.value == "9")
        #expect(r[2].diagnostic.expected == "1–4")
        let rec = Dictionary(uniqueKeysWithValues: try Self.result().reconciliation.map { ($0.entity, ($0.records, $0.mapped, $0.rejected)) })
        #expect(rec["subjects"]! == (4, 4, 0))
        #expect(rec["adverseEvents"]! == (5, 3, 2))
        #expect(rec["questionnaires"]! == (3, 2, 1))
        #expect(rec["lesions"]! == (11, 11, 0))
        #expect(rec["responses"]! == (2, 2, 0))
        #expect(rec["procedures"]! == (2, 2, 0))
        #expect(rec["systemicTherapies"]! == (2, 2, 0))
        #expect(rec["dispositions"]! == (3, 3, 0))
        #expect(rec["visits"]! == (5, 5, 0))
        for c in try Self.result().reconciliation { #expect(c.records == c.mapped + c.rejected, "\(c.entity)") }
        // B's and D's AGE are null: two notes.
        #expect(try Self.result().diagnostics.filter { $0.message.hasPrefix("AGE left null") }.count == 2)
    }

    @Test func traceRowsPointToTheExport() throws {
        let t = try #require(Self.result().trace["AE"])
        #expect(t.map(\.row) == [1, 2, 3])
        #expect(t.map(\.seq) == [1, 2, 1])
        #expect(t.map(\.source) == [.text(file: "ae.csv", line: 3, column: nil), .text(file: "ae.csv", line: 2, column: nil),
                                    .text(file: "ae.csv", line: 4, column: nil)])
        let tr = try Self.result().traceDataset("TR")
        #expect(tr.rowCount == 11)
        #expect(tr.columnNames == ["ROW", "USUBJID", "SEQ", "SRCFILE", "SRCLINE", "SRCPATH"])
        #expect((0..<3).map { tr.text("SRCLINE", row: $0) } == ["4", "7", "2"])
        #expect(tr.text("SRCFILE", row: 0) == "tr.csv")
        #expect(try Self.result().trace["DM"]?.map(\.source) == [2, 3, 4, 5].map { .text(file: "dm.csv", line: $0, column: nil) })
        // Every dataset has one trace row per row.
        for d in try Self.result().datasets { #expect(try Self.result().trace[d.name]?.count == d.rowCount, "\(d.name)") }
    }

    @Test func seqUniqueWithinSubjectAndRequiredPopulated() throws {
        let specs = try SpecLibrary.load(from: SpecTests.specsRoot)
        for d in try Self.result().datasets {
            let spec = try #require(specs.dataset(d.name))
            for v in spec.variables where v.core == .req {
                let col = try #require(d.column(v.name), "\(d.name).\(v.name)")
                #expect(!col.values.contains { $0.isMissing }, "\(d.name).\(v.name) populated")
            }
            if let seq = d.column(d.name + "SEQ"), let u = d.column("USUBJID") {
                var seen = Set<String>()
                for (s, id) in zip(seq.values, u.values) { #expect(seen.insert("\(id.text)#\(s.text)").inserted) }
            }
        }
    }
}

/// Chunked mapping gives the same rows, trace and rejections as mapping at once.
@Suite struct ChunkTests {
    @Test func chunksConcatenateToTheWholeMapping() throws {
        let whole = try GoldenTests.result()
        let specs = try SpecLibrary.load(from: SpecTests.specsRoot)
        var parts: [String: [Dataset]] = [:]
        var traces: [String: [TraceRow]] = [:]
        var chunks = 0
        let summary = try SDTMMapper(specs: specs, dictionary: GoldenStudy.dictionary)
            .mapInChunks(GoldenStudy.study, subjectsPerChunk: 1) { (c: SDTMResult) throws(InputError) in
                chunks += 1
                for d in c.datasets { parts[d.name, default: []].append(d); traces[d.name, default: []] += c.trace[d.name] ?? [] }
            }
        #expect(chunks == 4)
        for d in whole.datasets {
            let ps = try #require(parts[d.name])
            for (ci, col) in d.columns.enumerated() {
                #expect(ps.flatMap { $0.columns[ci].values } == col.values, "\(d.name).\(col.name)")
            }
            #expect(traces[d.name] == whole.trace[d.name], "trace \(d.name)")
            #expect(summary.rowCounts[d.name] == d.rowCount)
            #expect(summary.dataset(d.name)?.rowCount == 0)
        }
        #expect(summary.rejections == whole.rejections)
        #expect(summary.reconciliation == whole.reconciliation)
        #expect(summary.mappingLog == whole.mappingLog)
    }

    @Test func concurrentPartsGiveTheSameResult() throws {
        let whole = try GoldenTests.result()
        var mapper = SDTMMapper(specs: try SpecLibrary.load(from: SpecTests.specsRoot), dictionary: GoldenStudy.dictionary)
        mapper.workers = 3
        mapper.minimumSubjectsPerPart = 1
        let r = try mapper.map(GoldenStudy.study)
        #expect(r.datasets == whole.datasets)
        #expect(r.trace == whole.trace)
        #expect(r.rejections == whole.rejections)
        #expect(r.diagnostics == whole.diagnostics)
        #expect(r.reconciliation == whole.reconciliation)
        #expect(r.mappingLog == whole.mappingLog)
    }
}
