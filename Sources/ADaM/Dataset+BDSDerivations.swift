import TrialCore

/// Derivations of the ADaM basic data structure (BDS), admiral-style: one function per
/// derived variable group, each named after what it derives, each adding columns in place.
///
/// Dates are SAS date numbers (days since 1960-01-01) with format `DATE9.`; study days follow
/// SDTMIG §4.4.4 (no day 0).
extension Dataset {
    /// `<prefix>DT` (numeric date) and `<prefix>DTF` (imputation flag) from the ISO 8601
    /// variable `dtc` (admiral `derive_vars_dt`). `notAfter` / `notBefore` name numeric date
    /// variables of this dataset bounding the imputed date (e.g. `DTHDT`, `TRTSDT`).
    public mutating func deriveVarsDT(prefix: String, dtc: String, imputation: DateImputation?,
                                      notAfter: [String] = [], notBefore: [String] = []) {
        let n = rowCount
        var dates: [Double?] = Array(repeating: nil, count: n)
        var flags: [String] = Array(repeating: "", count: n)
        let src = column(dtc)?.values ?? Array(repeating: .character(""), count: n)
        let afterCols = notAfter.compactMap { column($0)?.values }
        let beforeCols = notBefore.compactMap { column($0)?.values }
        let parsed = SDTMData.parseDates(src)
        for r in 0..<n {
            guard let p = parsed[r] else { continue }
            let imputed: ImputedDate?
            if let date = p.date {
                imputed = ImputedDate(date: date, flag: nil)   // complete: never imputed nor bounded
            } else if let imputation {
                let after = afterCols.compactMap { $0[r].number.map { CalendarDate(sasDate: Int($0)) } }
                let before = beforeCols.compactMap { $0[r].number.map { CalendarDate(sasDate: Int($0)) } }
                imputed = imputation.impute(p, notAfter: after, notBefore: before)
            } else {
                imputed = nil
            }
            guard let imputed else { continue }
            dates[r] = Double(imputed.date.sasDate)
            flags[r] = imputed.flag ?? ""
        }
        setColumn(.numeric(prefix + "DT", label: "Analysis \(prefix) Date", format: "DATE9.", dates))
        setColumn(.character(prefix + "DTF", label: "\(prefix) Date Imputation Flag", flags))
    }

    /// The study day `dayVar` of numeric date `date` against numeric date `reference`
    /// (admiral `derive_vars_dy`): (date − ref) + 1 when date ≥ ref, else date − ref; missing
    /// when either date is missing.
    public mutating func deriveVarADY(date: String = "ADT", reference: String = "TRTSDT", day: String = "ADY") {
        let n = rowCount
        let d = column(date)?.values ?? Array(repeating: .dot, count: n)
        let ref = column(reference)?.values ?? Array(repeating: .dot, count: n)
        var out: [Double?] = Array(repeating: nil, count: n)
        for r in 0..<n {
            guard let a = d[r].number, let b = ref[r].number else { continue }
            out[r] = Double(StudyDay.of(CalendarDate(sasDate: Int(a)), reference: CalendarDate(sasDate: Int(b))))
        }
        setColumn(.numeric(day, label: "Analysis Relative Day", out))
    }

    /// AVISIT / AVISITN from the study day `day` and the declared windows (records outside
    /// every window get blank AVISIT and missing AVISITN).
    public mutating func deriveVarsAVISIT(day: String = "ADY", windows: VisitWindows) {
        let n = rowCount
        let d = column(day)?.values ?? Array(repeating: .dot, count: n)
        var names = Array(repeating: "", count: n)
        var nums: [Double?] = Array(repeating: nil, count: n)
        for r in 0..<n {
            guard let x = d[r].number, x.isFinite, abs(x) < 1e9, let w = windows.window(forDay: Int(x)) else { continue }
            names[r] = w.avisit
            nums[r] = w.avisitn
        }
        setColumn(.character("AVISIT", label: "Analysis Visit", names))
        setColumn(.numeric("AVISITN", label: "Analysis Visit (N)", nums))
    }

