import ArgumentParser
import Foundation
import Analysis
import Pipeline
import Reports

/// `trialdata report`: the HTML report (with tables as CSV and plots as SVG) from a
/// `results.json`, or from ADaM datasets and an analysis plan.
///
/// ```
/// trialdata report --results out/results.json --out report/
/// trialdata report --adam out/adam --plan mappings/crlm/analysis.yaml --out report/
/// ```
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the analysis report (HTML, CSV tables, SVG plots) from results.json or ADaM datasets.")

    @Option(help: "A results.json written by `trialdata run` or `trialdata report --adam`.")
    var results: String?

    @Option(help: "Folder with ADSL, ADTTE and optionally ADAE, ADQS (.xpt, .json or .csv).")
    var adam: String?

    @Option(help: "The analysis plan (analysis.yaml); required with --adam.")
    var plan: String?

    @Option(help: "Output folder (report.html, results.json, tables/, figures/).")
    var out: String = "report"

    @Flag(help: "Leave out the confidence bands of the Kaplan-Meier plots.")
    var noBands = false

    func validate() throws {
        if (results == nil) == (adam == nil) { throw ValidationError("give exactly one of --results and --adam") }
        if adam != nil && plan == nil { throw ValidationError("--adam needs --plan") }
    }

    func run() throws {
        let r: Results
        do {
            if let results {
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: results)) } catch {
                    CommandLineFailure.printError("error: \(results): cannot read (\(error.localizedDescription))")
                    throw CommandLineFailure.dataError
                }
                r = try Results.decode(data, file: results)
            } else {
                r = try AnalysisStage.run(adamDirectory: adam!, planPath: plan!)
                try ReportWriter.writeAtomically(try r.jsonData(), to: URL(fileURLWithPath: out).appendingPathComponent("results.json"))
            }
            let files = try ReportWriter.write(r, to: URL(fileURLWithPath: out), bands: !noBands)
            CommandLineFailure.printError("report: wrote \(files.count) files to \(out)/ (report.html)")
        } catch let e as AnalysisError {
            CommandLineFailure.printError("error: \(e.description)")
            throw CommandLineFailure.dataError
        } catch let e as PipelineError {
            throw CommandLineFailure.pipeline(e)
        } catch let e as ReportWriter.WriteError {
            CommandLineFailure.printError("error: \(e.description)")
            throw CommandLineFailure.internalError
        }
    }
}
