import TrialCore

/// The SDTM datasets an ADaM derivation reads, by upper-case domain name, with each dataset's
/// rows grouped by USUBJID (built once).
///
/// Works on any SDTM: ours or another tool's. Only the variables the configuration names are
/// read; a dataset the configuration names but the input lacks is an empty dataset (and a note).
public struct SDTMData: Sendable {
    /// The datasets by upper-case name (`DM`, `AE`, `SUPPDM`, …).
    public let datasets: [String: Dataset]
    /// A number per USUBJID text found in any dataset, so that a subject's rows in every
    /// dataset are found with one string look-up (`slot(of:)`).
    let subjectSlots: [String: Int]
    /// The rows of each dataset by subject slot, in row order.
    let rowsBySubject: [String: SubjectRows]

    /// Parsed ISO 8601 date columns by `DATASET.VARIABLE` (`nil` entries: empty or malformed).
    let parsedDates: [String: ParsedDates]

    /// Rows of each dataset (upper-case name) that precede these datasets when they are one
    /// chunk of a study (`ChunkedADaMDerivation`); empty for a whole study.
    var rowOffsets: [String: Int] = [:]

    /// The number of rows of `name` before this chunk (0 for a whole study).
    func rowOffset(_ name: String) -> Int { rowOffsets[name.uppercased()] ?? 0 }

    /// Indexes `datasets` (keys are upper-cased; each dataset is indexed on USUBJID) and parses
    /// the listed date variables once (each distinct text parsed once).
    public init(_ datasets: [String: Dataset], dateVariables: [(dataset: String, variable: String)] = []) {
        var ds: [String: Dataset] = [:]
        var idx: [String: SubjectRows] = [:]
        var slots: [String: Int] = [:]
        for (k, d) in datasets {
            let name = k.uppercased()
            ds[name] = d
            var rows = SubjectRows()
            if let values = d.column("USUBJID")?.values {
                // One dictionary look-up per run of equal values, not per row.
                var r = 0
                while r < values.count {
                    var end = r + 1
                    while end < values.count, SDTMData.sameText(values[end], values[r]) { end += 1 }
                    let key = values[r].text
                    let slot: Int
                    if let s = slots[key] { slot = s } else { slot = slots.count; slots[key] = slot }
                    rows.append(r..<end, slot: slot)
                    r = end
                }
            }
            idx[name] = rows
        }
        self.datasets = ds
        self.subjectSlots = slots
        self.rowsBySubject = idx
        var parsed: [String: ParsedDates] = [:]
        for (dataset, variable) in dateVariables {
            let key = dataset.uppercased() + "." + variable.uppercased()
            guard parsed[key] == nil, let c = ds[dataset.uppercased()]?.column(variable) else { continue }
            parsed[key] = ParsedDates(c.values)
        }
        self.parsedDates = parsed
    }

    /// Parses a column of ISO 8601 texts, each distinct text once (`nil`: empty or malformed).
    public static func parseDates(_ values: [Value]) -> [PartialDateTime?] {
        var memo: [String: PartialDateTime?] = [:]
        var out: [PartialDateTime?] = []
        out.reserveCapacity(values.count)
        for (r, v) in values.enumerated() {
            // A run of equal values (one subject's records on one day) is looked up once.
            if r > 0, SDTMData.sameText(v, values[r - 1]) { out.append(out[r - 1]); continue }
            let t = v.text
            if t.isEmpty { out.append(nil); continue }
            if let hit = memo[t] { out.append(hit); continue }
            let p = try? PartialDateTime.parseISO8601(t.trimmedBlanks)
            memo[t] = p
            out.append(p)
        }
        return out
    }

    /// True when both values are character values with equal text (a cheap test for runs of
    /// equal values; `false` says nothing).
    static func sameText(_ a: Value, _ b: Value) -> Bool {
        if case .character(let x) = a, case .character(let y) = b { return x == y }
        return false
    }

    /// The parsed dates of `dataset.variable` when they were parsed at creation, else `nil`.
    func dates(_ dataset: String, _ variable: String) -> ParsedDates? {
        parsedDates[dataset.uppercased() + "." + variable.uppercased()]
    }

    /// The dataset `name` (case-insensitive), or `nil` when the input lacks it.
    public func dataset(_ name: String) -> Dataset? { datasets[name.uppercased()] }

    /// Row indices of subject `usubjid` in dataset `name` (empty when none).
    public func rows(_ name: String, subject usubjid: String) -> [Int] {
        rowsBySubject[name.uppercased()]?.rows(slot: slot(of: usubjid)) ?? []
    }

    /// The rows of `name` for `usubjid` that pass `filter`.
    public func rows(_ name: String, subject usubjid: String, filter: RecordFilter) -> [Int] {
        guard let d = dataset(name) else { return [] }
        let f = filter.compiled(for: d)
        return rows(name, subject: usubjid).filter { f.matches(row: $0) }
    }

    /// The rows of every subject in dataset `name`, by slot.
    func subjectRows(_ name: String) -> SubjectRows {
        rowsBySubject[name.uppercased()] ?? SubjectRows()
    }

    /// The slot of subject `usubjid` (its USUBJID text in the datasets), or `nil` when no
    /// dataset has it.
    func slot(of usubjid: String) -> Int? { subjectSlots[usubjid] }
}
