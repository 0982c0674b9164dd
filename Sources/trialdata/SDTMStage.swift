import DatasetIO
import EDCImport
import Foundation
import SDTM
import StudyModel
import TrialCore

/// The SDTM stage as a library call: bind a study's export (EDCImport), map it to SDTM (SDTM),
/// write every domain, its trace and the mapping log (DatasetIO). No printing; the CLI and the
/// Pipeline call it.
///
/// ```swift
/// let outcome = try SDTMStage.run(studyDirectory: "examples/crlm", source: .csv)
/// let files = try SDTMStage.write(outcome, to: stagingFolder, formats: [.xpt, .json])
/// ```
/// Output folder layout: `<domain>.<ext>` (lower case, as submissions name them) for each of
/// DM SUPPDM AE SUPPAE TU TR RS QS DS PR SUPPPR EX SUPPEX SV, `trace/<domain>.csv` (row → export
/// file and line or ODM path), `mapping-log.txt` (bind and map reconciliation, every rejection).
/// XPT headers carry the fixed time stamp `01JAN60:00:00:00` and Dataset-JSON the fixed creation
/// time, so the same export gives the same bytes.
enum SDTMStage {
    /// Which export of the study to bind.
    enum Source: String, Sendable, CaseIterable {
        /// The CSV export folder.
        case csv
        /// The ODM 1.3.2 file.
        case odm
    }

    /// What binding and mapping produced.
    struct Outcome: Sendable {
        /// The study folder's description (resolved paths).
        var directory: StudyDirectory
        /// The Binder's reconciliation (read = bound + rejected per entity).
        var bindReport: BindReport
        /// The SDTM datasets, trace, rejections and reconciliation.
        var result: SDTMResult
        /// The specs used.
        var specs: SpecLibrary

        /// Records rejected by the Binder or the mappers.
        var rejectedRecords: Int { bindReport.total.rejected + result.rejections.count }
    }

    /// Binds and maps the study in `studyDirectory` (which holds `study.yaml`). Specs come
    /// from `study.yaml`'s `specs:` or, without it, from `specsOverride`; the AE dictionary from
    /// the mapping's `aeDictionary`.
    static func run(studyDirectory: String, source: Source, specsOverride: String? = nil) throws(InputError) -> Outcome {
        let dir = try StudyDirectory.load(directory: studyDirectory)
        let studyFile = (studyDirectory as NSString).appendingPathComponent("study.yaml")
        let specsRoot = specsOverride ?? dir.specsFolder
        let specs = try SpecLibrary.load(from: specsRoot)
        let mapping = try StudyMapping.load(directory: dir.mapping)
        guard let dictionary = mapping.codingDictionary else {
            throw InputError(at: .file((dir.mapping as NSString).appendingPathComponent(StudyMapping.fileName)),
                             "the mapping names no AE coding dictionary (needed for AEDECOD)",
                             expected: "aeDictionary: FILE in import.yaml")
        }
        let bound: BindResult
        switch source {
        case .csv:
            guard let csv = dir.export.csv else {
                throw InputError(at: .file(studyFile), "study.yaml names no CSV export", expected: "export: {csv: FOLDER}")
            }
            bound = try Binder.bind(csvDirectory: csv, mapping: mapping)
        case .odm:
            guard let odm = dir.export.odm else {
                throw InputError(at: .file(studyFile), "study.yaml names no ODM export", expected: "export: {odm: FILE}")
            }
            bound = try Binder.bind(odmFile: odm, mapping: mapping)
        }
        let result = try SDTMMapper(specs: specs, dictionary: dictionary).map(bound.study)
        return Outcome(directory: dir, bindReport: bound.report, result: result, specs: specs)
    }

    /// Writes the datasets in each of `formats`, the trace files and the mapping log into
    /// `folder` (which must exist; write into a staging folder and swap it in). Returns the
    /// paths written, relative to `folder`, and the writers' warnings.
    static func write(_ outcome: Outcome, to folder: String, formats: [DatasetFormat])
        throws(InputError) -> (files: [String], warnings: [Diagnostic]) {
        let fm = FileManager.default
        let traceFolder = (folder as NSString).appendingPathComponent("trace")
        do { try fm.createDirectory(atPath: traceFolder, withIntermediateDirectories: true) } catch {
            throw InputError(at: .file(traceFolder), "cannot create the trace folder: \(error.localizedDescription)")
        }
        var files: [String] = []
        var warnings: [Diagnostic] = []
        let options = DatasetFile.WriteOptions(xpt: XPTWriter.Options(timestamp: "01JAN60:00:00:00"),
                                               json: DatasetJSONInfo(studyOID: outcome.result.dataset("DM")?.text("STUDYID", row: 0)))
        for ds in outcome.result.datasets {
            let base = ds.name.lowercased()
            for f in formats {
                let name = base + "." + f.rawValue
                warnings += try DatasetFile.write(ds, to: (folder as NSString).appendingPathComponent(name), format: f, options: options)
                files.append(name)
            }
            let trace = outcome.result.traceDataset(ds.name)
            let traceName = "trace/" + base + ".csv"
            try DatasetFile.write(trace, to: (folder as NSString).appendingPathComponent(traceName), format: .csv,
                                  options: DatasetFile.WriteOptions(csvMetadata: false))
            files.append(traceName)
        }
        let log = mappingLog(outcome)
        let logPath = (folder as NSString).appendingPathComponent("mapping-log.txt")
        guard fm.createFile(atPath: logPath, contents: Data(log.utf8)) else {
            throw InputError(at: .file(logPath), "cannot write the mapping log")
        }
        files.append("mapping-log.txt")
        return (files, warnings)
    }

    /// The mapping log: the Binder's reconciliation and rejections, then the mappers' (rows per
    /// dataset, records in = mapped + rejected per entity, every rejection with its source).
    static func mappingLog(_ o: Outcome) -> String {
        let r = o.bindReport
        var out = "Study \(r.study), \(r.source) export\n"
        out += "Specs: \(o.specs.terminologyPackages.joined(separator: "; "))\n\n"
        out += "Binding (records read = bound + rejected):\n"
        for (e, c) in r.counts {
            out += "  \(e.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) read \(c.read)  bound \(c.bound)  rejected \(c.rejected)\n"
        }
        out += "  \("total".padding(toLength: 18, withPad: " ", startingAt: 0)) read \(r.total.read)  bound \(r.total.bound)  rejected \(r.total.rejected)\n"
        if !r.rejections.isEmpty {
            out += "Rejected while binding: \(r.rejections.count)\n"
            for x in r.rejections { out += "  \(x.description)\n" }
        }
        out += "\n" + o.result.mappingLog
        return out
    }
}
