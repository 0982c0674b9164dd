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

    /// Indexes `datasets` (keys are upper-cased; each dataset is indexed on USUBJID).
    public init(_ datasets: [String: Dataset]) {
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
        return rows(name, subject: usubjid).filter { filter.matches(d, row: $0) }
    }
}
