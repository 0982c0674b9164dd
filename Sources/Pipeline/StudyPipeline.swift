import Foundation
import TrialCore
import DatasetIO
import StudyModel
import EDCImport
import SDTM
import ADaM
import Validation
import Analysis
import Reports

/// `trialdata run`: import → SDTM → ADaM → validate → analyse → report, written atomically.
///
/// Everything is built in a staging folder beside `out` and swapped in at the end, so a failed
/// or killed run leaves the previous outputs complete. Layout: `sdtm/`, `adam/`, `validation/`,
/// `results.json`, `report.html` (+ `tables/`, `figures/`), `rejections.csv`, `manifest.json`.
/// Example:
/// ```swift
/// let outcome = try StudyPipeline.run(RunOptions(study: "examples/crlm")) { FileHandle.standardError.write(…$0.line…) }
/// ```
public enum StudyPipeline {
    /// Runs every stage; `progress` is called after each one.
    public static func run(_ options: RunOptions, progress: (StageReport) -> Void = { _ in }) throws(PipelineError) -> RunOutcome {
        var stages: [StageReport] = []
        var notes: [String] = []
        func stage<T>(_ name: String, _ body: () throws(PipelineError) -> (T, Int, String)) throws(PipelineError) -> T {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let (value, records, detail) = try body()
            let r = StageReport(stage: name, records: records, seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, detail: detail)
            stages.append(r)
            progress(r)
            return value
        }
        func record(_ r: StageReport) {
            stages.append(r)
            progress(r)
        }
        func input<T>(_ name: String, _ body: () throws(InputError) -> T) throws(PipelineError) -> T {
            do { return try body() } catch { throw .badInput(stage: name, error) }
        }

        // Configuration: study.yaml, the mapping, the specs, the ADaM config, the validation
        // settings and the analysis plan — everything that can be wrong before any data is read.
        let (sdtmInput, adamConfig, validator, planPath, plan) = try stage("config") { () throws(PipelineError) in
            let sdtmInput = try input("study") { () throws(InputError) in try SDTMStage.Input(studyDirectory: options.study, source: options.source) }
            let adamConfig = try input("adam") { () throws(InputError) in try ADaMConfig.load(mappingDirectory: sdtmInput.directory.mapping) }
            let settings = try input("validation settings") { () throws(InputError) in
                try ValidationConfiguration.load(specsFolder: sdtmInput.specsRoot)
            }
            let planPath = (sdtmInput.directory.mapping as NSString).appendingPathComponent("analysis.yaml")
            let plan: AnalysisPlan
            do throws(AnalysisError) { plan = try AnalysisPlan.load(path: planPath) } catch { throw .analysis(error.description) }
            return ((sdtmInput, adamConfig, Validator(configuration: settings), planPath, plan), sdtmInput.specs.datasets.count,
                    "\(sdtmInput.specs.datasets.count) dataset specs, plan \(plan.study)")
        }
        let specs = sdtmInput.specs

        let outURL = URL(fileURLWithPath: options.out).standardizedFileURL
        let folder = try OutputFolder(final: outURL)
        var files: [String] = []
        do throws(PipelineError) {
            // 1–4. Import → SDTM → ADaM → validate, a chunk of whole subjects at a time: each
            // chunk's rows are appended to the open dataset files, validated, and what the
            // analyses need is kept (ADSL, ADTTE, ADAE rows; QLQ-C30 values), so memory follows
            // the chunk size, not the study size.
            let writeOptions = DatasetFile.WriteOptions(xpt: .init(timestamp: "01JAN70:00:00:00"),
                                                        json: DatasetJSONInfo(studyOID: sdtmInput.mapping.study))
            let sdtmFiles = DatasetFolderWriter(folder: folder.staging.appendingPathComponent("sdtm").path, formats: options.formats,
                                                lengths: options.lengths, options: writeOptions)
            let adamFiles = DatasetFolderWriter(folder: folder.staging.appendingPathComponent("adam").path, formats: options.formats,
                                                lengths: options.lengths, options: writeOptions)
            let accumulator = RunAccumulator(sdtmFiles: sdtmFiles, adamFiles: adamFiles,
                                             validation: ChunkedValidation(validator: validator, specs: specs), plan: plan)
            var derivation = ChunkedADaMDerivation(config: adamConfig, specs: specs)
            var adamSeconds = 0.0
            func clock() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
            func since(_ t: UInt64) -> Double { Double(clock() &- t) / 1e9 }
            let sdtm: SDTMSummary
            do throws(PipelineError) {
              sdtm = try SDTMStage.run(sdtmInput, subjectsPerChunk: options.subjectsPerChunk) { chunk throws(PipelineError) in
                let t = clock()
                let byName = Dictionary(chunk.sdtm.datasets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                let adam = try input("adam") { () throws(InputError) in try derivation.derive(sdtm: byName) }
                adamSeconds += since(t)
                // Validation and writing of this chunk overlap the binding of the next.
                try accumulator.submit(sdtm: chunk.sdtm, adam: adam)
                if chunk.count > 1 {
                    let rows = chunk.sdtm.datasets.reduce(0) { $0 + $1.rowCount }
                    progress(StageReport(stage: "chunk \(chunk.index + 1)/\(chunk.count)", records: chunk.bindReport.total.read,
                                         seconds: chunk.bindSeconds + chunk.mapSeconds + since(t),
                                         detail: "\(chunk.subjects) subjects, \(rows) SDTM rows, \(adam.adqs.rowCount) ADQS rows"))
                }
              }
            } catch {
                // Let the queued chunk finish before the staging folder is discarded.
                try? accumulator.wait()
                throw error
            }
            try accumulator.wait()
            let sdtmRows = accumulator.sdtmRows, adamRows = accumulator.adamRows, adamCounts = accumulator.adamCounts
            notes += sdtm.bindWarnings.map(\.description)
            notes += sdtm.diagnostics.map(\.description)
            notes += derivation.finish().diagnostics.filter { $0.severity != .note }.map(\.description)
            let bind = sdtm.bindReport.total
            record(StageReport(stage: "import", records: bind.read, seconds: sdtm.bindSeconds,
                               detail: "\(bind.bound) bound, \(bind.rejected) rejected (\(options.source.rawValue))"
                                   + (sdtm.chunks > 1 ? ", \(sdtm.chunks) chunks of ≤ \(options.subjectsPerChunk) subjects" : "")))
            record(StageReport(stage: "sdtm", records: sdtmRows, seconds: sdtm.mapSeconds,
                               detail: "\(sdtm.rowCounts.count) datasets, \(sdtm.rejections.count) rejected"))
            record(StageReport(stage: "adam", records: adamRows, seconds: adamSeconds,
                               detail: "ADSL \(adamCounts[0]), ADTTE \(adamCounts[1]), ADAE \(adamCounts[2]), ADQS \(adamCounts[3])"))
            let t = clock()
            let report = accumulator.validation.finish()
            let counts = report.countsBySeverity
            record(StageReport(stage: "validate", records: sdtmRows + adamRows, seconds: accumulator.validateSeconds + since(t),
                               detail: "\(counts[.error] ?? 0) errors, \(counts[.warning] ?? 0) warnings"))

            // 5. Analyse.
            var results = try stage("analyse") { () throws(PipelineError) in
                do throws(AnalysisError) {
                    let r = try TrialAnalysis.run(plan: plan, adsl: accumulator.adsl, adtte: accumulator.adtte, adae: accumulator.adae,
                                                  qualityOfLife: accumulator.qualityOfLife)
                    return (r, accumulator.adtte.rowCount, "\(r.endpoints.count) endpoints")
                } catch { throw .analysis(error.description) }
            }
            let summary = runSummary(source: options.source, sdtm: sdtm, validation: report)

            // 6. Complete the dataset files and write the rest into the staging folder, then swap it in.
            files = try stage("write") { () throws(PipelineError) in
                var written: [String] = []
                for (sub, w) in [("sdtm", sdtmFiles), ("adam", adamFiles)] {
                    written += try input("write") { () throws(InputError) in try w.finish().files }.map { "\(sub)/\($0)" }
                }
                for f in [ReportFormat.json, .html, .csv, .text] {
                    let rel = "validation/validation.\(f == .text ? "txt" : f.rawValue)"
                    try writeFile(Data(f.render(report).utf8), folder.staging.appendingPathComponent(rel))
                    written.append(rel)
                }
                try writeFile(rejectionsCSV(sdtm), folder.staging.appendingPathComponent("rejections.csv"))
                written.append("rejections.csv")
                // results.json holds the statistics only (identical for CSV and ODM sources); the
                // report also shows the run's reconciliation and validation.
                do { try writeFile(try results.jsonData(), folder.staging.appendingPathComponent("results.json")) }
                catch let e as PipelineError { throw e } catch { throw .analysis("\(error)") }
                written.append("results.json")
                var withRun = results
                withRun.run = summary
                do throws(ReportWriter.WriteError) { written += try ReportWriter.write(withRun, to: folder.staging, bands: options.bands) }
                catch { throw .output(path: error.path, reason: error.reason) }
                return (written, written.count, String(format: "%d files (+ %.2f s appending rows during the chunks)", written.count, accumulator.writeSeconds))
            }
            try stage("manifest") { () throws(PipelineError) in
                let manifest = Manifest(tool: ToolVersion.originator, study: options.study, source: options.source.rawValue,
                                        inputs: try inputEntries(studyDir: sdtmInput.directory, exportPath: sdtmInput.exportPath,
                                                                 planPath: planPath, specsRoot: sdtmInput.specsRoot),
                                        outputs: try Manifest.entries(under: folder.staging))
                try writeFile(manifest.jsonData(), folder.staging.appendingPathComponent("manifest.json"))
                files.append("manifest.json")
                try folder.commit()
                return ((), manifest.outputs.count + manifest.inputs.count, "SHA-256 of \(manifest.outputs.count) outputs and \(manifest.inputs.count) inputs; swapped into \(options.out)")
            }
            results.run = summary
            return RunOutcome(stages: stages, results: results, summary: summary, validationErrors: report.hasErrors,
                              files: files, diagnostics: notes)
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Reconciliation (bind and SDTM) and validation counts for the report.
    static func runSummary(source: RunOptions.Source, sdtm: SDTMSummary, validation: ValidationReport) -> RunSummary {
        var rec = sdtm.bindCounts.map { RunSummary.Reconciliation(source: "import: \($0.entity.rawValue)", recordsIn: $0.count.read,
                                                               mapped: $0.count.bound, rejected: $0.count.rejected) }
        rec += sdtm.reconciliation.map { RunSummary.Reconciliation(source: "sdtm: \($0.entity)", recordsIn: $0.records,
                                                                    mapped: $0.mapped, rejected: $0.rejected) }
        let val = validation.datasets.map { d in
            RunSummary.Validation(dataset: d.name, records: d.rows,
                                  errors: validation.findings.filter { $0.dataset == d.name && $0.severity == .error }.count,
                                  warnings: validation.findings.filter { $0.dataset == d.name && $0.severity == .warning }.count,
                                  notes: validation.findings.filter { $0.dataset == d.name && $0.severity < .warning }.count)
        }
        var byRule: [String: (Int, String)] = [:]
        for f in validation.findings { byRule[f.ruleID, default: (0, f.message)].0 += 1 }
        let top = byRule.sorted { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }.prefix(10)
            .map { "\($0.key) (\($0.value.0)×): \($0.value.1)" }
        return RunSummary(source: source.rawValue, reconciliation: rec, validation: val, topFindings: Array(top))
    }

    /// Every rejected record with its reason, as CSV.
    static func rejectionsCSV(_ sdtm: SDTMSummary) -> Data {
        var lines = ["stage,reason"]
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for r in sdtm.bindRejections { lines.append("import,\(q(String(describing: r)))") }
        for r in sdtm.rejections { lines.append("sdtm,\(q(String(describing: r)))") }
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Hashes of the export, the mapping folder, the plan and the specs.
    static func inputEntries(studyDir: StudyDirectory, exportPath: String, planPath: String, specsRoot: String) throws(PipelineError) -> [Manifest.Entry] {
        var out: [Manifest.Entry] = []
        var isDir: ObjCBool = false
        for (label, path) in [("export", exportPath), ("mapping", studyDir.mapping), ("specs", specsRoot)] {
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                out += try Manifest.entries(under: URL(fileURLWithPath: path)).map { Manifest.Entry(path: "\(label)/\($0.path)", bytes: $0.bytes, sha256: $0.sha256) }
            } else {
                out.append(try Manifest.entry(URL(fileURLWithPath: path), path: "\(label)/\((path as NSString).lastPathComponent)"))
            }
        }
        return out
    }

    static func createParent(_ url: URL) throws(PipelineError) {
        do { try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) }
        catch { throw .output(path: url.path, reason: error.localizedDescription) }
    }

    static func writeFile(_ data: Data, _ url: URL) throws(PipelineError) {
        try createParent(url)
        do { try data.write(to: url) } catch { throw .output(path: url.path, reason: error.localizedDescription) }
    }
}
