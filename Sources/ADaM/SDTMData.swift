import TrialCore

/// The SDTM datasets an ADaM derivation reads, by upper-case domain name, with each dataset's
/// rows grouped by USUBJID (built once).
///
/// Works on any SDTM: ours or another tool's. Only the variables the configuration names are
/// read; a dataset the configuration names but the input lacks is an empty dataset (and a note).
public struct SDTMData: Sendable {
    /// The datasets by upper-case name (`DM`, `AE`, `SUPPDM`, …).
    public let datasets: [String: Dataset]
    /// Row ranges per USUBJID, per dataset, in row order (one range per subject when the
    /// dataset is sorted by USUBJID, as SDTM datasets are).
    let rowsBySubject: [String: [String: [Range<Int>]]]

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
        var idx: [String: [String: [Range<Int>]]] = [:]
        for (k, d) in datasets {
            let name = k.uppercased()
            ds[name] = d
            var rows: [String: [Range<Int>]] = [:]
            if let values = d.column("USUBJID")?.values {
                // One dictionary update per run of equal values, not per row.
                var r = 0
                while r < values.count {
                    var end = r + 1
                    while end < values.count, SDTMData.sameText(values[end], values[r]) { end += 1 }
                    let key = values[r].text
                    if let last = rows[key]?.last, last.upperBound == r {
                        rows[key]![rows[key]!.count - 1] = last.lowerBound..<end
                    } else {
                        rows[key, default: []].append(r..<end)
                    }
                    r = end
                }
            }
            idx[name] = rows
        }
        self.datasets = ds
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
        (rowsBySubject[name.uppercased()]?[usubjid] ?? []).flatMap { $0 }
    }

    /// The rows of `name` for `usubjid` that pass `filter`.
    public func rows(_ name: String, subject usubjid: String, filter: RecordFilter) -> [Int] {
        guard let d = dataset(name) else { return [] }
        let f = filter.compiled(for: d)
        return rows(name, subject: usubjid).filter { f.matches(row: $0) }
    }

    /// The row ranges of every subject in dataset `name` (USUBJID text → ranges in row order).
    func subjectRows(_ name: String) -> [String: [Range<Int>]] {
        rowsBySubject[name.uppercased()] ?? [:]
    }
}
