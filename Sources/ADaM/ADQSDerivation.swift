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

        init(studyid: String, usubjid: String, visit: String, visitnum: Value, dtc: String, firstSeq: Double,
             items: [Int: Double]) {
            self.studyid = studyid
            self.usubjid = usubjid
            self.visit = visit
            self.visitnum = visitnum
            self.dtc = dtc
            self.firstSeq = firstSeq
            self.items = items
            self.items.reserveCapacity(30)   // the 30 items: no regrowth while collecting
        }
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
            if let n = QLQC30Scoring.plainItemNumber(code) { itemNumber = n } else if let hit = itemMemo[code] { itemNumber = hit } else {
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

    /// Builds the ADQS rows from scored questionnaires and runs the BDS derivations: the rows
    /// of one questionnaire share subject, date, visit and ADSL values, so ADT/ADTF, ADY and
    /// AVISIT/AVISITN are derived once per questionnaire, ANL01FL/ABLFL/BASE/CHG per subject
    /// and parameter, and the rows are written directly in output order. The result is that of
    /// `assembleRowWise` (the Dataset derivations run on every row), which is used instead
    /// when the day reference names an ADQS variable rather than an ADSL one.
    static func assemble(_ questionnaires: [Questionnaire], adsl: Dataset?, config: ADQSConfig, visits: VisitWindows) -> Dataset {
        if adqsVariables.contains(config.dayReference.uppercased()) {
            return assembleRowWise(questionnaires, adsl: adsl, config: config, visits: visits)
        }
        let params = parameters
        let np = params.count
        let nq = questionnaires.count
        let n = nq * np
        // Row r (before sorting) is parameter r % np of questionnaire r / np.

        // ADSL values per questionnaire (admiral derive_vars_merged by USUBJID: first ADSL row).
        var adslRow = [Int?](repeating: nil, count: nq)
        if let adsl, let keys = adsl.column("USUBJID") {
            var index: [String: Int] = [:]
            for (i, v) in keys.values.enumerated() where index[v.text] == nil { index[v.text] = i }
            for (i, q) in questionnaires.enumerated() { adslRow[i] = index[q.usubjid] }
        }
        func adslValue(_ column: Column?, _ i: Int) -> Value? { adslRow[i].map { column?.values[$0] ?? .dot } }
        let trt = ["TRT01P", "TRT01PN"].compactMap { adsl?.column($0) }
        let deathDate = adsl?.column("DTHDT"), reference = adsl?.column(config.dayReference)

        // Per questionnaire: ADT/ADTF (imputed not after DTHDT), ADY, AVISIT/AVISITN.
        var adt = [Double?](repeating: nil, count: nq), adtf = [String](repeating: "", count: nq)
        var ady = [Double?](repeating: nil, count: nq)
        var avisit = [String](repeating: "", count: nq), avisitn = [Double?](repeating: nil, count: nq)
        var parsed: [String: PartialDateTime?] = [:]
        for (i, q) in questionnaires.enumerated() {
            guard !q.dtc.isEmpty else { continue }
            let p: PartialDateTime?
            if let hit = parsed[q.dtc] { p = hit } else {
                p = try? PartialDateTime.parseISO8601(q.dtc.trimmedBlanks)
                parsed[q.dtc] = p
            }
            guard let p else { continue }
            let imputed: ImputedDate?
            if let imputation = config.imputation {
                let after = adslValue(deathDate, i)?.number.map { [CalendarDate(sasDate: Int($0))] } ?? []
                imputed = imputation.impute(p, notAfter: after)
            } else {
                imputed = p.date.map { ImputedDate(date: $0, flag: nil) }
            }
            guard let imputed else { continue }
            adt[i] = Double(imputed.date.sasDate)
            adtf[i] = imputed.flag ?? ""
            guard let a = adt[i], let b = adslValue(reference, i)?.number else { continue }
            let day = Double(StudyDay.of(CalendarDate(sasDate: Int(a)), reference: CalendarDate(sasDate: Int(b))))
            ady[i] = day
            guard day.isFinite, abs(day) < 1e9, let w = visits.window(forDay: Int(day)) else { continue }
            avisit[i] = w.avisit
            avisitn[i] = w.avisitn
        }

        // AVAL per row.
        var aval: [Double?] = []
        aval.reserveCapacity(n)
        for q in questionnaires { aval += QLQC30Scoring.scoreList(items: q.items) }

        // Questionnaires by subject (USUBJID groups), each subject's in row order.
        var subjectOf = [Int](repeating: 0, count: nq)
        var subjectIndex: [String: Int] = [:]
        for (i, q) in questionnaires.enumerated() {
            if i > 0, questionnaires[i - 1].usubjid == q.usubjid { subjectOf[i] = subjectOf[i - 1]; continue }
            if let s = subjectIndex[q.usubjid] { subjectOf[i] = s } else {
                subjectOf[i] = subjectIndex.count
                subjectIndex[q.usubjid] = subjectOf[i]
            }
        }
        var start = [Int](repeating: 0, count: subjectIndex.count + 1)
        for s in subjectOf { start[s + 1] += 1 }
        for s in 0..<subjectIndex.count { start[s + 1] += start[s] }
        var members = [Int](repeating: 0, count: nq)
        var fill = start
        for (i, s) in subjectOf.enumerated() { members[fill[s]] = i; fill[s] += 1 }

        // ANL01FL, ABLFL, BASE, CHG per subject and parameter (see the Dataset derivations).
        let targets = Dictionary(visits.windows.map { ($0.avisitn, $0.targetDay) }, uniquingKeysWith: { a, _ in a })
        let visitCodes = Dictionary(visits.windows.enumerated().map { ($1.avisitn, $0) }, uniquingKeysWith: { a, _ in a })
        var anl = [Bool](repeating: false, count: n), abl = [Bool](repeating: false, count: n)
        var base = [Double?](repeating: nil, count: n), chg = [Double?](repeating: nil, count: n)
        var best = [Int](repeating: -1, count: visits.windows.count)
        for s in 0..<subjectIndex.count {
            let group = members[start[s]..<start[s + 1]]
            for k in 0..<np {
                // ANL01FL: one record per analysis visit by the windows' tie rule.
                for w in best.indices { best[w] = -1 }
                func sortKey(_ i: Int) -> (Int, Double, Int) { (Int(ady[i]!), questionnaires[i].firstSeq, i * np + k) }
                for i in group {
                    guard aval[i * np + k] != nil, let day = ady[i], day.isFinite, abs(day) < 1e9,
                          let visit = avisitn[i], let target = targets[visit], let code = visitCodes[visit] else { continue }
                    let cur = best[code]
                    guard cur >= 0 else { best[code] = i; continue }
                    let better: Bool
                    switch visits.tieRule {
                    case .first: better = sortKey(i) < sortKey(cur)
                    case .last:
                        let (a, b) = (sortKey(i), sortKey(cur))
                        better = a.0 > b.0 || (a.0 == b.0 && (a.1, a.2) < (b.1, b.2))
                    case .closest:
                        let di = abs(VisitWindows.distance(Int(day), target))
                        let dc = abs(VisitWindows.distance(Int(ady[cur]!), target))
                        better = di < dc || (di == dc && sortKey(i) < sortKey(cur))
                    }
                    if better { best[code] = i }
                }
                for i in best where i >= 0 { anl[i * np + k] = true }
                // ABLFL: the baseline record.
                var chosen = -1
                if let limit = config.baseline.lastOnOrBeforeDay {
                    // Latest day wins; on one day the first by order.
                    for i in group {
                        guard aval[i * np + k] != nil, let day = ady[i], day.isFinite, day <= Double(limit) else { continue }
                        if chosen >= 0 {
                            let cd = ady[chosen]!
                            let later = day > cd || (day == cd && (questionnaires[i].firstSeq, i) < (questionnaires[chosen].firstSeq, chosen))
                            if later { chosen = i }
                        } else { chosen = i }
                    }
                } else if let visit = config.baseline.avisitn {
                    chosen = group.first { avisitn[$0] == visit && anl[$0 * np + k] && aval[$0 * np + k] != nil } ?? -1
                }
                // BASE on every record of the group, CHG on records after the baseline day.
                guard chosen >= 0 else { continue }
                abl[chosen * np + k] = true
                guard let bv = aval[chosen * np + k] else { continue }
                for i in group {
                    base[i * np + k] = bv
                    if let x = aval[i * np + k], let di = ady[i], let db = ady[chosen], di > db { chg[i * np + k] = x - bv }
                }
            }
        }

        // Output order: subject, date, visit, first item (questionnaires tied on all four keep
        // row order), then parameter.
        let visitnum: [Double?] = questionnaires.map { $0.visitnum.number ?? Double($0.visitnum.text) }
        func sameKeys(_ a: Int, _ b: Int) -> Bool {
            questionnaires[a].usubjid == questionnaires[b].usubjid && (adt[a] ?? .infinity) == (adt[b] ?? .infinity)
                && (visitnum[a] ?? .infinity) == (visitnum[b] ?? .infinity) && questionnaires[a].firstSeq == questionnaires[b].firstSeq
        }
        let sorted = (0..<nq).sorted { a, b in
            let (qa, qb) = (questionnaires[a], questionnaires[b])
            if qa.usubjid != qb.usubjid { return qa.usubjid < qb.usubjid }
            let (da, db) = (adt[a] ?? .infinity, adt[b] ?? .infinity)
            if da != db { return da < db }
            let (va, vb) = (visitnum[a] ?? .infinity, visitnum[b] ?? .infinity)
            if va != vb { return va < vb }
            if qa.firstSeq != qb.firstSeq { return qa.firstSeq < qb.firstSeq }
            return a < b
        }
        var order: [Int] = []   // row indices r in output order
        order.reserveCapacity(n)
        var t = 0
        while t < nq {
            var end = t + 1
            while end < nq, sameKeys(sorted[t], sorted[end]) { end += 1 }
            for k in 0..<np { for j in t..<end { order.append(sorted[j] * np + k) } }
            t = end
        }

        // Questionnaire and parameter of each output row (divided once, not once per column).
        let qOf = order.map { $0 / np }, kOf = order.map { $0 % np }
        func character(_ name: String, _ label: String, _ value: (Int) -> String) -> Column {
            Column(name: name, label: label, type: .character, values: order.map { .character(value($0)) })
        }
        func numeric(_ name: String, _ label: String, format: String? = nil, _ value: (Int) -> Double?) -> Column {
            Column(name: name, label: label, type: .numeric, format: format, values: order.map { value($0).map(Value.number) ?? .dot })
        }
        func characterByQuestionnaire(_ name: String, _ label: String, _ value: (Int) -> String) -> Column {
            Column(name: name, label: label, type: .character, values: qOf.map { .character(value($0)) })
        }
        func numericByQuestionnaire(_ name: String, _ label: String, format: String? = nil, _ value: (Int) -> Double?) -> Column {
            Column(name: name, label: label, type: .numeric, format: format, values: qOf.map { value($0).map(Value.number) ?? .dot })
        }
        func characterByParameter(_ name: String, _ label: String, _ value: (Int) -> String) -> Column {
            Column(name: name, label: label, type: .character, values: kOf.map { .character(value($0)) })
        }
        var columns = [
            characterByQuestionnaire("STUDYID", "Study Identifier") { questionnaires[$0].studyid },
            characterByQuestionnaire("USUBJID", "Unique Subject Identifier") { questionnaires[$0].usubjid },
        ]
        for var c in trt {
            let missing: Value = c.type == .numeric ? .dot : .character("")
            let source = c.values
            c.values = qOf.map { i in adslRow[i].map { source[$0] } ?? missing }
            columns.append(c)
        }
        columns += [
            characterByParameter("PARAMCD", "Parameter Code") { params[$0].code },
            characterByParameter("PARAM", "Parameter") { params[$0].name },
            Column(name: "PARAMN", label: "Parameter (N)", type: .numeric, values: kOf.map { .number(Double($0 + 1)) }),
            Column(name: "PARCAT1", label: "Parameter Category 1", type: .character, values: Array(repeating: .character("EORTC QLQ-C30 V3.0"), count: n)),
            characterByParameter("PARCAT2", "Parameter Category 2") { params[$0].cat },
            numeric("AVAL", "Analysis Value") { aval[$0] },
            numeric("BASE", "Baseline Value") { base[$0] },
            numeric("CHG", "Change from Baseline") { chg[$0] },
            character("ABLFL", "Baseline Record Flag") { abl[$0] ? "Y" : "" },
            character("ANL01FL", "Analysis Flag 01") { anl[$0] ? "Y" : "" },
            numericByQuestionnaire("ADT", "Analysis Date", format: "DATE9.") { adt[$0] },
            characterByQuestionnaire("ADTF", "Analysis Date Imputation Flag") { adtf[$0] },
            numericByQuestionnaire("ADY", "Analysis Relative Day") { ady[$0] },
            characterByQuestionnaire("AVISIT", "Analysis Visit") { avisit[$0] },
            numericByQuestionnaire("AVISITN", "Analysis Visit (N)") { avisitn[$0] },
            characterByQuestionnaire("VISIT", "Visit Name") { questionnaires[$0].visit },
            numericByQuestionnaire("VISITNUM", "Visit Number") { visitnum[$0] },
            numericByQuestionnaire("QSSEQ", "Sequence Number of First Item") { questionnaires[$0].firstSeq },
        ]
        return Dataset(name: "ADQS", label: "QLQ-C30 Scale Scores Analysis Dataset", columns: columns,
                       keys: ["STUDYID", "USUBJID", "PARAMCD", "ADT", "VISITNUM"])
    }

    /// The ADQS parameters in PARAMN order: code, name (PARAM) and PARCAT2.
    static let parameters: [(code: String, name: String, cat: String)] =
        QLQC30Scoring.scales.map { ($0.code, "EORTC QLQ-C30: " + $0.name, $0.type.rawValue) }
        + [(QLQC30Scoring.summaryCode, "EORTC QLQ-C30: " + QLQC30Scoring.summaryName, "Summary Score")]

    /// The variables `assembleRowWise` gives ADQS before merging ADSL variables (a day
    /// reference with one of these names is not an ADSL date).
    static let adqsVariables: Set<String> = ["STUDYID", "USUBJID", "PARAMCD", "PARAM", "PARAMN", "PARCAT1", "PARCAT2",
                                             "AVAL", "QSDTC", "VISIT", "VISITNUM", "QSSEQ", "ADT", "ADTF", "ADY",
                                             "AVISIT", "AVISITN", "ANL01FL", "ABLFL", "BASE", "CHG"]

    /// `assemble` by the Dataset derivations on every row (admiral style, one variable group
    /// at a time), then sorted.
    static func assembleRowWise(_ questionnaires: [Questionnaire], adsl: Dataset?, config: ADQSConfig, visits: VisitWindows) -> Dataset {
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