    /// ANL01FL = `Y` on the one record per `by` group and analysis visit that the windows' tie
    /// rule selects, among records with a non-missing `value` and an analysis visit.
    /// `order` (e.g. `QSSEQ`) breaks ties between records on the same study day.
    public mutating func deriveVarANL01FL(by: [String], day: String = "ADY", value: String = "AVAL",
                                          order: String? = nil, windows: VisitWindows) {
        let n = rowCount
        let d = column(day)?.values ?? Array(repeating: .dot, count: n)
        let v = column(value)?.values ?? Array(repeating: .dot, count: n)
        let av = column("AVISITN")?.values ?? Array(repeating: .dot, count: n)
        let ord = order.flatMap { column($0)?.values }
        let keys = groupKeys(by + ["AVISITN"])
        var best: [Int: Int] = [:]
        let targets = Dictionary(windows.windows.map { ($0.avisitn, $0.targetDay) }, uniquingKeysWith: { a, _ in a })
        func sortKey(_ r: Int) -> (Int, Double, Int) { (Int(d[r].number!), ord?[r].number ?? 0, r) }
        for r in 0..<n {
            guard !v[r].isMissing, let day = d[r].number, day.isFinite, abs(day) < 1e9,
                  let visit = av[r].number, let target = targets[visit] else { continue }
            let k = keys[r]
            guard let cur = best[k] else { best[k] = r; continue }
            let better: Bool
            switch windows.tieRule {
            case .first: better = sortKey(r) < sortKey(cur)
            case .last:
                let (a, b) = (sortKey(r), sortKey(cur))
                better = a.0 > b.0 || (a.0 == b.0 && (a.1, a.2) < (b.1, b.2))
            case .closest:
                let dr = abs(VisitWindows.distance(Int(d[r].number!), target))
                let dc = abs(VisitWindows.distance(Int(d[cur].number!), target))
                better = dr < dc || (dr == dc && sortKey(r) < sortKey(cur))
            }
            if better { best[k] = r }
        }
        var flags = Array(repeating: "", count: n)
        for r in best.values { flags[r] = "Y" }
        setColumn(.character("ANL01FL", label: "Analysis Flag 01", flags))
    }

    /// ABLFL = `Y` on the baseline record of each `by` group (see `BaselineRule`).
    public mutating func deriveVarABLFL(by: [String], rule: BaselineRule, day: String = "ADY",
                                        value: String = "AVAL", order: String? = nil) {
        let n = rowCount
        let d = column(day)?.values ?? Array(repeating: .dot, count: n)
        let v = column(value)?.values ?? Array(repeating: .dot, count: n)
        let ord = order.flatMap { column($0)?.values }
        let keys = groupKeys(by)
        var chosen: [Int: Int] = [:]
        if let limit = rule.lastOnOrBeforeDay {
            // Latest day wins; on one day the first by order.
            for r in 0..<n {
                guard !v[r].isMissing, let day = d[r].number, day.isFinite, day <= Double(limit) else { continue }
                if let cur = chosen[keys[r]] {
                    let cd = d[cur].number!
                    let later = day > cd || (day == cd && (ord?[r].number ?? 0, r) < (ord?[cur].number ?? 0, cur))
                    if later { chosen[keys[r]] = r }
                } else { chosen[keys[r]] = r }
            }
        } else if let visit = rule.avisitn {
            let av = column("AVISITN")?.values ?? Array(repeating: .dot, count: n)
            let anl = column("ANL01FL")?.values ?? Array(repeating: .character(""), count: n)
            for r in 0..<n where av[r].number == visit && anl[r].text == "Y" && !v[r].isMissing {
                if chosen[keys[r]] == nil { chosen[keys[r]] = r }
            }
        }
        var flags = Array(repeating: "", count: n)
        for r in chosen.values { flags[r] = "Y" }
        setColumn(.character("ABLFL", label: "Baseline Record Flag", flags))
    }

