import ArgumentParser
import Foundation
import DatasetIO
import Pipeline
import TrialCore

/// `trialdata run`: the whole pipeline on a study folder, written atomically to `--out`.
///
/// ```
/// trialdata run                                   # examples/crlm → out/
/// trialdata run examples/crlm --out out --source odm --format xpt,json
/// ```
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Import → SDTM → ADaM → validate → analyse → report, in one atomic output folder.",
        discussion: """
        Writes DIR/sdtm, DIR/adam, DIR/validation, DIR/results.json, DIR/report.html (with tables/ \
        and figures/), DIR/rejections.csv and DIR/manifest.json (SHA-256 of every file). The folder \
        is built beside DIR and swapped in at the end: a failed or killed run leaves the previous \
        DIR untouched. Exit code 1 when validation found errors (outputs written).
        Subjects go through import → SDTM → ADaM → validation in chunks of --chunk-subjects \
        (a progress line per chunk), appended to the open files: memory follows the chunk, not \
        the study, and the outputs do not depend on the chunk size.
        """)

    @Argument(help: "Study folder with study.yaml.")
    var study: String = "examples/crlm"

    @Option(help: "Output folder.")
    var out: String = "out"

    @Option(help: "Export to read: csv or odm.")
    var source: String = "csv"

    @Option(help: "Dataset formats, comma-separated: xpt, json, ndjson, csv.")
    var format: String = "xpt,json,csv"

    @Flag(help: "Leave out the confidence bands of the Kaplan-Meier plots.")
    var noBands = false

    @Option(help: "Character lengths: 'minimal' (longest value in the study, at most the spec's; FDA TCG) or 'spec'.")
    var length: String = "minimal"

    @Option(help: "Subjects imported, mapped, derived and validated at a time (memory grows with it, not with the study).")
    var chunkSubjects: Int = SDTMStage.defaultSubjectsPerChunk

    func run() throws {
        guard let src = RunOptions.Source(rawValue: source.lowercased()) else {
            throw ValidationError("--source: value '\(source)'; expected csv or odm")
        }
        var formats: [DatasetFormat] = []
        for f in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !f.isEmpty {
            guard let d = DatasetFormat(rawValue: f) else { throw ValidationError("--format: value '\(f)'; expected xpt, json, ndjson or csv") }
            formats.append(d)
        }
        if formats.isEmpty { throw ValidationError("--format: at least one format expected") }
        guard let lengths = DatasetSpec.LengthPolicy(rawValue: length) else {
            throw ValidationError("--length: value '\(length)'; expected minimal or spec")
        }
        guard chunkSubjects > 0 else { throw ValidationError("--chunk-subjects: a positive number of subjects expected") }
        let options = RunOptions(study: study, out: out, source: src, formats: formats, bands: !noBands,
                                 lengths: lengths, subjectsPerChunk: chunkSubjects)
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome: RunOutcome
        do {
            outcome = try StudyPipeline.run(options) { CommandLineFailure.printError($0.line) }
        } catch {
            throw CommandLineFailure.pipeline(error)
        }
        for line in RunCommand.grouped(outcome.diagnostics) { CommandLineFailure.printError(line) }
        var recIn = 0, mapped = 0, rejected = 0
        for r in outcome.summary.reconciliation where r.source.hasPrefix("import") {
            recIn += r.recordsIn; mapped += r.mapped; rejected += r.rejected
        }
        CommandLineFailure.printError("reconciliation: \(recIn) records in = \(mapped) mapped + \(rejected) rejected\(recIn == mapped + rejected ? "" : "  (MISMATCH)")")
        let errors = outcome.summary.validation.reduce(0) { $0 + $1.errors }
        let warnings = outcome.summary.validation.reduce(0) { $0 + $1.warnings }
        CommandLineFailure.printError("validation: \(errors) errors, \(warnings) warnings")
        for e in outcome.results.endpoints {
            let hrs = e.hazardRatios.map { "\($0.method) HR \(fmt($0.hr)) (\(fmt($0.lower))–\(fmt($0.upper)))" }.joined(separator: ", ")
            CommandLineFailure.printError("\(e.paramcd): log-rank p \(pValue(e.logRank.p)); \(hrs)")
        }
        // Wall time: stages overlap when the study runs in several chunks.
        let total = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        CommandLineFailure.printError("done: \(outcome.files.count) files in \(out)/ (report.html, results.json, manifest.json) in \(String(format: "%.2f", total)) s")
        if outcome.validationErrors { throw CommandLineFailure.validationErrors }
    }

    /// Diagnostics grouped by message: `LOCATION: note: MESSAGE (value 'V')` lines that share
    /// their severity and message print once, with the count and the first three locations.
    static func grouped(_ diagnostics: [String]) -> [String] {
        var order: [String] = []
        var groups: [String: [String]] = [:]
        for d in diagnostics {
            // Split "LOCATION: SEVERITY: MESSAGE (value ...)" at the severity marker.
            var key = d, location = ""
            for marker in [": note: ", ": warning: ", ": error: "] {
                if let r = d.range(of: marker) {
                    location = String(d[..<r.lowerBound])
                    let rest = String(d[r.lowerBound...].dropFirst(2))
                    key = rest.range(of: " (value ").map { String(rest[..<$0.lowerBound]) } ?? rest
                    break
                }
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(location)
        }
        return order.map { key in
            let locations = groups[key] ?? []
            if locations.count == 1 { return locations[0].isEmpty ? key : "\(locations[0]): \(key)" }
            let shown = locations.prefix(3).joined(separator: ", ")
            return "\(key) — \(locations.count) records (\(shown)\(locations.count > 3 ? ", …" : ""))"
        }
    }

    /// `= 0.0056`, or `< 0.0001` for smaller p-values (never a misleading `= 0.0000`).
    func pValue(_ p: Double?) -> String {
        guard let p else { return "= NA" }
        return p < 0.0001 ? "< 0.0001" : "= " + String(format: "%.4f", p)
    }

    func fmt(_ x: Double?, _ d: Int = 2) -> String { x.map { String(format: "%.\(d)f", $0) } ?? "NA" }
}

extension CommandLineFailure {
    /// Prints a pipeline error and returns its exit code (65 bad input, 70 output failure).
    static func pipeline(_ error: PipelineError) -> ExitCode {
        switch error {
        case .badInput(let stage, let e):
            for d in e.diagnostics { printError("\(stage): \(d.description)") }
            return dataError
        case .analysis(let m):
            printError("error: analysis: \(m)")
            return dataError
        case .output:
            printError("error: \(error.description)")
            return internalError
        }
    }
}
