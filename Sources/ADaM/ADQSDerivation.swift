import TrialCore

/// ADQS: the 15 EORTC QLQ-C30 v3 scales and the summary score per questionnaire, with
/// analysis dates, visits, baseline and change from baseline.
///
/// A questionnaire is the set of QS item records sharing USUBJID, VISITNUM and date. Each gives
/// 16 rows (PARAMCD QL2 PF2 RF2 EF CF SF FA NV PA DY SL AP CO DI FI C30SUM), AVAL missing where
/// the half-items rule fails. Then, in order: ADT/ADTF (questionnaire date, imputed as
/// declared), ADY against the ADSL day reference, AVISIT/AVISITN from the windows, ANL01FL
/// (one record per subject, parameter and window: the windows' tie rule), ABLFL (the baseline
/// rule), BASE and CHG. A response outside 1–4 (1–7 for items 29–30) is a warning and is
/// treated as unanswered.
public enum ADQSDerivation {
    /// Derives ADQS from QS (and ADSL for treatment and study-day reference; subjects absent
    /// from ADSL get missing ADY and analysis visits).
    public static func derive(sdtm: SDTMData, adsl: Dataset?, config: ADQSConfig, visits: VisitWindows) -> (Dataset, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let qs = sdtm.dataset(config.dataset) else {
            diagnostics.append(Diagnostic(.note, at: .file(config.dataset), "no \(config.dataset) dataset in the input: ADQS is empty"))
            return (assemble([], adsl: adsl, config: config, visits: visits), diagnostics)
        }
        let questionnaires = collectQuestionnaires(qs, config: config, rowOffset: sdtm.rowOffset(config.dataset),
                                                   diagnostics: &diagnostics)
        return (assemble(questionnaires, adsl: adsl, config: config, visits: visits), diagnostics)
    }

    /// One completed (or partly completed) questionnaire.
    struct Questionnaire {
        var studyid: String
        var usubjid: String
        var visit: String
        var visitnum: Value
        var dtc: String
        var firstSeq: Double
        var items: [Int: Double]
    }

    /// Groups the QS item records into questionnaires, in the order of their first record.
    /// Without a sequence number a questionnaire is ordered by its first row's index in the
    /// study's QS (`rowOffset` rows precede `qs` when it is one chunk of the study).
    static func collectQuestionnaires(_ qs: Dataset, config: ADQSConfig, rowOffset: Int = 0,
                                      diagnostics: inout [Diagnostic]) -> [Questionnaire] {
        var index: [String: Int] = [:]
        var out: [Questionnaire] = []
        let testcd = qs.column(config.testcd)?.values ?? []
        let results = config.result.compactMap { qs.column($0)?.values }
        let resultNames = config.result.filter { qs.column($0) != nil }
        let seq = qs.column(config.dataset + "SEQ")?.values
        let n = qs.rowCount
        func col(_ name: String, _ missing: Value) -> [Value] { qs.column(name)?.values ?? Array(repeating: missing, count: n) }
        let ids = col("USUBJID", .character("")), visitnums = col("VISITNUM", .dot), dates = col(config.date, .character(""))
        let studyids = col("STUDYID", .character("")), visits = col("VISIT", .character(""))
        let filter = config.filter.compiled(for: qs)
        var itemMemo: [String: Int?] = [:]
        var previous: (row: Int, questionnaire: Int)? = nil
        for r in 0..<n where filter.matches(row: r) {
            let code = r < testcd.count ? testcd[r].text : ""
            let itemNumber: Int?
            if let hit = itemMemo[code] { itemNumber = hit } else {
                itemNumber = QLQC30Scoring.itemNumber(testcd: code.trimmedBlanks)
                itemMemo[code] = itemNumber
            }
            guard let item = itemNumber else { continue }
            let i: Int
            // Items of one questionnaire are usually adjacent: same subject, visit and date as the
            // previous item row means the same questionnaire without building a key.
            if let p = previous, ids[p.row] == ids[r], visitnums[p.row] == visitnums[r], dates[p.row] == dates[r] {
                i = p.questionnaire
            } else {
            let usubjid = ids[r].text.trimmedBlanks
            let visitnum = visitnums[r]
            let dtc = dates[r].text.trimmedBlanks
            let key = usubjid + "\u{1}" + visitnum.text + "\u{1}" + dtc
            if let k = index[key] { i = k } else {
                i = out.count
                index[key] = i
                out.append(Questionnaire(studyid: studyids[r].text.trimmedBlanks, usubjid: usubjid,
                                         visit: visits[r].text.trimmedBlanks, visitnum: visitnum, dtc: dtc,
                                         firstSeq: seq?[r].number ?? Double(rowOffset + r), items: [:]))
            }
            }
            previous = (r, i)
            // The first result variable holding a number wins (QSSTRESN, then QSSTRESC).
            for (c, values) in results.enumerated() {
                let v = values[r]
                let x = v.number ?? Double(v.text.trimmedBlanks)
                guard let x else {
                    if !v.isMissing, c == results.count - 1 {
                        diagnostics.append(Diagnostic(.warning, at: .dataset(name: qs.name.isEmpty ? config.dataset : qs.name, row: r + 1, variable: resultNames[c]),
                                                      "QLQ-C30 item response is not a number; treated as unanswered", value: v.text, expected: "1–4 (1–7 for items 29–30)"))
                    }
                    continue
                }
                if QLQC30Scoring.isValid(x, item: item) {
                    out[i].items[item] = x
                } else {
                    diagnostics.append(Diagnostic(.warning, at: .dataset(name: qs.name.isEmpty ? config.dataset : qs.name, row: r + 1, variable: resultNames[c]),
                                                  "QLQ-C30 item \(item) response out of range; treated as unanswered",
                                                  value: Value.format(x), expected: item >= 29 ? "1–7" : "1–4"))
                }
                break
            }
        }
        return out
    }

