import StudyModel
import TrialCore

/// The state of one mapping: a builder per domain, the rejections, the diagnostics and the
/// per-entity record counts that reconcile records in with records mapped and rejected.
struct MappingRun {
    var dm, ae, tu, tr, rs, qs, ds, pr, ex, sv: DomainBuilder
    var rejections: [SDTMRejection] = []
    var diagnostics: [Diagnostic] = []
    /// entity → (records in, records mapped, records with a rejection)
    typealias Ledger = [String: (records: Int, mapped: Int, rejected: Int)]
    var ledger: Ledger = [:]
    let studyID: String

    init(specs: SpecLibrary, studyID: String) throws(InputError) {
        self.studyID = studyID
        dm = try DomainBuilder(domain: "DM", names: DMMapper.names, specs: specs, studyID: studyID, supp: "SUPPDM")
        ae = try DomainBuilder(domain: "AE", names: AEMapper.names, specs: specs, studyID: studyID, supp: "SUPPAE")
        tu = try DomainBuilder(domain: "TU", names: TUMapper.names, specs: specs, studyID: studyID)
        tr = try DomainBuilder(domain: "TR", names: TRMapper.names, specs: specs, studyID: studyID)
        rs = try DomainBuilder(domain: "RS", names: RSMapper.names, specs: specs, studyID: studyID)
        qs = try DomainBuilder(domain: "QS", names: QSMapper.names, specs: specs, studyID: studyID)
        ds = try DomainBuilder(domain: "DS", names: DSMapper.names, specs: specs, studyID: studyID)
        pr = try DomainBuilder(domain: "PR", names: PRMapper.names, specs: specs, studyID: studyID, supp: "SUPPPR")
        ex = try DomainBuilder(domain: "EX", names: EXMapper.names, specs: specs, studyID: studyID, supp: "SUPPEX")
        sv = try DomainBuilder(domain: "SV", names: SVMapper.names, specs: specs, studyID: studyID)
    }

    /// Records a rejection of a record of `entity` meant for `domain`.
    mutating func reject(_ entity: String, _ domain: String, _ subjectID: String, _ diagnostic: Diagnostic) {
        rejections.append(SDTMRejection(entity: entity, domain: domain, subjectID: subjectID, diagnostic: diagnostic))
    }

    /// Counts one source record of `entity`: mapped in full, or with at least one rejection.
    mutating func count(_ entity: String, ok: Bool) {
        var c = ledger[entity] ?? (0, 0, 0)
        c.records += 1
        if ok { c.mapped += 1 } else { c.rejected += 1 }
        ledger[entity] = c
    }

    /// Adds another run's counts to this one's.
    mutating func merge(ledger other: Ledger) {
        for (e, c) in other {
            var x = ledger[e] ?? (0, 0, 0)
            x.records += c.records; x.mapped += c.mapped; x.rejected += c.rejected
            ledger[e] = x
        }
    }

    /// Starts a new chunk in every domain (after the chunk's datasets were taken) and clears
    /// the rejections and notes handed out with it.
    mutating func startChunk() {
        dm.startChunk(); ae.startChunk(); tu.startChunk(); tr.startChunk(); rs.startChunk(); qs.startChunk()
        ds.startChunk(); pr.startChunk(); ex.startChunk(); sv.startChunk()
        rejections = []
        diagnostics = []
    }

    /// Ends the subject in every domain: sorts its rows, assigns --SEQ, appends.
    mutating func endSubject(_ usubjid: String) {
        dm.endSubject(usubjid: usubjid); ae.endSubject(usubjid: usubjid); tu.endSubject(usubjid: usubjid)
        tr.endSubject(usubjid: usubjid); rs.endSubject(usubjid: usubjid); qs.endSubject(usubjid: usubjid)
        ds.endSubject(usubjid: usubjid); pr.endSubject(usubjid: usubjid); ex.endSubject(usubjid: usubjid)
        sv.endSubject(usubjid: usubjid)
    }
}
