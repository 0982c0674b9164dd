import Dispatch
import EDCImport
import Foundation
import SDTM
import StudyModel
import TrialCore

/// The SDTM stage as a library call, shared by `trialdata sdtm` and `trialdata run`: bind a
/// study's export (EDCImport) and map it to SDTM (SDTM) in chunks of whole subjects, handing
/// each chunk to the caller (who appends it to open files), so memory is bounded by one chunk.
///
/// ```swift
/// let input = try SDTMStage.Input(studyDirectory: "examples/crlm", source: .csv)
/// let summary = try SDTMStage.run(input, subjectsPerChunk: 10_000) { chunk throws(PipelineError) in
///     try writer.append(chunk.sdtm)          // DM SUPPDM AE … SV rows of this chunk's subjects
/// }
/// ```
/// Chunks are contiguous ranges of USUBJID order, so the concatenated chunks are the datasets in
/// key order, exactly as one whole mapping gives them; trace row numbers count across chunks.
/// From a CSV export only the chunk's rows are bound (`Binder.planChunks`); an ODM export is
/// bound whole (transactions may touch a subject anywhere in the file) and mapped in chunks.
public enum SDTMStage {
    /// Everything the stage reads before binding: study folder, mapping, specs, AE dictionary.
    public struct Input: Sendable {
        /// The study folder's description (resolved paths).
        public var directory: StudyDirectory
        /// The import mapping.
        public var mapping: StudyMapping
        /// The dataset specs and controlled terminology.
        public var specs: SpecLibrary
        /// The folder the specs came from.
        public var specsRoot: String
        /// The AE coding dictionary named by the mapping.
        public var dictionary: AECodingDictionary
        /// Which export is bound.
        public var source: RunOptions.Source
        /// The CSV folder or ODM file bound.
        public var exportPath: String

        /// Loads `study.yaml` in `studyDirectory`, its mapping, the specs (from `study.yaml`'s
        /// `specs:`, or `specsOverride`) and the mapping's AE dictionary.
        public init(studyDirectory: String, source: RunOptions.Source, specsOverride: String? = nil) throws(InputError) {
            let dir = try StudyDirectory.load(directory: studyDirectory)
            let studyFile = (studyDirectory as NSString).appendingPathComponent("study.yaml")
            let specsRoot = specsOverride ?? dir.specsFolder
            let mapping = try StudyMapping.load(directory: dir.mapping)
            guard let dictionary = mapping.codingDictionary else {
                throw InputError(at: .file((dir.mapping as NSString).appendingPathComponent(StudyMapping.fileName)),
                                 "the mapping names no AE coding dictionary (needed for AEDECOD)",
                                 expected: "aeDictionary: FILE in import.yaml")
            }
            switch source {
            case .csv:
                guard let p = dir.export.csv else {
                    throw InputError(at: .file(studyFile), "study.yaml names no CSV export", expected: "export: {csv: FOLDER}")
                }
                exportPath = p
            case .odm:
                guard let p = dir.export.odm else {
                    throw InputError(at: .file(studyFile), "study.yaml names no ODM export", expected: "export: {odm: FILE}")
                }
                exportPath = p
            }
            self.directory = dir
            self.mapping = mapping
            self.specs = try SpecLibrary.load(from: specsRoot)
            self.specsRoot = specsRoot
            self.dictionary = dictionary
            self.source = source
        }
    }

    /// One chunk of subjects, bound and mapped.
    public struct Chunk: Sendable {
        /// 0-based chunk number.
        public var index: Int
        /// Number of chunks in the run.
        public var count: Int
        /// Subjects in the chunk (records of subjects absent from the subject list included).
        public var subjects: Int
        /// The chunk's bind reconciliation (read = bound + rejected), rejections and warnings.
        public var bindReport: BindReport
        /// The chunk's SDTM rows (trace row numbers already count across chunks), its rejections
        /// and reconciliation.
        public var sdtm: SDTMResult
        /// Wall seconds spent binding and mapping this chunk.
        public var bindSeconds, mapSeconds: Double
    }

    /// Subjects per chunk when the caller does not say: three chunks in flight (bound ahead,
    /// mapped, written behind) stay near 2 GB.
    public static let defaultSubjectsPerChunk = 5_000

