import TrialCore

/// ADSL, one row per subject of DM, derived from SDTM datasets only (admiral-style: one
/// function per derived variable group, run in the order below).
///
/// Variables: STUDYID USUBJID SUBJID SITEID AGE AGEU AGEGR1 AGEGR1N SEX RACE ETHNIC COUNTRY
/// ARM ARMCD TRT01P TRT01PN TRT01A TRT01AN ITTFL SAFFL ENRLDT TRTSDT TRTEDT TRTDURD DTHFL DTHDT
/// DTHDTF LSTALVDT, then the configuration's `variables` (DTHCAUS, EOSSTT, covariates).
/// Dates are SAS date numbers (format DATE9.). Rows are sorted by USUBJID.
public enum ADSLDerivation {
    /// Derives ADSL. DM must exist and hold USUBJID; everything else missing from the input
    /// leaves the corresponding variables missing (with a note).
    public static func derive(sdtm: SDTMData, config: ADSLConfig, cutoff: CalendarDate?) throws(InputError) -> (Dataset, [Diagnostic]) {
        guard let dm = sdtm.dataset("DM") else {
            throw InputError(at: .file("DM"), "the SDTM input has no DM dataset", expected: "dm.xpt, dm.json or dm.csv")
        }
        guard let usubjidCol = dm.column("USUBJID") else {
            throw InputError(at: .dataset(name: "DM", row: 0, variable: "USUBJID"), "DM has no USUBJID variable")
        }
        var diagnostics: [Diagnostic] = []
        var seen = Set<String>()
        var order: [(String, Int)] = []
        for (r, v) in usubjidCol.values.enumerated() {
            let id = v.text.trimmedBlanks
            if id.isEmpty {
                throw InputError(at: .dataset(name: "DM", row: r + 1, variable: "USUBJID"), "USUBJID is missing", expected: "a subject identifier")
            }
            if !seen.insert(id).inserted {
                throw InputError(at: .dataset(name: "DM", row: r + 1, variable: "USUBJID"), "duplicate subject in DM", value: id, expected: "one DM row per subject")
            }
            order.append((id, r))
        }
        order.sort { $0.0 < $1.0 }
        let sources = BoundSources(config, in: sdtm)
        let variables = config.variables.map { ValueSource.Bound($0, in: sdtm) }
        var rows: [[String: Value]] = []
        rows.reserveCapacity(order.count)
        for (id, r) in order {
            var row: [String: Value] = [:]
            deriveVarsIdentifiers(&row, dm: dm, row: r, usubjid: id)
            deriveVarsTRT01(&row, dm: dm, row: r, config: config)
            deriveVarENRLDT(&row, dm: dm, row: r, variable: config.inclusionDate)
            deriveVarsBRTHDTAGE(&row, dm: dm, row: r, imputation: config.birthDateImputation)
            deriveVarAGEGR1(&row, groups: config.ageGroups)
            let refs = references(row, cutoff: cutoff)
            let slot = sdtm.slot(of: id)   // the subject's rows in every dataset, looked up once
            deriveVarsTRTSDTTRTEDT(&row, slot: slot, sources: sources, references: refs)
            deriveVarTRTDURD(&row)
            deriveVarsPopulationFlags(&row, config: config)
            deriveVarLSTALVDT(&row, usubjid: id, slot: slot, sources: sources.lastAlive, cutoff: cutoff)
            deriveVarsDTH(&row, dm: dm, row: r, usubjid: id, slot: slot, source: sources.death, cutoff: cutoff)
            for v in variables {
                row[v.source.name] = v.resolve(subject: id, slot: slot, adslRow: row, diagnostics: &diagnostics)
            }
            rows.append(row)
        }
        var columns = standardColumns
        for v in config.variables { columns.append((v.name, v.label, v.type, nil)) }
        let ds = Dataset(name: "ADSL", label: "Subject-Level Analysis Dataset",
                         columns: columns.map { c in
                             Column(name: c.0, label: c.1, type: c.2, format: c.3,
                                    values: rows.map { $0[c.0] ?? (c.2 == .numeric ? .dot : .character("")) })
                         }, keys: ["STUDYID", "USUBJID"])
        return (ds, diagnostics)
    }