    /// BASE (the `by` group's baseline AVAL, on every row of the group) and CHG = AVAL − BASE on
    /// records after the baseline record (later study day); missing on the baseline record
    /// and before it.
    public mutating func deriveVarsBASECHG(by: [String], day: String = "ADY", value: String = "AVAL") {
        let n = rowCount
        let d = column(day)?.values ?? Array(repeating: .dot, count: n)
        let v = column(value)?.values ?? Array(repeating: .dot, count: n)
        let abl = column("ABLFL")?.values ?? Array(repeating: .character(""), count: n)
        let keys = groupKeys(by)
        var baseRow: [Int: Int] = [:]
        for r in 0..<n where abl[r].text == "Y" { baseRow[keys[r]] = r }
        var base: [Double?] = Array(repeating: nil, count: n)
        var chg: [Double?] = Array(repeating: nil, count: n)
        for r in 0..<n {
            guard let b = baseRow[keys[r]], let bv = v[b].number else { continue }
            base[r] = bv
            if let x = v[r].number, let dr = d[r].number, let db = d[b].number, dr > db { chg[r] = x - bv }
        }
        setColumn(.numeric("BASE", label: "Baseline Value", base))
        setColumn(.numeric("CHG", label: "Change from Baseline", chg))
    }

    /// Copies `variables` from `source` (one row per `by` key, e.g. ADSL by USUBJID) onto each
    /// row with the same key (admiral `derive_vars_merged`); unmatched rows get missing values.
    public mutating func deriveVarsMerged(from source: Dataset, by: String = "USUBJID", variables: [String]) {
        var index: [String: Int] = [:]
        if let keyCol = source.column(by) {
            for (i, v) in keyCol.values.enumerated() where index[v.text] == nil { index[v.text] = i }
        }
        let n = rowCount
        let myKeys = column(by)?.values ?? Array(repeating: .character(""), count: n)
        // The source row of each row, looked up once per run of equal keys.
        var match = [Int?](repeating: nil, count: n)
        for r in 0..<n {
            match[r] = r > 0 && SDTMData.sameText(myKeys[r], myKeys[r - 1]) ? match[r - 1] : index[myKeys[r].text]
        }
        for name in variables {
            guard var col = source.column(name) else { continue }
            let missing: Value = col.type == .numeric ? .dot : .character("")
            let values = col.values
            col.values = match.map { $0.map { values[$0] } ?? missing }
            setColumn(col)
        }
    }

    /// One group number per row from the values of `variables` (rows with equal values in
    /// every variable get the same number); absent variables are ignored.
    func groupKeys(_ variables: [String]) -> [Int] {
        let n = rowCount
        var ids = [Int](repeating: 0, count: n)
        var groups = 1
        for v in variables {
            guard let values = column(v)?.values else { continue }
            var codes: [Value: Int] = [:]
            var combined: [SIMD2<Int>: Int] = [:]
            combined.reserveCapacity(groups)
            // A row equal to the previous one in this variable and in the groups so far joins
            // the previous row's group without a lookup.
            var previous = (old: -1, new: -1)
            for r in 0..<n {
                let old = ids[r]
                if r > 0, old == previous.old, values[r] == values[r - 1] { ids[r] = previous.new; continue }
                let code: Int
                if let c = codes[values[r]] { code = c } else { code = codes.count; codes[values[r]] = code }
                let key = SIMD2(old, code)
                if let g = combined[key] { ids[r] = g } else { let g = combined.count; combined[key] = g; ids[r] = g }
                previous = (old, ids[r])
            }
            groups = combined.count
        }
        return ids
    }
}

extension Column {
    /// A numeric date column (SAS date numbers, format `DATE9.`).
    static func dates(_ name: String, label: String, _ dates: [CalendarDate?]) -> Column {
        .numeric(name, label: label, format: "DATE9.", dates.map { $0.map { Double($0.sasDate) } })
    }
}