    /// Binds and maps the study chunk by chunk, calling `body` with each chunk in order, and
    /// returns the totals.
    public static func run(_ input: Input, subjectsPerChunk: Int = defaultSubjectsPerChunk,
                           _ body: (Chunk) throws(PipelineError) -> Void) throws(PipelineError) -> SDTMSummary {
        let mapper = SDTMMapper(specs: input.specs, dictionary: input.dictionary)
        var summary = SDTMSummary(study: input.mapping.study, source: input.source.rawValue,
                                  terminology: input.specs.terminologyPackages)
        func bad<T>(_ body: () throws(InputError) -> T) throws(PipelineError) -> T {
            do { return try body() } catch { throw .badInput(stage: "sdtm", error) }
        }
        switch input.source {
        case .csv:
            let studyID = input.mapping.study
            let plan = try bad { () throws(InputError) in
                try Binder.planChunks(csvDirectory: input.exportPath, mapping: input.mapping, subjectsPerChunk: subjectsPerChunk) {
                    SDTMMapper.usubjid(studyID: studyID, siteID: $1, subjectID: $0)
                }
            }
            // Chunk k+1 is bound on a background lane while chunk k is mapped and written.
            let binding = WorkLane(label: "trialdata.sdtm.bind")
            let slots = (0..<plan.chunkCount).map { _ in BoundSlot() }
            func startBinding(_ k: Int) throws(PipelineError) {
                let slot = slots[k]
                try binding.submit { () throws(PipelineError) in
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    do throws(InputError) {
                        slot.bound = try Binder.bind(csvDirectory: input.exportPath, mapping: input.mapping, chunk: k, of: plan)
                    } catch { throw .badInput(stage: "sdtm", error) }
                    slot.seconds = seconds(t0, DispatchTime.now().uptimeNanoseconds)
                }
            }
            var rowsBefore: [String: Int] = [:]
            do throws(PipelineError) {
                try startBinding(0)
                for k in 0..<plan.chunkCount {
                    try binding.wait()
                    guard let bound = slots[k].bound else { throw .badInput(stage: "sdtm", InputError(at: .unknown, "internal: chunk \(k) was not bound")) }
                    slots[k].bound = nil
                    if k + 1 < plan.chunkCount { try startBinding(k + 1) }
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    var sdtm = try bad { () throws(InputError) in try mapper.map(bound.study) }
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    sdtm.shiftTrace(by: rowsBefore)
                    for d in sdtm.datasets { rowsBefore[d.name, default: 0] += d.rowCount }
                    let chunk = Chunk(index: k, count: plan.chunkCount, subjects: bound.study.subjects.count, bindReport: bound.report,
                                      sdtm: sdtm, bindSeconds: slots[k].seconds, mapSeconds: seconds(t1, t2))
                    summary.add(chunk)
                    try body(chunk)
                }
            } catch {
                try? binding.wait()
                throw error
            }
        case .odm:
            let t0 = DispatchTime.now().uptimeNanoseconds
            let bound = try bad { () throws(InputError) in try Binder.bind(odmFile: input.exportPath, mapping: input.mapping) }
            let bindSeconds = seconds(t0, DispatchTime.now().uptimeNanoseconds)
            let n = bound.study.subjects.count
            let count = max(1, (n + subjectsPerChunk - 1) / max(1, subjectsPerChunk))
            var k = 0
            var failure: PipelineError? = nil
            var t1 = DispatchTime.now().uptimeNanoseconds
            let whole: SDTMResult
            do throws(InputError) {
                whole = try mapper.mapInChunks(bound.study, subjectsPerChunk: subjectsPerChunk) { (sdtm: SDTMResult) throws(InputError) in
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    // The bind report belongs to the first chunk: the export was bound once.
                    let report = k == 0 ? bound.report : BindReport(study: bound.report.study, source: bound.report.source,
                                                                   counts: [], rejections: [], warnings: [])
                    let chunk = Chunk(index: k, count: count, subjects: sdtm.dataset("DM")?.rowCount ?? 0, bindReport: report,
                                      sdtm: sdtm, bindSeconds: k == 0 ? bindSeconds : 0, mapSeconds: seconds(t1, t2))
                    summary.add(chunk)
                    do throws(PipelineError) { try body(chunk) } catch {
                        // Stop mapping: the caller's failure is thrown below.
                        failure = error
                        throw InputError(at: .unknown, "mapping stopped after chunk \(k + 1) failed")
                    }
                    k += 1
                    t1 = DispatchTime.now().uptimeNanoseconds
                }
            } catch {
                throw failure ?? .badInput(stage: "sdtm", error)
            }
            // mapInChunks reports each chunk's new rejections; its reconciliation is cumulative.
            summary.reconciliation = whole.reconciliation
        }
        return summary
    }

    private static func seconds(_ a: UInt64, _ b: UInt64) -> Double { Double(b &- a) / 1e9 }

    /// A chunk bound ahead on the binding lane, and how long that took.
    private final class BoundSlot: @unchecked Sendable {
        var bound: BindResult?
        var seconds = 0.0
    }
}
