import TrialCore
@testable import ADaM

/// A hand-made SDTM of 10 subjects, each built to exercise one ADTTE rule. Every subject is
/// included on 2021-01-01 (study day 1). Study days used below (computed by hand:
/// day = date − 2021-01-01 + 1): 2021-02-10 = 41, 2021-04-02 = 92 (month 3), 2021-07-03 = 184
/// (month 6), 2021-07-20 = 201, 2021-08-01 = 213, 2021-10-02 = 275 (month 9), 2021-12-15 = 349,
/// 2022-10-02 = 640 (month 21), 2022-12-31 = 730, 2023-01-02 = 732 (month 24), 2023-02-01 = 762.
enum HandMadeSDTM {
    static let origin = "2021-01-01"

    /// DM: S01–S10 (S01–S05 in Group I, S06–S10 in Group II).
    static var dm: Dataset {
        // USUBJID, ARMCD, RFPENDTC, DTHDTC, DTHFL
        let rows: [[String]] = [
            ["S01", "G1", "2021-07-03", "2021-07-03", "Y"],   // death on the day of the last visit
            ["S02", "G1", "2021-12-15", "2021-12-15", "Y"],   // death after missed assessments
            ["S03", "G1", "2021-07-03", "2021-07-03", "Y"],   // progression and death the same day
            ["S04", "G1", "2021-02-10", "", ""],              // no post-baseline assessment
            ["S05", "G1", "2021-07", "2021-07", "Y"],         // partial death date
            ["S06", "G2", "2023-02-01", "2023-02-01", "Y"],   // death after day 730
            ["S07", "G2", "2021-07-03", "", ""],              // new liver lesion in TU
            ["S08", "G2", "2021-10-02", "", ""],              // extrahepatic progression only
            ["S09", "G2", "2021-08-01", "", ""],              // NE is not an adequate assessment
            ["S10", "G2", "", "", ""],                        // pre-inclusion PD, tie of censor dates
        ]
        return TestSupport.dataset("DM", ["STUDYID", "USUBJID", "SUBJID", "SITEID", "AGE", "SEX", "RACE", "ARMCD", "ARM",
                                          "ACTARMCD", "RFSTDTC", "RFPENDTC", "DTHDTC", "DTHFL"],
                                   rows.enumerated().map { i, r in
                                       ["CRLM", r[0], r[0], "01", String(50 + 2 * i), i % 2 == 0 ? "M" : "F", "WHITE", r[1],
                                        r[1] == "G1" ? "Radical" : "Systemic", r[1], origin, r[2], r[3], r[4]]
                                   }, numeric: ["AGE"])
    }

    /// RS: intrahepatic (IHRESP) and overall (OVRLRESP) responses.
    static var rs: Dataset {
        let rows: [[String]] = [
            ["S01", "1", "IHRESP", "SD", "2021-04-02"], ["S01", "2", "OVRLRESP", "SD", "2021-04-02"],
            ["S01", "3", "IHRESP", "SD", "2021-07-03"], ["S01", "4", "OVRLRESP", "SD", "2021-07-03"],
            ["S02", "1", "IHRESP", "SD", "2021-04-02"], ["S02", "2", "OVRLRESP", "SD", "2021-04-02"],
            ["S03", "1", "IHRESP", "SD", "2021-04-02"], ["S03", "2", "OVRLRESP", "SD", "2021-04-02"],
            ["S03", "3", "IHRESP", "PD", "2021-07-03"], ["S03", "4", "OVRLRESP", "PD", "2021-07-03"],
            ["S05", "1", "IHRESP", "SD", "2021-04-02"], ["S05", "2", "IHRESP", "SD", "2021-07-03"],
            ["S06", "1", "IHRESP", "SD", "2022-10-02"], ["S06", "2", "IHRESP", "SD", "2023-01-02"],
            ["S07", "1", "IHRESP", "SD", "2021-04-02"], ["S07", "2", "IHRESP", "PR", "2021-07-03"],
            ["S07", "3", "OVRLRESP", "PR", "2021-07-03"],
            ["S08", "1", "IHRESP", "SD", "2021-04-02"], ["S08", "2", "IHRESP", "SD", "2021-07-03"],
            ["S08", "3", "IHRESP", "SD", "2021-10-02"], ["S08", "4", "OVRLRESP", "PD", "2021-10-02"],
            ["S09", "1", "IHRESP", "SD", "2021-04-02"], ["S09", "2", "IHRESP", "NE", "2021-07-03"],
            ["S10", "1", "IHRESP", "PD", "2020-12-20"], ["S10", "2", "IHRESP", "SD", "2021-04-02"],
            ["S10", "3", "IHRESP", "SD", "2021-06"],
        ]
        return TestSupport.dataset("RS", ["USUBJID", "RSSEQ", "RSTESTCD", "RSSTRESC", "RSDTC"], rows, numeric: ["RSSEQ"])
    }

