import EDCImport
import SDTM
import TrialCore

/// The totals of a chunked SDTM stage: the bind reconciliation summed over chunks, rows written
/// per dataset, the mapping reconciliation, every rejection and note, and the mapping log.
///
/// Per entity, records read = bound + rejected (import) and records in = mapped + rejected
/// (SDTM) hold for the sums exactly as for each chunk.
public struct SDTMSummary: Sendable {
    /// Study id.
    public var study: String
    /// `csv` or `odm`.
    public var source: String
    /// Controlled terminology packages of the specs, for the log.
    public var terminology: [String]
    /// Chunks processed.
    public var chunks = 0
    /// Subjects mapped (DM rows written).
    public var subjects = 0
    /// Bind counts per entity, in the mapping's entity order, summed over chunks.
    public var bindCounts: [(entity: EntityKind, count: BindReport.Count)] = []
    /// Records rejected while binding, chunk by chunk.
    public var bindRejections: [Rejection] = []
    /// Binding warnings.
    public var bindWarnings: [Diagnostic] = []
    /// SDTM dataset names in output order with their total rows.
    public var rowCounts: [(name: String, rows: Int)] = []
    /// Records in = mapped + rejected per model entity, summed over chunks.
    public var reconciliation: [SDTMResult.EntityCount] = []
    /// Records the mappers rejected.
    public var rejections: [SDTMRejection] = []
    /// Mapping notes and warnings.
    public var diagnostics: [Diagnostic] = []
    /// Wall seconds spent binding and mapping, summed over chunks.
    public var bindSeconds = 0.0, mapSeconds = 0.0

    /// An empty summary.
    public init(study: String, source: String, terminology: [String]) {
        self.study = study
        self.source = source
        self.terminology = terminology
    }

    /// The bind totals as one report (what `trialdata import` prints for the whole export).
    public var bindReport: BindReport {
        BindReport(study: study, source: source, counts: bindCounts, rejections: bindRejections, warnings: bindWarnings)
    }

    /// Records rejected by the Binder or the mappers.
    public var rejectedRecords: Int { bindReport.total.rejected + rejections.count }

    /// Adds one chunk's counts, rejections and notes.
    mutating func add(_ chunk: SDTMStage.Chunk) {
        chunks += 1
        subjects += chunk.sdtm.dataset("DM")?.rowCount ?? 0
        bindSeconds += chunk.bindSeconds
        mapSeconds += chunk.mapSeconds
        for (e, c) in chunk.bindReport.counts {
            if let i = bindCounts.firstIndex(where: { $0.entity == e }) {
                bindCounts[i].count.read += c.read
                bindCounts[i].count.bound += c.bound
                bindCounts[i].count.rejected += c.rejected
            } else {
                bindCounts.append((e, c))
            }
        }
        bindRejections += chunk.bindReport.rejections
        for w in chunk.bindReport.warnings where !bindWarnings.contains(w) { bindWarnings.append(w) }
        for d in chunk.sdtm.datasets {
            if let i = rowCounts.firstIndex(where: { $0.name == d.name }) { rowCounts[i].rows += d.rowCount } else { rowCounts.append((d.name, d.rowCount)) }
        }
        for c in chunk.sdtm.reconciliation {
            if let i = reconciliation.firstIndex(where: { $0.entity == c.entity }) {
                reconciliation[i].records += c.records
                reconciliation[i].mapped += c.mapped
                reconciliation[i].rejected += c.rejected
            } else {
                reconciliation.append(c)
            }
        }
        rejections += chunk.sdtm.rejections
        diagnostics += chunk.sdtm.diagnostics
    }

    /// The mapping log: the Binder's reconciliation and rejections, then the mappers' (rows per
    /// dataset, records in = mapped + rejected per entity, every rejection with its source).
    public var mappingLog: String {
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        let r = bindReport
        var out = "Study \(study), \(source) export\n"
        out += "Specs: \(terminology.joined(separator: "; "))\n\n"
        out += "Binding (records read = bound + rejected):\n"
        for (e, c) in r.counts {
            out += "  \(pad(e.rawValue, 18)) read \(c.read)  bound \(c.bound)  rejected \(c.rejected)\n"
        }
        out += "  \(pad("total", 18)) read \(r.total.read)  bound \(r.total.bound)  rejected \(r.total.rejected)\n"
        if !r.rejections.isEmpty {
            out += "Rejected while binding: \(r.rejections.count)\n"
            for x in r.rejections { out += "  \(x.description)\n" }
        }
        out += "\n" + SDTMResult.mappingLog(rows: rowCounts, reconciliation: reconciliation, rejections: rejections,
                                            diagnostics: diagnostics)
        return out
    }
}
