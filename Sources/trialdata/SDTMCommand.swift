import ArgumentParser
import DatasetIO
import Foundation
import Pipeline
import TrialCore

/// `trialdata sdtm STUDY_DIR --out DIR`: binds a study's export and writes its SDTM domains
/// (DM SUPPDM AE SUPPAE TU TR RS QS DS PR SUPPPR EX SUPPEX SV), their trace files and the mapping log.
///
/// ```
/// trialdata sdtm examples/crlm --out out/sdtm                    # XPT
/// trialdata sdtm examples/crlm --out out/sdtm --format xpt,json,csv --source odm
/// ```
struct SDTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sdtm",
        abstract: "Map a study's EDC export to SDTM datasets with trace files and a mapping log.",
        discussion: """
        STUDY_DIR holds study.yaml (mapping, exports, specs). DIR receives <domain>.xpt|json|csv \
        (lower-case names), trace/<domain>.csv (each row's export file and line, or ODM path) and \
        mapping-log.txt (records in = mapped + rejected per entity, every rejection with its source).
        DIR is replaced as a whole only when everything was written.
        Subjects are bound and mapped in chunks of --chunk-subjects (a progress line per chunk) \
        appended to the open files; the outputs do not depend on the chunk size. Character \
        lengths are the spec's, or the longest values (at most the spec's) with --length minimal.
        Exit codes: 0 every record mapped; 1 some records rejected (outputs written, see the log); \
        65 the export, mapping or specs cannot be read (nothing written).
        """)

    @Argument(help: "Study folder containing study.yaml.")
    var studyDir: String

    @Option(help: "Output folder (replaced atomically).")
    var out: String

    @Option(help: "Comma-separated dataset formats: xpt, json, csv.")
    var format: String = "xpt"

    @Option(help: "Export to bind: csv or odm.")
    var source: String = "csv"

    @Option(help: "Specs folder (default: study.yaml's specs).")
    var specs: String?

    @Option(help: "Character lengths: 'spec' (the spec's) or 'minimal' (the longest value in the study, at most the spec's, as FDA's Technical Conformance Guide asks).")
    var length: String = "spec"

    @Option(help: "Subjects bound and mapped at a time (memory grows with it, not with the study).")
    var chunkSubjects: Int = SDTMStage.defaultSubjectsPerChunk

    func validate() throws {
        _ = try formats()
        guard RunOptions.Source(rawValue: source) != nil else { throw ValidationError("--source must be csv or odm") }
        guard DatasetSpec.LengthPolicy(rawValue: length) != nil else {
            throw ValidationError("--length must be 'minimal' or 'spec', not '\(length)'")
        }
        guard chunkSubjects > 0 else { throw ValidationError("--chunk-subjects must be a positive number of subjects") }
    }

    /// The requested formats, in order, without repeats.
    func formats() throws -> [DatasetFormat] {
        var fs: [DatasetFormat] = []
        for part in format.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = DatasetFormat(rawValue: t), f != .ndjson else {
                throw ValidationError("unknown format '\(t)' in --format (expected xpt, json, csv)")
            }
            if !fs.contains(f) { fs.append(f) }
        }
        guard !fs.isEmpty else { throw ValidationError("--format names no format") }
        return fs
    }

    func run() throws {
        let fs = try formats()
        let src = RunOptions.Source(rawValue: source) ?? .csv
        let lengths = DatasetSpec.LengthPolicy(rawValue: length) ?? .spec
        let input: SDTMStage.Input
        switch Result(catching: { () throws(InputError) -> SDTMStage.Input in
            try SDTMStage.Input(studyDirectory: studyDir, source: src, specsOverride: specs)
        }) {
        case .success(let i): input = i
        case .failure(let e): throw CommandLineFailure.badInput(e)
        }
        let folder: OutputFolder
        switch Result(catching: { () throws(PipelineError) -> OutputFolder in try OutputFolder(final: URL(fileURLWithPath: out)) }) {
        case .success(let f): folder = f
        case .failure(let e):
            CommandLineFailure.printError(e.description)
            throw CommandLineFailure.internalError
        }
        let written: SDTMStage.Written
        switch Result(catching: { () throws(PipelineError) -> SDTMStage.Written in
            try SDTMStage.write(input, to: folder.staging.path, formats: fs, lengths: lengths,
                                subjectsPerChunk: chunkSubjects) { c in
                if c.count > 1 {
                    let rows = c.sdtm.datasets.reduce(0) { $0 + $1.rowCount }
                    CommandLineFailure.printError(String(format: "[chunk %d/%d] %d subjects, %d records, %d SDTM rows (bind %.1f s, map %.1f s)",
                                                         c.index + 1, c.count, c.subjects, c.bindReport.total.read, rows, c.bindSeconds, c.mapSeconds))
                }
            }
        }) {
        case .success(let w): written = w
        case .failure(let e):
            folder.discard()
            throw CommandLineFailure.pipeline(e)
        }
        if case .failure(let e) = Result(catching: { () throws(PipelineError) in try folder.commit() }) {
            folder.discard()
            CommandLineFailure.printError(e.description)
            throw CommandLineFailure.internalError
        }
        for w in written.warnings { CommandLineFailure.printError(w.description) }
        let s = written.summary
        print("SDTM \(s.study): \(s.rowCounts.count) datasets in \(out) (\(fs.map(\.rawValue).joined(separator: ", ")))")
        for d in s.rowCounts { print("  \(d.name.padding(toLength: 8, withPad: " ", startingAt: 0))\(d.rows) rows") }
        let rejected = s.rejectedRecords
        print("rejected records: \(rejected) (binding \(s.bindReport.total.rejected), mapping \(s.rejections.count)); see \(out)/mapping-log.txt")
        if rejected > 0 { throw CommandLineFailure.validationErrors }
    }
}