    /// Builds the ADQS rows from scored questionnaires and runs the BDS derivations.
    static func assemble(_ questionnaires: [Questionnaire], adsl: Dataset?, config: ADQSConfig, visits: VisitWindows) -> Dataset {
        var params: [(code: String, name: String, cat: String)] = QLQC30Scoring.scales.map { ($0.code, "EORTC QLQ-C30: " + $0.name, $0.type.rawValue) }
        params.append((QLQC30Scoring.summaryCode, "EORTC QLQ-C30: " + QLQC30Scoring.summaryName, "Summary Score"))
        var studyid: [String] = [], usubjid: [String] = [], paramcd: [String] = [], param: [String] = []
        var paramn: [Double?] = [], parcat2: [String] = [], aval: [Double?] = [], dtc: [String] = []
        var visit: [String] = [], visitnum: [Value] = [], order: [Double?] = []
        for q in questionnaires {
            let scores = QLQC30Scoring.scoreAll(items: q.items)
            for (k, p) in params.enumerated() {
                studyid.append(q.studyid); usubjid.append(q.usubjid)
                paramcd.append(p.code); param.append(p.name); paramn.append(Double(k + 1))
                parcat2.append(p.cat); aval.append(scores[p.code] ?? nil); dtc.append(q.dtc)
                visit.append(q.visit); visitnum.append(q.visitnum); order.append(q.firstSeq)
            }
        }
        let n = studyid.count
        var ds = Dataset(name: "ADQS", label: "QLQ-C30 Scale Scores Analysis Dataset", columns: [
            .character("STUDYID", label: "Study Identifier", studyid),
            .character("USUBJID", label: "Unique Subject Identifier", usubjid),
            .character("PARAMCD", label: "Parameter Code", paramcd),
            .character("PARAM", label: "Parameter", param),
            .numeric("PARAMN", label: "Parameter (N)", paramn),
            .character("PARCAT1", label: "Parameter Category 1", Array(repeating: "EORTC QLQ-C30 V3.0", count: n)),
            .character("PARCAT2", label: "Parameter Category 2", parcat2),
            .numeric("AVAL", label: "Analysis Value", aval),
            .character("QSDTC", label: "Date/Time of Finding", dtc),
            .character("VISIT", label: "Visit Name", visit),
            Column(name: "VISITNUM", label: "Visit Number", type: .numeric,
                   values: visitnum.map { $0.number.map(Value.number) ?? Double($0.text).map(Value.number) ?? .dot }),
            .numeric("QSSEQ", label: "Sequence Number of First Item", order),
        ], keys: ["STUDYID", "USUBJID", "PARAMCD", "ADT", "VISITNUM"])
        if let adsl { ds.deriveVarsMerged(from: adsl, variables: ["TRT01P", "TRT01PN", config.dayReference, "DTHDT"]) }
        ds.deriveVarsDT(prefix: "A", dtc: "QSDTC", imputation: config.imputation, notAfter: ["DTHDT"])
        ds.columns[ds.columnIndex("ADT")!].label = "Analysis Date"
        ds.columns[ds.columnIndex("ADTF")!].label = "Analysis Date Imputation Flag"
        ds.deriveVarADY(date: "ADT", reference: config.dayReference, day: "ADY")
        ds.deriveVarsAVISIT(day: "ADY", windows: visits)
        ds.deriveVarANL01FL(by: ["USUBJID", "PARAMCD"], order: "QSSEQ", windows: visits)
        ds.deriveVarABLFL(by: ["USUBJID", "PARAMCD"], rule: config.baseline, order: "QSSEQ")
        ds.deriveVarsBASECHG(by: ["USUBJID", "PARAMCD"])
        // Output order: subject, date, visit, parameter.
        let adt = ds.column("ADT")!.values, vn = ds.column("VISITNUM")!.values
        let idx = (0..<n).sorted { a, b in
            if usubjid[a] != usubjid[b] { return usubjid[a] < usubjid[b] }
            let (da, db) = (adt[a].number ?? .infinity, adt[b].number ?? .infinity)
            if da != db { return da < db }
            let (va, vb) = (vn[a].number ?? .infinity, vn[b].number ?? .infinity)
            if va != vb { return va < vb }
            return (order[a] ?? 0, paramn[a] ?? 0) < (order[b] ?? 0, paramn[b] ?? 0)
        }
        ds = ds.selectingRows(idx)
        let wanted = ["STUDYID", "USUBJID", "TRT01P", "TRT01PN", "PARAMCD", "PARAM", "PARAMN", "PARCAT1", "PARCAT2",
                      "AVAL", "BASE", "CHG", "ABLFL", "ANL01FL", "ADT", "ADTF", "ADY", "AVISIT", "AVISITN",
                      "VISIT", "VISITNUM", "QSSEQ"]
        ds.columns = wanted.compactMap { ds.column($0) }
        return ds
    }
}