    /// The declared date sources of ADSL bound to the SDTM input once per derivation.
    struct BoundSources {
        var treatmentStart: [BoundDateSource]
        var treatmentEnd: [BoundDateSource]
        var lastAlive: [BoundDateSource]
        var death: BoundDateSource?

        init(_ config: ADSLConfig, in sdtm: SDTMData) {
            treatmentStart = config.treatmentStart.map { BoundDateSource($0, in: sdtm) }
            treatmentEnd = config.treatmentEnd.map { BoundDateSource($0, in: sdtm) }
            lastAlive = config.lastAlive.map { BoundDateSource($0, in: sdtm) }
            death = config.death.map { BoundDateSource($0, in: sdtm) }
        }
    }

    /// The ADSL variables every study gets, in output order: name, label, type, format.
    static let standardColumns: [(String, String, VariableType, String?)] = [
        ("STUDYID", "Study Identifier", .character, nil),
        ("USUBJID", "Unique Subject Identifier", .character, nil),
        ("SUBJID", "Subject Identifier for the Study", .character, nil),
        ("SITEID", "Study Site Identifier", .character, nil),
        ("BRTHDT", "Date of Birth", .numeric, "DATE9."),
        ("BRTHDTF", "Date of Birth Imputation Flag", .character, nil),
        ("AGE", "Age", .numeric, nil),
        ("AGEU", "Age Units", .character, nil),
        ("AGEGR1", "Pooled Age Group 1", .character, nil),
        ("AGEGR1N", "Pooled Age Group 1 (N)", .numeric, nil),
        ("SEX", "Sex", .character, nil),
        ("RACE", "Race", .character, nil),
        ("ETHNIC", "Ethnicity", .character, nil),
        ("COUNTRY", "Country", .character, nil),
        ("ARM", "Description of Planned Arm", .character, nil),
        ("ARMCD", "Planned Arm Code", .character, nil),
        ("TRT01P", "Planned Treatment for Period 01", .character, nil),
        ("TRT01PN", "Planned Treatment for Period 01 (N)", .numeric, nil),
        ("TRT01A", "Actual Treatment for Period 01", .character, nil),
        ("TRT01AN", "Actual Treatment for Period 01 (N)", .numeric, nil),
        ("ITTFL", "Intent-To-Treat Population Flag", .character, nil),
        ("SAFFL", "Safety Population Flag", .character, nil),
        ("ENRLDT", "Date of Inclusion (Study Day 1)", .numeric, "DATE9."),
        ("TRTSDT", "Date of First Exposure to Treatment", .numeric, "DATE9."),
        ("TRTEDT", "Date of Last Exposure to Treatment", .numeric, "DATE9."),
        ("TRTDURD", "Total Treatment Duration (Days)", .numeric, nil),
        ("DTHFL", "Subject Death Flag", .character, nil),
        ("DTHDT", "Date of Death", .numeric, "DATE9."),
        ("DTHDTF", "Date of Death Imputation Flag", .character, nil),
        ("LSTALVDT", "Date Last Known Alive", .numeric, "DATE9."),
    ]

    /// Resolves `notAfter`/`notBefore` names against the ADSL row built so far (`cutoff` is
    /// the data cut-off date).
    static func references(_ row: [String: Value], cutoff: CalendarDate?) -> (String) -> CalendarDate? {
        { name in
            if name.lowercased() == "cutoff" { return cutoff }
            return row[name.uppercased()]?.number.map { CalendarDate(sasDate: Int($0)) }
        }
    }

