import TrialCore

/// ADTTE: one row per subject and declared time-to-event parameter (admiral
/// `derive_param_tte`), from event and censoring sources that are data (`endpoints.yaml`).
///
/// For each ADSL subject with an origin date (STARTDT): the earliest event record on or
/// after STARTDT wins; otherwise the latest censoring record on or after STARTDT (see
/// `TimeToEventParameter` for ties and the options `maxDay` and `missedAssessments`).
/// AVAL = ADT − STARTDT + 1 in days (AVALU `DAYS`), CNSR = 0 for events and the source's
/// positive code for censorings. SRCDOM/SRCVAR/SRCSEQ name the SDTM record whose date is ADT.
/// Records after the data cut-off are ignored. Treatment, population flags and covariates are
/// copied from ADSL.
public enum ADTTEDerivation {
    /// SDTM origin of an ADSL date variable, for SRCDOM/SRCVAR of administrative censoring.
    public struct OriginSource: Sendable, Hashable {
        /// SDTM dataset, e.g. `DM`.
        public var dataset: String
        /// SDTM variable, e.g. `RFSTDTC`.
        public var variable: String

        /// Creates an origin source.
        public init(dataset: String, variable: String) {
            self.dataset = dataset
            self.variable = variable
        }
    }

    /// The outcome for one subject and parameter.
    public struct Outcome: Sendable, Hashable {
        /// ADT.
        public var date: CalendarDate
        /// Imputation flag of ADT (`D`, `M`) or `nil`.
        public var flag: String?
        /// CNSR: 0 = event.
        public var cnsr: Int
        /// EVNTDESC.
        public var evntdesc: String
        /// CNSDTDSC (empty for events).
        public var cnsdtdsc: String
        /// SRCDOM.
        public var srcdom: String
        /// SRCVAR.
        public var srcvar: String
        /// SRCSEQ, or `nil`.
        public var srcseq: Double?
    }

    /// Variables copied from ADSL after the ADTTE variables (when ADSL has them).
    public static let adslVariables = ["TRT01P", "TRT01PN", "TRT01A", "TRT01AN", "ITTFL", "SAFFL", "SITEID", "AGE", "AGEGR1", "SEX", "RACE"]

