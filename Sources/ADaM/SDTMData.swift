import TrialCore

/// The SDTM datasets an ADaM derivation reads, by upper-case domain name, with each dataset's
/// rows grouped by USUBJID (built once).
///
/// Works on any SDTM: ours or another tool's. Only the variables the configuration names are
/// read; a dataset the configuration names but the input lacks is an empty dataset (and a note).
public struct SDTMData: Sendable {
    /// The datasets by upper-case name (`DM`, `AE`, `SUPPDM`, …).
    public let datasets: [String: Dataset]
    /// Row indices per USUBJID, per dataset, in row order.
    let rowsBySubject: [String: [String: [Int]]]

    /// Parsed ISO 8601 date columns by `DATASET.VARIABLE` (`nil` entries: empty or malformed).
    let parsedDates: [String: [PartialDateTime?]]

    /// Rows of each dataset (upper-case name) that precede these datasets when they are one
    /// chunk of a study (`ChunkedADaMDerivation`); empty for a whole study.
    var rowOffsets: [String: Int] = [:]

    /// The number of rows of `name` before this chunk (0 for a whole study).
    func rowOffset(_ name: String) -> Int { rowOffsets[name.uppercased()] ?? 0 }

    /// Indexes `datasets` (keys are upper-cased; each dataset is indexed on USUBJID) and parses
    /// the listed date variables once (each distinct text parsed once).
    public init(_ datasets: [String: Dataset], dateVariables: [(dataset: String, variable: String)] = []) {
        var ds: [String: Dataset] = [:]
        var idx: [String: [String: [Int]]] = [:]
        for (k, d) in datasets {
            let name = k.uppercased()
            ds[name] = d
            var rows: [String: [Int]] = [:]
            if let c = d.column("USUBJID") {
                for (i, v) in c.values.enumerated() { rows[v.text, default: []].append(i) }
            }
            idx[name] = rows
        }
        self.datasets = ds
        self.rowsBySubject = idx
        var parsed: [String: [PartialDateTime?]] = [:]
        for (dataset, variable) in dateVariables {
            let key = dataset.uppercased() + "." + variable.uppercased()
            guard parsed[key] == nil, let c = ds[dataset.uppercased()]?.column(variable) else { continue }
            parsed[key] = SDTMData.parseDates(c.values)
        }
        self.parsedDates = parsed
    }

    /// Parses a column of ISO 8601 texts, each distinct text once (`nil`: empty or malformed).
    public static func parseDates(_ values: [Value]) -> [PartialDateTime?] {
        var memo: [String: PartialDateTime?] = [:]
        return values.map { v in
            let t = v.text
            if t.isEmpty { return nil }
            if let hit = memo[t] { return hit }
            let p = try? PartialDateTime.parseISO8601(t.trimmedBlanks)
            memo[t] = p
            return p
        }
    }

    /// The parsed dates of `dataset.variable` when they were parsed at creation, else `nil`.
    func dates(_ dataset: String, _ variable: String) -> [PartialDateTime?]? {
        parsedDates[dataset.uppercased() + "." + variable.uppercased()]
    }

    /// The dataset `name` (case-insensitive), or `nil` when the input lacks it.
    public func dataset(_ name: String) -> Dataset? { datasets[name.uppercased()] }

    /// Row indices of subject `usubjid` in dataset `name` (empty when none).
    public func rows(_ name: String, subject usubjid: String) -> [Int] {
        rowsBySubject[name.uppercased()]?[usubjid] ?? []
    }

    /// The rows of `name` for `usubjid` that pass `filter`.
    public func rows(_ name: String, subject usubjid: String, filter: RecordFilter) -> [Int] {
        guard let d = dataset(name) else { return [] }
        let f = filter.compiled(for: d)
        return rows(name, subject: usubjid).filter { f.matches(row: $0) }
    }
}