    /// STUDYID USUBJID SUBJID SITEID AGE AGEU SEX RACE ETHNIC COUNTRY ARM ARMCD copied from DM.
    static func deriveVarsIdentifiers(_ row: inout [String: Value], dm: Dataset, row r: Int, usubjid: String) {
        for name in ["STUDYID", "SUBJID", "SITEID", "AGEU", "SEX", "RACE", "ETHNIC", "COUNTRY", "ARM", "ARMCD"] {
            row[name] = .character(dm.text(name, row: r).trimmedBlanks)
        }
        row["USUBJID"] = .character(usubjid)
        let age = dm.value("AGE", row: r)
        row["AGE"] = age?.number.map(Value.number) ?? Double(dm.text("AGE", row: r).trimmedBlanks).map(Value.number) ?? .dot
    }

    /// BRTHDT/BRTHDTF from DM.BRTHDTC (imputed as declared when partial) and, when DM.AGE is
    /// null, AGE = completed years from BRTHDT to ENRLDT (admiral `derive_vars_aage`) with
    /// AGEU `YEARS`. Without a declared imputation a partial birth date leaves AGE null.
    static func deriveVarsBRTHDTAGE(_ row: inout [String: Value], dm: Dataset, row r: Int, imputation: DateImputation?) {
        let text = dm.text("BRTHDTC", row: r).trimmedBlanks
        guard !text.isEmpty, let p = try? PartialDateTime.parseISO8601(text) else { return }
        let birth: ImputedDate?
        if let imputation { birth = imputation.impute(p) } else { birth = p.date.map { ImputedDate(date: $0, flag: nil) } }
        guard let birth else { return }
        row["BRTHDT"] = .number(Double(birth.date.sasDate))
        row["BRTHDTF"] = .character(birth.flag ?? "")
        guard row["AGE"]?.number == nil, let e = row["ENRLDT"]?.number else { return }
        let end = CalendarDate(sasDate: Int(e))
        var years = end.year - birth.date.year
        if (end.month, end.day) < (birth.date.month, birth.date.day) { years -= 1 }
        guard years >= 0 else { return }
        row["AGE"] = .number(Double(years))
        row["AGEU"] = .character("YEARS")
    }

    /// AGEGR1/AGEGR1N: the first group whose `below` bound exceeds AGE (the unbounded last group otherwise).
    static func deriveVarAGEGR1(_ row: inout [String: Value], groups: [ADSLConfig.AgeGroup]) {
        guard let age = row["AGE"]?.number else { return }
        for (i, g) in groups.enumerated() where g.below.map({ age < $0 }) ?? true {
            row["AGEGR1"] = .character(g.label)
            row["AGEGR1N"] = .number(g.number ?? Double(i + 1))
            return
        }
    }

    /// TRT01P/TRT01PN from the planned arm code, TRT01A/TRT01AN from the actual arm code.
    static func deriveVarsTRT01(_ row: inout [String: Value], dm: Dataset, row r: Int, config: ADSLConfig) {
        for (suffix, variable) in [("P", config.arm), ("A", config.actualArm)] {
            let code = dm.text(variable, row: r).trimmedBlanks
            if let t = config.treatments.first(where: { $0.code == code }) {
                row["TRT01" + suffix] = .character(t.name)
                row["TRT01" + suffix + "N"] = .number(t.number)
            }
        }
    }

    /// ENRLDT: the complete inclusion date from DM (never imputed: it is study day 1).
    static func deriveVarENRLDT(_ row: inout [String: Value], dm: Dataset, row r: Int, variable: String) {
        let t = dm.text(variable, row: r).trimmedBlanks
        if let d = (try? PartialDateTime.parseISO8601(t))?.date { row["ENRLDT"] = .number(Double(d.sasDate)) }
    }

    /// TRTSDT = earliest date of the treatment-start sources, TRTEDT = latest date of the
    /// treatment-end sources (admiral `derive_vars_merged` with `mode = "first"/"last"`).
    static func deriveVarsTRTSDTTRTEDT(_ row: inout [String: Value], slot: Int?,
                                       sources: BoundSources, references: (String) -> CalendarDate?) {
        var first: CalendarDate? = nil, last: CalendarDate? = nil
        for s in sources.treatmentStart {
            s.forEachRecord(slot: slot, references: references) { _, d in first = min(first ?? d.date, d.date) }
        }
        if let first { row["TRTSDT"] = .number(Double(first.sasDate)) }
        for s in sources.treatmentEnd {
            s.forEachRecord(slot: slot, references: references) { _, d in last = max(last ?? d.date, d.date) }
        }
        if let last { row["TRTEDT"] = .number(Double(last.sasDate)) }
    }