    /// Derives ADTTE for `parameters`, copying `adslVariables` and `covariates` from ADSL.
    /// `origins` maps ADSL origin variables (ENRLDT) to their SDTM source.
    public static func derive(sdtm: SDTMData, adsl: Dataset, parameters: [TimeToEventParameter],
                              cutoff: CalendarDate?, origins: [String: OriginSource], covariates: [String] = []) -> (Dataset, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var studyid: [String] = [], usubjid: [String] = [], paramcd: [String] = [], param: [String] = []
        var paramn: [Double?] = [], startdt: [Double?] = [], adt: [Double?] = [], adtf: [String] = []
        var aval: [Double?] = [], cnsr: [Double?] = [], evntdesc: [String] = [], cnsdtdsc: [String] = []
        var srcdom: [String] = [], srcvar: [String] = [], srcseq: [Double?] = []
        let dateColumns = adsl.columns.filter { $0.type == .numeric && ($0.format ?? "").hasPrefix("DATE") }.map(\.name)
            .map { ($0, adsl.columns[adsl.columnIndex($0)!].values) }
        let ids = adsl.column("USUBJID")?.values, studyids = adsl.column("STUDYID")?.values
        // Each parameter's sources bound to the SDTM input once for all subjects.
        let sources = parameters.map { p in
            (events: p.events.map { BoundDateSource($0.source, in: sdtm) }, censors: p.censors.map { BoundDateSource($0.source, in: sdtm) })
        }
        for r in 0..<adsl.rowCount {
            let id = ids?[r].text ?? ""
            let slot = sdtm.slot(of: id)   // the subject's rows in every dataset, looked up once
            var row: [String: Value] = [:]
            for (name, values) in dateColumns { row[name] = values[r] }
            let refs = ADSLDerivation.references(row, cutoff: cutoff)
            for (k, p) in parameters.enumerated() {
                guard let originDate = refs(p.origin) else {
                    diagnostics.append(Diagnostic(.warning, at: .dataset(name: "ADSL", row: r + 1, variable: p.origin),
                                                  "\(id): no \(p.origin) (time origin); no \(p.paramcd) row"))
                    continue
                }
                guard let o = outcome(for: p, subject: id, slot: slot, origin: originDate, events: sources[k].events,
                                      censors: sources[k].censors, cutoff: cutoff,
                                      references: refs, originSource: origins[p.origin.uppercased()]) else {
                    diagnostics.append(Diagnostic(.warning, at: .dataset(name: "ADSL", row: r + 1, variable: nil),
                                                  "\(id): no event and no censoring record for \(p.paramcd); no row"))
                    continue
                }
                studyid.append(studyids?[r].text ?? ""); usubjid.append(id)
                paramcd.append(p.paramcd); param.append(p.param); paramn.append(p.paramn ?? Double(k + 1))
                startdt.append(Double(originDate.sasDate)); adt.append(Double(o.date.sasDate)); adtf.append(o.flag ?? "")
                aval.append(Double(originDate.days(to: o.date) + 1)); cnsr.append(Double(o.cnsr))
                evntdesc.append(o.evntdesc); cnsdtdsc.append(o.cnsdtdsc)
                srcdom.append(o.srcdom); srcvar.append(o.srcvar); srcseq.append(o.srcseq)
            }
        }
        let n = usubjid.count
        var ds = Dataset(name: "ADTTE", label: "Time-to-Event Analysis Dataset", columns: [
            .character("STUDYID", label: "Study Identifier", studyid),
            .character("USUBJID", label: "Unique Subject Identifier", usubjid),
            .character("PARAMCD", label: "Parameter Code", paramcd),
            .character("PARAM", label: "Parameter", param),
            .numeric("PARAMN", label: "Parameter (N)", paramn),
            .numeric("STARTDT", label: "Time to Event Origin Date for Subject", format: "DATE9.", startdt),
            .numeric("ADT", label: "Analysis Date", format: "DATE9.", adt),
            .character("ADTF", label: "Analysis Date Imputation Flag", adtf),
            .numeric("AVAL", label: "Analysis Value", aval),
            .character("AVALU", label: "Analysis Value Unit", Array(repeating: "DAYS", count: n)),
            .numeric("CNSR", label: "Censor", cnsr),
            .character("EVNTDESC", label: "Event or Censoring Description", evntdesc),
            .character("CNSDTDSC", label: "Censor Date Description", cnsdtdsc),
            .character("SRCDOM", label: "Source Data", srcdom),
            .character("SRCVAR", label: "Source Variable", srcvar),
            .numeric("SRCSEQ", label: "Source Sequence Number", srcseq),
        ], keys: ["STUDYID", "USUBJID", "PARAMCD"])
        var extra = adslVariables
        for c in covariates where !extra.contains(c) { extra.append(c) }
        ds.deriveVarsMerged(from: adsl, variables: extra)
        return (ds, diagnostics)
    }

    /// The event or censoring of one subject for one parameter, or `nil` when no source gives a date.
    public static func outcome(for p: TimeToEventParameter, subject id: String, origin: CalendarDate, sdtm: SDTMData,
                               cutoff: CalendarDate?, references: (String) -> CalendarDate?,
                               originSource: OriginSource?) -> Outcome? {
        outcome(for: p, subject: id, slot: sdtm.slot(of: id), origin: origin, events: p.events.map { BoundDateSource($0.source, in: sdtm) },
                censors: p.censors.map { BoundDateSource($0.source, in: sdtm) }, cutoff: cutoff,
                references: references, originSource: originSource)
    }

