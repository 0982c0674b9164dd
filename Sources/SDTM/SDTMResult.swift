import StudyModel
import TrialCore

/// The outcome of mapping a study to SDTM: the conformed datasets, the trace of every row,
/// the rejected records, notes, and the reconciliation of records in with records mapped.
public struct SDTMResult: Sendable {
    /// Per typed-model entity: records in, records mapped in full, records with a rejection.
    public struct EntityCount: Sendable, Hashable {
        /// Entity name as in `StudyData.recordCounts` (`subjects`, `adverseEvents`, …).
        public var entity: String
        /// Records of the entity in the input.
        public var records: Int
        /// Records mapped without any rejection.
        public var mapped: Int
        /// Records rejected in whole or in part (e.g. one questionnaire item out of range).
        public var rejected: Int
    }

    /// The SDTM datasets in `SDTMMapper.domains` order, each conformed to its spec.
    public var datasets: [Dataset]
    /// For each dataset name, the source of each of its rows (same order as the rows).
    public var trace: [String: [TraceRow]]
    /// Records that could not be mapped, with reasons and source locations.
    public var rejections: [SDTMRejection]
    /// Notes and warnings (e.g. AGE not derivable from a partial birth date, columns outside a spec).
    public var diagnostics: [Diagnostic]
    /// Records in = mapped + rejected, per entity, in `StudyData.recordCounts` order (so far,
    /// for a chunk).
    public var reconciliation: [EntityCount]
    /// Rows written per dataset in total (for a chunked mapping's summary; else the datasets' row counts).
    public var rowCounts: [String: Int]

    init(chunkOf run: MappingRun, study: StudyData) throws(InputError) {
        var datasets: [Dataset] = []
        var trace: [String: [TraceRow]] = [:]
        var notes = run.diagnostics
        func take(_ b: DomainBuilder) throws(InputError) {
            let (d, n) = try b.dataset()
            datasets.append(d); notes += n; trace[d.name] = b.trace
            if let s = b.supp {
                let (sd, sn) = try s.dataset()
                datasets.append(sd); notes += sn; trace[sd.name] = s.trace
            }
        }
        for b in [run.dm, run.ae, run.tu, run.tr, run.rs, run.qs, run.ds, run.pr, run.ex, run.sv] { try take(b) }
        self.datasets = datasets
        self.trace = trace
        self.rejections = run.rejections
        self.diagnostics = notes
        self.reconciliation = SDTMResult.reconciliation(run.ledger, study: study)
        self.rowCounts = Dictionary(uniqueKeysWithValues: datasets.map { ($0.name, $0.rowCount) })
    }

    /// The reconciliation rows of a ledger, in `StudyData.recordCounts` order.
    static func reconciliation(_ ledger: MappingRun.Ledger, study: StudyData) -> [EntityCount] {
        study.recordCounts.map { e in
            let c = ledger[e.entity] ?? (0, 0, 0)
            return EntityCount(entity: e.entity, records: e.count, mapped: c.mapped, rejected: c.rejected)
        }
    }

    /// The parts (same datasets, consecutive subjects) as one result: columns appended, trace
    /// rows renumbered after `rowsBefore` rows already handed out per dataset; rejections and
    /// notes in part order. The parts' columns are released as they are copied, so the peak
    /// memory is one copy of the data plus one column.
    static func concatenating(_ parts: consuming [SDTMResult], rowsBefore: [String: Int]) -> SDTMResult {
        var parts = parts
        var out = parts[0]
        let rejections = parts.flatMap(\.rejections), diagnostics = parts.flatMap(\.diagnostics)
        for j in out.datasets.indices {
            let name = out.datasets[j].name
            var offset = rowsBefore[name] ?? 0
            var trace: [TraceRow] = []
            trace.reserveCapacity(parts.reduce(0) { $0 + $1.datasets[j].rowCount })
            for part in parts {
                for var t in part.trace[name] ?? [] { t.row += offset; trace.append(t) }
                offset += part.datasets[j].rowCount
            }
            out.trace[name] = trace
            for k in parts.indices { parts[k].trace[name] = nil }
            guard parts.count > 1 else { continue }
            let rows = parts.reduce(0) { $0 + $1.datasets[j].rowCount }
            for c in out.datasets[j].columns.indices {
                var values: [Value] = []
                values.reserveCapacity(rows)
                for k in parts.indices {
                    values += parts[k].datasets[j].columns[c].values
                    parts[k].datasets[j].columns[c].values = []
                }
                out.datasets[j].columns[c].values = values
            }
        }
        out.rejections = rejections
        out.diagnostics = diagnostics
        return out
    }

