import Dispatch
import Foundation
import StudyModel
import TrialCore

/// Maps a typed study (`StudyData`) to SDTM datasets, one mapper per domain, with the trace
/// of every row and the rejection of every record that cannot be mapped.
///
/// Call:
/// ```swift
/// let specs = try SpecLibrary.load(from: "specs")
/// let result = try SDTMMapper(specs: specs, dictionary: dictionary).map(study)
/// for ds in result.datasets { … }          // DM SUPPDM AE SUPPAE TU TR RS QS DS PR SUPPPR EX SUPPEX SV
/// ```
/// Subjects are visited in USUBJID order and each subject's rows sorted by the domain key, so
/// every dataset comes out in key order and --SEQ is unique within a subject. Records are
/// pre-indexed by subject: the cost is linear in the number of records (plus sorting within
/// a subject). `map` throws only when the specs do not fit the mappers (a missing spec or
/// variable); bad records become `SDTMRejection`s.
public struct SDTMMapper: Sendable {
    /// The dataset specs and controlled terminology.
    public let specs: SpecLibrary
    /// The AE coding dictionary (verbatim → AEDECOD, AEBODSYS).
    public let dictionary: AECodingDictionary
    private let coding: [String: AECodingDictionary.Entry]

    /// Threads that map the subjects of a chunk concurrently; `nil` = one per active processor.
    /// The result does not depend on it.
    public var workers: Int? = nil
    /// Fewest subjects worth a thread of their own.
    var minimumSubjectsPerPart = 64

    /// The domains written, in output order.
    public static let domains = ["DM", "SUPPDM", "AE", "SUPPAE", "TU", "TR", "RS", "QS", "DS", "PR", "SUPPPR", "EX", "SUPPEX", "SV"]

    /// USUBJID = STUDYID-SITEID-SUBJID, as every domain writes it (callers order subject chunks by it).
    public static func usubjid(studyID: String, siteID: String, subjectID: String) -> String {
        SubjectContext.usubjid(studyID: studyID, siteID: siteID, subjectID: subjectID)
    }

    /// A mapper using `specs` (needs the SDTM specs of `domains`) and the AE `dictionary`.
    public init(specs: SpecLibrary, dictionary: AECodingDictionary) {
        self.specs = specs
        self.dictionary = dictionary
        var coding: [String: AECodingDictionary.Entry] = [:]
        for e in dictionary.entries {
            // The first entry listing a spelling wins, as in `AECodingDictionary.code`.
            let keys = [e.preferredTerm] + e.verbatims
            for k in keys {
                let n = AECodingDictionary.normalize(k)
                if coding[n] == nil { coding[n] = e }
            }
        }
        self.coding = coding
    }

    /// Maps `study` to SDTM. Throws only when the specs lack a domain or a variable the mappers fill.
    public func map(_ study: StudyData) throws(InputError) -> SDTMResult {
        var whole: SDTMResult? = nil
        let summary = try mapInChunks(study, subjectsPerChunk: Int.max) { (chunk: SDTMResult) throws(InputError) in whole = chunk }
        guard var result = whole else { return summary }
        result.rejections = summary.rejections
        result.diagnostics = summary.diagnostics
        result.reconciliation = summary.reconciliation
        return result
    }