    /// TU: new lesions (one row per lesion).
    static var tu: Dataset {
        TestSupport.dataset("TU", ["USUBJID", "TUSEQ", "TUSTRESC", "TULOC", "TUDTC"], [
            ["S07", "1", "TARGET", "LIVER SEGMENT 2", "2021-01-01"],
            ["S07", "2", "NEW", "LIVER SEGMENT 4", "2021-07-03"],
            ["S08", "1", "NEW", "LUNG", "2021-10-02"],
        ], numeric: ["TUSEQ"])
    }

    /// SV: visits done.
    static var sv: Dataset {
        var rows: [[String]] = []
        for s in ["S01", "S02", "S03", "S04", "S05", "S07", "S08", "S09", "S10"] { rows.append([s, "0", "Y", origin]) }
        for s in ["S01", "S02", "S03", "S05", "S07", "S08", "S09", "S10"] { rows.append([s, "3", "Y", "2021-04-02"]) }
        rows.append(["S10", "6", "N", ""])
        return TestSupport.dataset("SV", ["USUBJID", "VISITNUM", "SVOCCUR", "SVSTDTC"], rows, numeric: ["VISITNUM"])
    }

    /// AE: S05's AE proves the subject alive on 2021-07-20 (bounds the partial death date).
    static var ae: Dataset {
        TestSupport.dataset("AE", ["STUDYID", "USUBJID", "AESEQ", "AEDECOD", "AEBODSYS", "AETOXGR", "AESTDTC", "AEENDTC", "AEOUT", "AEREL"], [
            ["CRLM", "S05", "1", "Fatigue", "General disorders", "2", "2021-07-20", "", "NOT RECOVERED/NOT RESOLVED", "RELATED"],
        ], numeric: ["AESEQ"])
    }

    /// SUPPDM: baseline qualifiers of S01 only.
    static var suppdm: Dataset {
        TestSupport.dataset("SUPPDM", ["STUDYID", "RDOMAIN", "USUBJID", "IDVAR", "IDVARVAL", "QNAM", "QVAL"], [
            ["CRLM", "DM", "S01", "", "", "ECOG", "1"],
            ["CRLM", "DM", "S01", "", "", "PRIMSITE", "RECTUM"],
            ["CRLM", "DM", "S01", "", "", "LMTIMING", "SYNCHRONOUS"],
            ["CRLM", "DM", "S01", "", "", "CEA", "12.5"],
            ["CRLM", "DM", "S01", "", "", "EHSITEN", "2"],
            ["CRLM", "DM", "S01", "", "", "EHSITE1", "LUNG"],
            ["CRLM", "DM", "S01", "", "", "EHSITE2", "BONE"],
        ])
    }

    /// All datasets by name.
    static var all: [String: Dataset] { ["DM": dm, "RS": rs, "TU": tu, "SV": sv, "AE": ae, "SUPPDM": suppdm] }
}