    /// TRTDURD = TRTEDT − TRTSDT + 1 (admiral `derive_var_trtdurd`), when both exist.
    static func deriveVarTRTDURD(_ row: inout [String: Value]) {
        if let s = row["TRTSDT"]?.number, let e = row["TRTEDT"]?.number { row["TRTDURD"] = .number(e - s + 1) }
    }

    /// ITTFL = `Y` for subjects with a planned treatment group; SAFFL = `Y` for those with a
    /// first treatment date; `N` otherwise.
    static func deriveVarsPopulationFlags(_ row: inout [String: Value], config: ADSLConfig) {
        row["ITTFL"] = .character(row["TRT01P"] == nil ? "N" : "Y")
        row["SAFFL"] = .character(row["TRTSDT"] == nil ? "N" : "Y")
    }

    /// LSTALVDT = latest date among the last-alive sources, dates after the cut-off excluded
    /// (admiral `derive_vars_extreme_event` with `mode = "last"`).
    static func deriveVarLSTALVDT(_ row: inout [String: Value], usubjid: String, slot: Int?,
                                  sources: [BoundDateSource], cutoff: CalendarDate?) {
        let refs = references(row, cutoff: cutoff)
        let last = lastAliveRecord(usubjid: usubjid, slot: slot, sources: sources, cutoff: cutoff, references: refs)
        if let last { row["LSTALVDT"] = .number(Double(last.date.sasDate)) }
    }

    /// The record giving the last-known-alive date: the latest date (same day: the source
    /// declared first, then row order), dates after `cutoff` excluded.
    public static func lastAliveRecord(sdtm: SDTMData, usubjid: String, sources: [DateSource], cutoff: CalendarDate?,
                                       references: (String) -> CalendarDate?) -> DatedRecord? {
        lastAliveRecord(usubjid: usubjid, slot: sdtm.slot(of: usubjid), sources: sources.map { BoundDateSource($0, in: sdtm) }, cutoff: cutoff,
                        references: references)
    }

    /// `lastAliveRecord` with sources bound once for all subjects.
    static func lastAliveRecord(usubjid: String, slot: Int?, sources: [BoundDateSource], cutoff: CalendarDate?,
                                references: (String) -> CalendarDate?) -> DatedRecord? {
        var best: (source: Int, row: Int, date: ImputedDate)? = nil
        for (i, s) in sources.enumerated() {
            s.forEachRecord(slot: slot, references: references) { r, d in
                if let cutoff, d.date > cutoff { return }
                if best == nil || d.date > best!.date.date { best = (i, r, d) }
            }
        }
        return best.map { sources[$0.source].record(row: $0.row, date: $0.date, subject: usubjid) }
    }

    /// DTHFL/DTHDT/DTHDTF: the death date from the declared source with its imputation
    /// (bounded by ADSL dates such as LSTALVDT and the cut-off); DTHFL = `Y` when DM.DTHFL is
    /// `Y` or a death date exists.
    static func deriveVarsDTH(_ row: inout [String: Value], dm: Dataset, row r: Int, usubjid: String, slot: Int?,
                              source: BoundDateSource?, cutoff: CalendarDate?) {
        var flag = dm.text("DTHFL", row: r).trimmedBlanks == "Y"
        if let source, let rec = source.records(subject: usubjid, slot: slot, references: references(row, cutoff: cutoff)).first {
            row["DTHDT"] = .number(Double(rec.date.sasDate))
            row["DTHDTF"] = .character(rec.flag ?? "")
            flag = true
        }
        row["DTHFL"] = .character(flag ? "Y" : "")
    }
}