    /// Maps `study` in chunks of `subjectsPerChunk` subjects (in USUBJID order) and hands each
    /// chunk's datasets to `body` (e.g. to append them to open files), so memory stays bounded
    /// by one chunk. Chunks concatenated in order give exactly the datasets of `map`; trace row
    /// numbers count across chunks. Each chunk carries the rejections and notes found since the
    /// previous one. Returns the summary: datasets without rows, all rejections, notes,
    /// reconciliation and the total row count of every dataset (`rowCounts`).
    public func mapInChunks(_ study: StudyData, subjectsPerChunk: Int,
                            _ body: (SDTMResult) throws(InputError) -> Void) throws(InputError) -> SDTMResult {
        var run = try MappingRun(specs: specs, studyID: study.studyID)

        // Subjects by id; a repeated id is rejected.
        var position: [String: Int] = [:]
        var subjects: [Subject] = []
        subjects.reserveCapacity(study.subjects.count)
        for s in study.subjects {
            if position[s.subjectID] != nil {
                run.reject("subjects", "DM", s.subjectID, Diagnostic(.error, at: s.provenance.location,
                    "subject listed twice", value: s.subjectID, expected: "one subject record per subject id"))
                run.count("subjects", ok: false)
                continue
            }
            position[s.subjectID] = subjects.count
            subjects.append(s)
        }

        // Every other record indexed by subject position; records of unknown subjects are rejected.
        func index<T>(_ records: [T], _ entity: String, _ domain: String, _ id: (T) -> String,
                      _ at: (T) -> SourceLocation) -> [[Int]] {
            var bySubject = Array(repeating: [Int](), count: subjects.count)
            for (k, r) in records.enumerated() {
                if let p = position[id(r)] {
                    bySubject[p].append(k)
                } else {
                    run.reject(entity, domain, id(r), Diagnostic(.error, at: at(r), "record for a subject not in the subject list",
                        value: id(r), expected: "a subject id with a subject (demography/inclusion) record"))
                    run.count(entity, ok: false)
                }
            }
            return bySubject
        }
        let prBy = index(study.procedures, "procedures", "PR", \.subjectID, \.provenance.location)
        let exBy = index(study.systemicTherapies, "systemicTherapies", "EX", \.subjectID, \.provenance.location)
        let luBy = index(study.lesions, "lesions", "TU", \.subjectID, \.provenance.location)
        let rsBy = index(study.responses, "responses", "RS", \.subjectID, \.provenance.location)
        let aeBy = index(study.adverseEvents, "adverseEvents", "AE", \.subjectID, \.provenance.location)
        let qsBy = index(study.questionnaires, "questionnaires", "QS", \.subjectID, \.provenance.location)
        let dsBy = index(study.dispositions, "dispositions", "DS", \.subjectID, \.provenance.location)
        let svBy = index(study.visits, "visits", "SV", \.subjectID, \.provenance.location)

        let contexts = subjects.map { SubjectContext(subject: $0, studyID: study.studyID) }
        let order = contexts.indices.sorted { contexts[$0].usubjid.utf8.lexicographicallyPrecedes(contexts[$1].usubjid.utf8) }
        let index = StudyIndex(procedures: prBy, therapies: exBy, lesions: luBy, responses: rsBy, adverseEvents: aeBy,
                               questionnaires: qsBy, dispositions: dsBy, visits: svBy)

        let chunkSize = max(1, subjectsPerChunk)
        let workers = max(1, self.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        var allRejections: [SDTMRejection] = []
        var allNotes: [Diagnostic] = []
        var rowCounts: [String: Int] = [:]
        var start = 0
        repeat {
            let end = order.count - start > chunkSize ? start + chunkSize : order.count
            // The chunk's subjects in contiguous parts, mapped concurrently (at least 64 subjects a part).
            let nParts = max(1, min(workers, (end - start) / max(1, minimumSubjectsPerPart)))
            let bounds = (0...nParts).map { start + ($0 * (end - start)) / nParts }
            let studyID = study.studyID
            let results = ParallelSlots.run(nParts) { part in
                Result { () throws(InputError) -> (SDTMResult, MappingRun.Ledger) in
                    var partRun = try MappingRun(specs: specs, studyID: studyID)
                    for p in order[bounds[part]..<bounds[part + 1]] {
                        mapSubject(contexts[p], position: p, study: study, index: index, run: &partRun)
                    }
                    return (try SDTMResult(chunkOf: partRun, study: study), partRun.ledger)
                }
            }
            var parts: [SDTMResult] = []
            for r in results {
                let (result, ledger) = try r.get()
                parts.append(result)
                run.merge(ledger: ledger)
            }
            var chunk = SDTMResult.concatenating(parts, rowsBefore: rowCounts)
            chunk.rejections = run.rejections + chunk.rejections
            chunk.diagnostics = run.diagnostics + chunk.diagnostics
            chunk.reconciliation = SDTMResult.reconciliation(run.ledger, study: study)
            allRejections += chunk.rejections
            allNotes += chunk.diagnostics
            for d in chunk.datasets { rowCounts[d.name, default: 0] += d.rowCount }
            chunk.rowCounts = Dictionary(uniqueKeysWithValues: chunk.datasets.map { ($0.name, $0.rowCount) })
            run.startChunk()
            try body(chunk)
            start = end
        } while start < order.count
        var summary = try SDTMResult(chunkOf: run, study: study)
        summary.rejections = allRejections
        summary.diagnostics = allNotes
        summary.rowCounts = rowCounts
        return summary
    }

    /// Maps every record of one subject into the run's builders, then ends the subject.
    private func mapSubject(_ ctx: SubjectContext, position p: Int, study: StudyData, index: StudyIndex,
                            run: inout MappingRun) {
        let prBy = index.procedures, exBy = index.therapies, luBy = index.lesions, rsBy = index.responses
        let aeBy = index.adverseEvents, qsBy = index.questionnaires, dsBy = index.dispositions, svBy = index.visits

        let s = ctx.subject
        let sid = s.subjectID
        let procedures = prBy[p].map { study.procedures[$0] }
        let therapies = exBy[p].map { study.systemicTherapies[$0] }

        // One disposition per subject; further ones are rejected.
        var disposition: Disposition? = nil
        for k in dsBy[p] {
            let d = study.dispositions[k]
            if disposition == nil { disposition = d; continue }
            run.reject("dispositions", "DS", sid, Diagnostic(.error, at: d.provenance.location,
                "second disposition record for the subject", expected: "one disposition record per subject"))
            run.count("dispositions", ok: false)
        }

        if let why = DMMapper.map(s, ctx, disposition: disposition, procedures: procedures, therapies: therapies, run: &run) {
            // Without its DM row the subject cannot be submitted: reject all its records.
            run.reject("subjects", "DM", sid, why)
            run.count("subjects", ok: false)
            let reason = "the subject's DM record was rejected (\(why.message))"
            func dropAll<T>(_ ks: [Int], _ records: [T], _ entity: String, _ domain: String, _ at: (T) -> SourceLocation) {
                for k in ks {
                    run.reject(entity, domain, sid, Diagnostic(.error, at: at(records[k]), reason))
                    run.count(entity, ok: false)
                }
            }
            dropAll(prBy[p], study.procedures, "procedures", "PR", \.provenance.location)
            dropAll(exBy[p], study.systemicTherapies, "systemicTherapies", "EX", \.provenance.location)
            dropAll(luBy[p], study.lesions, "lesions", "TU", \.provenance.location)
            dropAll(rsBy[p], study.responses, "responses", "RS", \.provenance.location)
            dropAll(aeBy[p], study.adverseEvents, "adverseEvents", "AE", \.provenance.location)
            dropAll(qsBy[p], study.questionnaires, "questionnaires", "QS", \.provenance.location)
            if let d = disposition { dropAll([0], [d], "dispositions", "DS", \.provenance.location) }
            dropAll(svBy[p], study.visits, "visits", "SV", \.provenance.location)
            run.endSubject(ctx.usubjid)
            return
        }
        if let why = DSMapper.mapMilestones(s, ctx, run: &run) {
            run.reject("subjects", "DS", sid, why)
            run.count("subjects", ok: false)
        } else {
            run.count("subjects", ok: true)
        }
        if let d = disposition {
            let why = DSMapper.map(d, ctx, run: &run)
            if let why { run.reject("dispositions", "DS", sid, why) }
            run.count("dispositions", ok: why == nil)
        }
        for t in therapies {
            let why = EXMapper.map(t, ctx, run: &run)
            if let why { run.reject("systemicTherapies", "EX", sid, why) }
            run.count("systemicTherapies", ok: why == nil)
        }
        for pr in procedures {
            let why = PRMapper.map(pr, ctx, run: &run)
            if let why { run.reject("procedures", "PR", sid, why) }
            run.count("procedures", ok: why == nil)
        }
        for k in aeBy[p] {
            let e = study.adverseEvents[k]
            let why = AEMapper.map(e, ctx, coding: coding, run: &run)
            if let why { run.reject("adverseEvents", "AE", sid, why) }
            run.count("adverseEvents", ok: why == nil)
        }
        // Lesions in visit order: the first record of a lesion identifies it (TU).
        let lesions = luBy[p].sorted { a, b in
            let x = study.lesions[a], y = study.lesions[b]
            if x.visit.number != y.visit.number { return x.visit.number < y.visit.number }
            return a < b
        }
        var identified = Set<String>()
        for k in lesions {
            let m = study.lesions[k]
            var domain = "TU"
            var why = TUMapper.check(m)
            if why == nil, !identified.contains(m.lesionID) {
                why = TUMapper.map(m, ctx, run: &run)
                if why == nil { identified.insert(m.lesionID) }
            }
            if why == nil {
                domain = "TR"
                why = TRMapper.map(m, ctx, run: &run)
            }
            if let why { run.reject("lesions", domain, sid, why) }
            run.count("lesions", ok: why == nil)
        }
        for k in rsBy[p] {
            let r = study.responses[k]
            let why = RSMapper.map(r, ctx, run: &run)
            if let why { run.reject("responses", "RS", sid, why) }
            run.count("responses", ok: why == nil)
        }
        for k in qsBy[p] {
            let q = study.questionnaires[k]
            let problems = QSMapper.map(q, ctx, run: &run)
            for why in problems { run.reject("questionnaires", "QS", sid, why) }
            run.count("questionnaires", ok: problems.isEmpty)
        }
        for k in svBy[p] {
            let v = study.visits[k]
            let why = SVMapper.map(v, ctx, run: &run)
            if let why { run.reject("visits", "SV", sid, why) }
            run.count("visits", ok: why == nil)
        }
        run.endSubject(ctx.usubjid)
    }
}

/// Record indices of each entity, grouped by subject position.
struct StudyIndex {
    let procedures, therapies, lesions, responses, adverseEvents, questionnaires, dispositions, visits: [[Int]]
}
