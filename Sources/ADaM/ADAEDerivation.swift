import TrialCore

/// ADAE (OCCDS): AE records with analysis dates, treatment-emergence, toxicity grade,
/// relationships and maximum-grade occurrence flags.
///
/// In order: ADSL variables merged (TRT01P/TRT01PN/TRT01A/TRT01AN/SAFFL/TRTSDT/TRTEDT/DTHDT and
/// the day reference); ASTDT/ASTDTF and AENDT/AENDTF imputed as declared (bounded by ADSL
/// dates and the cut-off); ASTDY/AENDY; TRTEMFL; ATOXGR/ATOXGRN from the grade variable;
/// relationship variables (AREL, …); AOCCIFL / AOCCSIFL / AOCCPIFL = `Y` on the first
/// treatment-emergent record with the subject's maximum grade overall / within AEBODSYS /
/// within AEDECOD (first by ASTDT then AESEQ). Rows keep AE order sorted by USUBJID, AESEQ.
public enum ADAEDerivation {
    /// Derives ADAE from AE (+ its supplemental dataset) and ADSL.
    public static func derive(sdtm: SDTMData, adsl: Dataset, config: ADAEConfig, cutoff: CalendarDate?) -> (Dataset, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard var ds = sdtm.dataset(config.dataset) else {
            diagnostics.append(Diagnostic(.note, at: .file(config.dataset), "no \(config.dataset) dataset in the input: ADAE is empty"))
            return (Dataset(name: "ADAE", label: "Adverse Events Analysis Dataset",
                            columns: ["STUDYID", "USUBJID", "AESEQ"].map { Column(name: $0, type: $0 == "AESEQ" ? .numeric : .character) }), diagnostics)
        }
        ds.name = "ADAE"
        ds.columns.removeAll { $0.name.uppercased() == "DOMAIN" }
        ds.label = "Adverse Events Analysis Dataset"
        // Stable order: USUBJID, AESEQ.
        let seqName = config.dataset + "SEQ"
        let ids = ds.column("USUBJID")?.values.map(\.text) ?? []
        let seqs = ds.column(seqName)?.values.map { $0.number ?? Double($0.text) ?? 0 } ?? Array(repeating: 0, count: ds.rowCount)
        ds = ds.selectingRows((0..<ds.rowCount).sorted { (ids[$0], seqs[$0], $0) < (ids[$1], seqs[$1], $1) })
        let adslVars = ["TRT01P", "TRT01PN", "TRT01A", "TRT01AN", "SAFFL", "TRTSDT", "TRTEDT", "DTHDT", config.dayReference]
        ds.deriveVarsMerged(from: adsl, variables: adslVars)
        let cutoffName = "CUTOFF_"
        if let cutoff { ds.setColumn(.numeric(cutoffName, Array(repeating: Double(cutoff.sasDate), count: ds.rowCount))) }
        func names(_ list: [String]) -> [String] { list.map { $0.lowercased() == "cutoff" ? cutoffName : $0 } }
        ds.deriveVarsDT(prefix: "AST", dtc: config.dataset + "STDTC", imputation: config.start.imputation,
                        notAfter: names(config.start.notAfter), notBefore: names(config.start.notBefore))
        ds.deriveVarsDT(prefix: "AEN", dtc: config.dataset + "ENDTC", imputation: config.end.imputation,
                        notAfter: names(config.end.notAfter), notBefore: names(config.end.notBefore))
        ds.columns.removeAll { $0.name == cutoffName }
        relabel(&ds, ["ASTDT": "Analysis Start Date", "ASTDTF": "Analysis Start Date Imputation Flag",
                      "AENDT": "Analysis End Date", "AENDTF": "Analysis End Date Imputation Flag"])
        ds.deriveVarADY(date: "ASTDT", reference: config.dayReference, day: "ASTDY")
        ds.deriveVarADY(date: "AENDT", reference: config.dayReference, day: "AENDY")
        relabel(&ds, ["ASTDY": "Analysis Start Relative Day", "AENDY": "Analysis End Relative Day"])
        ds.deriveVarTRTEMFL(window: config.treatmentEmergent)
        ds.deriveVarsATOXGR(grade: config.grade, diagnostics: &diagnostics)
        for rel in config.relationships { ds.deriveVarRelationship(rel, sdtm: sdtm, seq: seqName) }
        ds.deriveVarsMaxGradeFlags()
        return (ds, diagnostics)
    }

    static func relabel(_ ds: inout Dataset, _ labels: [String: String]) {
        for (k, v) in labels { if let i = ds.columnIndex(k) { ds.columns[i].label = v } }
    }
}

extension Dataset {
    /// TRTEMFL = `Y` when ASTDT is on or after the window start and not later than the window
    /// end + `daysAfterEnd` (no end date: no upper bound); an AE without ASTDT counts when its
    /// AENDT is missing or on or after the start (worst case).
    public mutating func deriveVarTRTEMFL(window: ADAEConfig.TreatmentEmergent) {
        let n = rowCount
        let st = column("ASTDT")?.values ?? Array(repeating: .dot, count: n)
        let en = column("AENDT")?.values ?? Array(repeating: .dot, count: n)
        let ws = column(window.start)?.values ?? Array(repeating: .dot, count: n)
        let we = window.end.flatMap { column($0)?.values } ?? Array(repeating: .dot, count: n)
        var flags = Array(repeating: "", count: n)
        for r in 0..<n {
            guard let s = ws[r].number else { continue }
            if let a = st[r].number {
                let upper = we[r].number.map { $0 + Double(window.daysAfterEnd) } ?? .infinity
                if a >= s && a <= upper { flags[r] = "Y" }
            } else if en[r].number.map({ $0 >= s }) ?? true {
                flags[r] = "Y"
            }
        }
        setColumn(.character("TRTEMFL", label: "Treatment Emergent Analysis Flag", flags))
    }

