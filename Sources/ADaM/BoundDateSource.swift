import TrialCore

/// A `DateSource` bound to the datasets of one `SDTMData`: dataset, date and sequence columns
/// found, filter compiled, dates parsed and rows indexed by subject once, so that the records
/// of every subject are read without repeating that work (`DateSource.records` binds on each
/// call; ADSL and ADTTE bind each declared source once per derivation).
struct BoundDateSource {
    /// The declaration.
    let source: DateSource
    /// The source dataset's rows by subject slot (none when the dataset or its date variable
    /// is absent: no records).
    let subjects: SubjectRows
    /// The subject slots of the `SDTMData` bound to (USUBJID text → slot).
    let slots: [String: Int]
    /// The parsed date of every row (`nil`: empty or malformed) when `SDTMData` parsed the
    /// variable at creation; otherwise each record's date is parsed from `dateValues`.
    let dates: ParsedDates?
    /// The date variable's values.
    let dateValues: [Value]
    /// The source's filter bound to the dataset.
    let filter: CompiledRecordFilter
    /// The sequence variable's values, if the dataset has it.
    let seqs: [Value]?
    /// The date variable's name as the dataset spells it (SRCVAR).
    let variable: String

    /// Binds `source` to `sdtm`.
    init(_ source: DateSource, in sdtm: SDTMData) {
        self.source = source
        slots = sdtm.subjectSlots
        guard let d = sdtm.dataset(source.dataset), let dateCol = d.columnIndex(source.date) else {
            subjects = SubjectRows()
            dates = nil
            dateValues = []
            filter = RecordFilter.all.compiled(for: Dataset(name: ""))
            seqs = nil
            variable = source.date
            return
        }
        subjects = sdtm.subjectRows(source.dataset)
        dates = sdtm.dates(source.dataset, source.date)
        dateValues = d.columns[dateCol].values
        filter = source.filter.compiled(for: d)
        seqs = d.columnIndex(source.seq ?? (source.dataset + "SEQ")).map { d.columns[$0].values }
        variable = d.columns[dateCol].name
    }

    /// The parsed date of row `r`, or `nil` when empty or malformed.
    func date(row r: Int) -> PartialDateTime? {
        if let dates { return dates[r] }
        let dtc = dateValues[r].text.trimmedBlanks
        guard !dtc.isEmpty else { return nil }
        return try? PartialDateTime.parseISO8601(dtc)
    }

    /// The dated records of subject `usubjid`, in row order (see `DateSource.records`);
    /// `references` is asked only when a partial date has to be imputed.
    func records(subject usubjid: String, references: (String) -> CalendarDate?) -> [DatedRecord] {
        records(subject: usubjid, slot: slots[usubjid], references: references)
    }

    /// `records(subject:references:)` with the subject's slot already looked up.
    func records(subject usubjid: String, slot: Int?, references: (String) -> CalendarDate?) -> [DatedRecord] {
        var out: [DatedRecord] = []
        forEachRecord(slot: slot, references: references) { r, d in
            out.append(record(row: r, date: d, subject: usubjid))
        }
        return out
    }

    /// The record of row `r` dated `date`.
    func record(row r: Int, date: ImputedDate, subject usubjid: String) -> DatedRecord {
        DatedRecord(usubjid: usubjid, date: date.date, flag: date.flag, dataset: source.dataset, variable: variable,
                    seq: seqs?[r].number, row: r)
    }

    /// Calls `body(row, date)` for each dated record of `usubjid` in row order: what `records`
    /// returns, without building the records.
    func forEachRecord(subject usubjid: String, references: (String) -> CalendarDate?,
                       _ body: (Int, ImputedDate) -> Void) {
        forEachRecord(slot: slots[usubjid], references: references, body)
    }

    /// `forEachRecord(subject:…)` for the subject in `slot` (`SDTMData.slot(of:)`).
    func forEachRecord(slot: Int?, references: (String) -> CalendarDate?, _ body: (Int, ImputedDate) -> Void) {
        var bounds: (after: [CalendarDate], before: [CalendarDate])? = nil
        let everyRow = filter.isEmpty
        subjects.forEachRow(slot: slot) { r in
            guard everyRow || filter.matches(row: r) else { return }
            // Pre-parsed: the complete date without copying the parsed text.
            if let dates {
                let c = dates.codes[r]
                if c < 0 { return }
                if let date = dates.complete[Int(c)] { body(r, ImputedDate(date: date, flag: nil)); return }
            }
            guard let p = date(row: r) else { return }
            if let date = p.date {
                body(r, ImputedDate(date: date, flag: nil))
            } else if let imputation = source.imputation {
                // A complete date is never bounded: the bounds are resolved on first need.
                if bounds == nil {
                    bounds = (source.notAfter.compactMap(references), source.notBefore.compactMap(references))
                }
                if let imputed = imputation.impute(p, notAfter: bounds!.after, notBefore: bounds!.before) {
                    body(r, imputed)
                }
            }
        }
    }
}