    /// Renumbers the trace rows after `rowsBefore[dataset]` rows written by earlier chunks, so
    /// that a chunk mapped on its own traces to row numbers in the concatenated files.
    public mutating func shiftTrace(by rowsBefore: [String: Int]) {
        for (name, offset) in rowsBefore where offset != 0 {
            guard var rows = trace[name] else { continue }
            trace[name] = nil
            for k in rows.indices { rows[k].row += offset }
            trace[name] = rows
        }
    }

    /// The dataset named `name` (case-insensitive), or `nil`.
    public func dataset(_ name: String) -> Dataset? {
        let u = name.uppercased()
        return datasets.first { $0.name == u }
    }

    /// The trace side table of dataset `name` as a dataset (for `trace/<domain>.csv`):
    /// ROW, USUBJID, SEQ, SRCFILE, SRCLINE, SRCPATH (ODM OID path, byte offset or column).
    public func traceDataset(_ name: String) -> Dataset {
        let rows = trace[name.uppercased()] ?? []
        var file: [String] = [], line: [String] = [], path: [String] = []
        file.reserveCapacity(rows.count); line.reserveCapacity(rows.count); path.reserveCapacity(rows.count)
        for r in rows {
            let c = r.sourceColumns
            file.append(c.file); line.append(c.line); path.append(c.path)
        }
        return Dataset(name: "TR" + name.uppercased().prefix(6), label: "Trace of \(name.uppercased()) rows to the export", columns: [
            .numeric("ROW", label: "Row in the SDTM dataset", rows.map { Double($0.row) }),
            .character("USUBJID", label: "Unique Subject Identifier", rows.map(\.usubjid)),
            .numeric("SEQ", label: "Sequence Number", rows.map { $0.seq.map(Double.init) }),
            .character("SRCFILE", label: "Source export file", file),
            .character("SRCLINE", label: "Source line", line),
            .character("SRCPATH", label: "Source ODM path or position", path),
        ])
    }

    /// True when every record of every entity was mapped (no rejection).
    public var isComplete: Bool { rejections.isEmpty }

    /// The mapping log: rows written per dataset, the reconciliation per entity (records in =
    /// mapped + rejected), then every rejection with its source location and reason.
    /// The per-row trace (row → source) is in `trace` / `traceDataset`.
    public var mappingLog: String {
        SDTMResult.mappingLog(rows: datasets.map { ($0.name, rowCounts[$0.name] ?? $0.rowCount) }, reconciliation: reconciliation,
                              rejections: rejections, diagnostics: diagnostics)
    }

    /// The mapping log of `rows` per dataset, the reconciliation, the rejections and notes (one
    /// text for a whole mapping and for the totals of a chunked one).
    public static func mappingLog(rows: [(name: String, rows: Int)], reconciliation: [EntityCount],
                                  rejections: [SDTMRejection], diagnostics: [Diagnostic]) -> String {
        var out = "SDTM mapping log\n\nRows written per dataset:\n"
        for d in rows { out += "  \(d.name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.rows)\n" }
        out += "\nSource records (in = mapped + rejected):\n"
        for c in reconciliation {
            out += "  \(c.entity.padding(toLength: 18, withPad: " ", startingAt: 0)) in \(c.records)  mapped \(c.mapped)  rejected \(c.rejected)\n"
        }
        out += "\nRejected records: \(rejections.count)\n"
        for r in rejections { out += "  " + r.description + "\n" }
        if !diagnostics.isEmpty {
            out += "\nNotes: \(diagnostics.count)\n"
            for d in diagnostics { out += "  " + d.description + "\n" }
        }
        return out
    }
}