    /// ATOXGR (text) and ATOXGRN (numeric) from the SDTM grade variable; a grade outside 1–5 is
    /// a warning and is left missing.
    public mutating func deriveVarsATOXGR(grade: String, diagnostics: inout [Diagnostic]) {
        let n = rowCount
        let g = column(grade)?.values ?? Array(repeating: .character(""), count: n)
        var text = Array(repeating: "", count: n)
        var num: [Double?] = Array(repeating: nil, count: n)
        for r in 0..<n {
            let t = g[r].text.trimmedBlanks
            guard !t.isEmpty else { continue }
            if let x = Double(t), x == x.rounded(), (1...5).contains(x) {
                text[r] = Value.format(x)
                num[r] = x
            } else {
                diagnostics.append(Diagnostic(.warning, at: .dataset(name: "AE", row: r + 1, variable: grade),
                                              "toxicity grade is not 1–5; ATOXGR left missing", value: t, expected: "1, 2, 3, 4 or 5"))
            }
        }
        setColumn(.character("ATOXGR", label: "Analysis Toxicity Grade", text))
        setColumn(.numeric("ATOXGRN", label: "Analysis Toxicity Grade (N)", num))
    }

    /// A relationship variable (e.g. AREL) from an AE variable or a supplemental qualifier
    /// joined on USUBJID and IDVARVAL = the record's `seq`.
    public mutating func deriveVarRelationship(_ rel: ADAEConfig.Relationship, sdtm: SDTMData, seq: String) {
        let n = rowCount
        var out = Array(repeating: "", count: n)
        if let v = rel.variable {
            let src = column(v)?.values ?? Array(repeating: .character(""), count: n)
            for r in 0..<n { out[r] = src[r].text.trimmedBlanks }
        } else if let supp = rel.supp, let qnam = rel.qnam, let sd = sdtm.dataset(supp) {
            var index: [String: String] = [:]
            index.reserveCapacity(sd.rowCount)
            // `sd.text(name, row:)` with each column found once.
            let qnams = sd.column("QNAM")?.values, idvarvals = sd.column("IDVARVAL")?.values
            let subjects = sd.column("USUBJID")?.values, qvals = sd.column("QVAL")?.values
            func text(_ values: [Value]?, _ r: Int) -> String { values?[r].text ?? "" }
            for r in 0..<sd.rowCount where text(qnams, r).trimmedBlanks == qnam {
                let idval = text(idvarvals, r).trimmedBlanks
                let key = text(subjects, r).trimmedBlanks + "\u{1}" + (Double(idval).map(Value.format) ?? idval)
                index[key] = text(qvals, r).trimmedBlanks
            }
            let ids = column("USUBJID")?.values ?? []
            let seqs = column(seq)?.values ?? []
            for r in 0..<min(n, ids.count, seqs.count) {
                let s = seqs[r].number.map(Value.format) ?? seqs[r].text.trimmedBlanks
                out[r] = index[ids[r].text.trimmedBlanks + "\u{1}" + s] ?? ""
            }
        }
        setColumn(.character(rel.name, label: rel.label, out))
    }

    /// AOCCIFL / AOCCSIFL / AOCCPIFL: `Y` on the first treatment-emergent record (by ASTDT,
    /// then row order) having the maximum ATOXGRN within subject / subject × AEBODSYS /
    /// subject × AEDECOD.
    public mutating func deriveVarsMaxGradeFlags() {
        let n = rowCount
        let tr = column("TRTEMFL")?.values ?? []
        let g = column("ATOXGRN")?.values ?? []
        let st = column("ASTDT")?.values ?? []
        for (flag, label, by) in [("AOCCIFL", "1st Max Sev./Int. Occurrence Flag", ["USUBJID"]),
                                  ("AOCCSIFL", "1st Max Sev./Int. Occur Within SOC Flag", ["USUBJID", "AEBODSYS"]),
                                  ("AOCCPIFL", "1st Max Sev./Int. Occur Within PT Flag", ["USUBJID", "AEDECOD"])] {
            let keys = groupKeys(by)
            var best: [Int: Int] = [:]
            for r in 0..<n where r < tr.count && tr[r].text == "Y" {
                guard let grade = g[r].number else { continue }
                if let b = best[keys[r]] {
                    let bg = g[b].number!
                    let (sd, bd) = (st[r].number ?? .infinity, st[b].number ?? .infinity)
                    if grade > bg || (grade == bg && sd < bd) { best[keys[r]] = r }
                } else { best[keys[r]] = r }
            }
            var flags = Array(repeating: "", count: n)
            for r in best.values { flags[r] = "Y" }
            setColumn(.character(flag, label: label, flags))
        }
    }
}
