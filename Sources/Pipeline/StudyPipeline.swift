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
        func input<T>(_ name: String, _ body: () throws(InputError) -> T) throws(PipelineError) -> T {
            do { return try body() } catch { throw .badInput(stage: name, error) }
        }

        // Configuration: study.yaml, the mapping, the specs and the analysis plan.
        let (studyDir, mapping, specsRoot, specs, planPath, plan, exportPath) = try stage("config") { () throws(PipelineError) in
            let studyDir = try input("study") { () throws(InputError) in try StudyDirectory.load(directory: options.study) }
            let mapping = try input("mapping") { () throws(InputError) in try StudyMapping.load(directory: studyDir.mapping) }
            let specsRoot = studyDir.specsFolder
            let specs = try input("specs") { () throws(InputError) in try SpecLibrary.load(from: specsRoot) }
            let planPath = (studyDir.mapping as NSString).appendingPathComponent("analysis.yaml")
            let plan: AnalysisPlan
            do throws(AnalysisError) { plan = try AnalysisPlan.load(path: planPath) } catch { throw .analysis(error.description) }
            let exportPath: String
            switch options.source {
            case .csv:
                guard let p = studyDir.export.csv else { throw .badInput(stage: "study", InputError(at: .file(options.study + "/study.yaml"), "the study has no CSV export", expected: "export.csv")) }
                exportPath = p
            case .odm:
                guard let p = studyDir.export.odm else { throw .badInput(stage: "study", InputError(at: .file(options.study + "/study.yaml"), "the study has no ODM export", expected: "export.odm")) }
                exportPath = p
            }
            return ((studyDir, mapping, specsRoot, specs, planPath, plan, exportPath), specs.datasets.count,
                    "\(specs.datasets.count) dataset specs, plan \(plan.study)")
        }

        // 1. Import.
        let bound = try stage("import") { () throws(PipelineError) in
            let b = try input("import") { () throws(InputError) in
                options.source == .csv ? try Binder.bind(csvDirectory: exportPath, mapping: mapping)
                                       : try Binder.bind(odmFile: exportPath, mapping: mapping)
            }
            let t = b.report.total
            return (b, t.read, "\(t.bound) bound, \(t.rejected) rejected (\(options.source.rawValue))")
        }
        notes += bound.report.warnings.map(\.description)

        // 2. SDTM.
        guard let dictionary = mapping.codingDictionary else {
            throw .badInput(stage: "sdtm", InputError(at: .file(studyDir.mapping), "the mapping names no AE coding dictionary", expected: "aeDictionary: in import.yaml"))
        }
        let sdtm = try stage("sdtm") { () throws(PipelineError) in
            let r = try input("sdtm") { () throws(InputError) in try SDTMMapper(specs: specs, dictionary: dictionary).map(bound.study) }
            return (r, r.datasets.reduce(0) { $0 + $1.rowCount }, "\(r.datasets.count) datasets, \(r.rejections.count) rejected")
        }
        notes += sdtm.diagnostics.map(\.description)

        // 3. ADaM.
        let adam = try stage("adam") { () throws(PipelineError) in
            let config = try input("adam") { () throws(InputError) in try ADaMConfig.load(mappingDirectory: studyDir.mapping) }
            let byName = Dictionary(sdtm.datasets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let r = try input("adam") { () throws(InputError) in try ADaMDerivation.deriveAll(sdtm: byName, config: config, specs: specs) }
            return (r, r.datasets.reduce(0) { $0 + $1.rowCount }, "ADSL \(r.adsl.rowCount), ADTTE \(r.adtte.rowCount), ADAE \(r.adae.rowCount), ADQS \(r.adqs.rowCount)")
        }
        notes += adam.diagnostics.filter { $0.severity != .note }.map(\.description)

        // 4. Validate.
        let all = sdtm.datasets + adam.datasets
        let report = try stage("validate") { () throws(PipelineError) in
            let settings = try input("validation settings") { () throws(InputError) in try ValidationConfiguration.load(specsFolder: specsRoot) }
            let r = Validator(configuration: settings).validate(datasets: all, specs: specs)
            let c = r.countsBySeverity
            return (r, all.reduce(0) { $0 + $1.rowCount }, "\(c[.error] ?? 0) errors, \(c[.warning] ?? 0) warnings")
        }

        // 5. Analyse.
        var results = try stage("analyse") { () throws(PipelineError) in
            do throws(AnalysisError) {
                let r = try TrialAnalysis.run(plan: plan, adsl: adam.adsl, adtte: adam.adtte, adae: adam.adae, adqs: adam.adqs)
                return (r, adam.adtte.rowCount, "\(r.endpoints.count) endpoints")
            } catch { throw .analysis(error.description) }
        }
        let summary = runSummary(source: options.source, bind: bound.report, sdtm: sdtm, validation: report)

        // 6. Write everything into the staging folder, then swap it in.
        let outURL = URL(fileURLWithPath: options.out).standardizedFileURL
        let folder = try OutputFolder(final: outURL)
        var files: [String] = []
        do {
            files = try stage("write") { () throws(PipelineError) in
                var written: [String] = []
                for (sub, sets) in [("sdtm", sdtm.datasets), ("adam", adam.datasets)] {
                    for ds in sets {
                        for f in options.formats {
                            let rel = "\(sub)/\(ds.name.lowercased()).\(f.rawValue)"
                            let url = folder.staging.appendingPathComponent(rel)
                            try createParent(url)
                            _ = try input("write") { () throws(InputError) in
                                try DatasetFile.write(ds, to: url.path, format: f,
                                                      options: .init(xpt: .init(timestamp: "01JAN70:00:00:00")))
                            }
                            written.append(rel)
                        }
                    }
                }
                for f in [ReportFormat.json, .html, .csv, .text] {
                    let rel = "validation/validation.\(f == .text ? "txt" : f.rawValue)"
                    try writeFile(Data(f.render(report).utf8), folder.staging.appendingPathComponent(rel))
                    written.append(rel)
                }
                try writeFile(rejectionsCSV(bind: bound.report, sdtm: sdtm), folder.staging.appendingPathComponent("rejections.csv"))
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
                return (written, written.count, "\(written.count) files")
            }
            try stage("manifest") { () throws(PipelineError) in
                let manifest = Manifest(tool: ToolVersion.originator, study: options.study, source: options.source.rawValue,
                                        inputs: try inputEntries(studyDir: studyDir, exportPath: exportPath, planPath: planPath, specsRoot: specsRoot),
                                        outputs: try Manifest.entries(under: folder.staging))
                try writeFile(manifest.jsonData(), folder.staging.appendingPathComponent("manifest.json"))
                files.append("manifest.json")
                try folder.commit()
                return ((), manifest.outputs.count + manifest.inputs.count, "SHA-256 of \(manifest.outputs.count) outputs and \(manifest.inputs.count) inputs; swapped into \(options.out)")
            }
        } catch {
            folder.discard()
            throw error
        }
        results.run = summary
        return RunOutcome(stages: stages, results: results, summary: summary, validationErrors: report.hasErrors,
                          files: files, diagnostics: notes)
    }

    /// Reconciliation (bind and SDTM) and validation counts for the report.
    static func runSummary(source: RunOptions.Source, bind: BindReport, sdtm: SDTMResult, validation: ValidationReport) -> RunSummary {
        var rec = bind.counts.map { RunSummary.Reconciliation(source: "import: \($0.entity.rawValue)", recordsIn: $0.count.read,
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
    static func rejectionsCSV(bind: BindReport, sdtm: SDTMResult) -> Data {
        var lines = ["stage,reason"]
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        for r in bind.rejections { lines.append("import,\(q(String(describing: r)))") }
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