    /// `outcome(for:…)` with the parameter's event and censoring sources bound once for all subjects.
    static func outcome(for p: TimeToEventParameter, subject id: String, slot: Int?, origin: CalendarDate,
                        events: [BoundDateSource], censors censorSources: [BoundDateSource],
                        cutoff: CalendarDate?, references: (String) -> CalendarDate?,
                        originSource: OriginSource?) -> Outcome? {
        func usable(_ d: CalendarDate) -> Bool { d >= origin && (cutoff.map { d <= $0 } ?? true) }
        // A dated record by its source (index in `events` / `censorSources`) and row, not
        // built as a DatedRecord unless it becomes the outcome.
        typealias Hit = (date: ImputedDate, source: Int, row: Int, seq: Double?)
        // Earliest event: (date, source order, sequence).
        var event: Hit? = nil
        for (i, s) in events.enumerated() {
            s.forEachRecord(slot: slot, references: references) { r, d in
                guard usable(d.date) else { return }
                let seq = s.seqs?[r].number
                if let e = event {
                    if (d.date, i, seq ?? 0) < (e.date.date, e.source, e.seq ?? 0) { event = (d, i, r, seq) }
                } else { event = (d, i, r, seq) }
            }
        }
        // The censoring records in source and row order, latest first by (date desc, source
        // order, sequence), among equals the first visited: kept as running bests, not as a
        // sorted list — the latest overall, and for the missed-assessments rule the latest on or
        // before the event that is an adequate assessment, or else that is on the origin date.
        func precedes(_ a: Hit, _ b: Hit) -> Bool {
            if a.date.date != b.date.date { return a.date.date > b.date.date }
            return (a.source, a.seq ?? 0) < (b.source, b.seq ?? 0)
        }
        var latest: Hit? = nil, latestAssessment: Hit? = nil, latestAtOrigin: Hit? = nil
        for (i, s) in censorSources.enumerated() {
            let assessment = p.censors[i].assessment
            s.forEachRecord(slot: slot, references: references) { r, d in
                guard usable(d.date) else { return }
                let c: Hit = (d, i, r, s.seqs?[r].number)
                if latest.map({ precedes(c, $0) }) ?? true { latest = c }
                guard let e = event, d.date <= e.date.date else { return }
                if assessment, latestAssessment.map({ precedes(c, $0) }) ?? true { latestAssessment = c }
                if d.date == origin, latestAtOrigin.map({ precedes(c, $0) }) ?? true { latestAtOrigin = c }
            }
        }
        func censoring(_ c: Hit, evntdesc: String? = nil) -> Outcome {
            let s = p.censors[c.source]
            return Outcome(date: c.date.date, flag: c.date.flag, cnsr: s.cnsr, evntdesc: evntdesc ?? s.evntdesc,
                           cnsdtdsc: s.cnsdtdsc, srcdom: censorSources[c.source].source.dataset,
                           srcvar: censorSources[c.source].variable, srcseq: c.seq)
        }
        var result: Outcome
        if let e = event {
            let s = p.events[e.source]
            result = Outcome(date: e.date.date, flag: e.date.flag, cnsr: 0, evntdesc: s.evntdesc, cnsdtdsc: "",
                             srcdom: events[e.source].source.dataset, srcvar: events[e.source].variable, srcseq: e.seq)
            // Missed assessments: an event long after the last adequate assessment is censored there.
            if s.censorAfterMissedAssessments, let rule = p.missedAssessments {
                let last = latestAssessment ?? latestAtOrigin
                if let last, last.date.date.days(to: e.date.date) > rule.maxGapDays {
                    result = censoring(last, evntdesc: "\(s.evntdesc) AFTER \(rule.count)+ MISSED ASSESSMENTS")
                }
            }
        } else if let c = latest {
            result = censoring(c)
        } else {
            return nil
        }
        // Administrative censoring at study day maxDay.
        if let m = p.maxDay, origin.days(to: result.date) + 1 > m.day {
            result = Outcome(date: origin.adding(days: m.day - 1), flag: nil, cnsr: m.cnsr, evntdesc: m.cnsdtdsc,
                             cnsdtdsc: m.cnsdtdsc, srcdom: originSource?.dataset ?? "ADSL",
                             srcvar: originSource?.variable ?? p.origin, srcseq: nil)
        }
        return result
    }
}
