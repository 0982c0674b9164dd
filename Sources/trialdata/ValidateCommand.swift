import ArgumentParser
import DatasetIO
import Foundation
import TrialCore
import Validation

/// `trialdata validate`: checks SDTM/ADaM datasets against the specs and the conformance
/// rules (docs/VALIDATION-RULES.md) and prints or writes a report.
///
/// ```
/// trialdata validate out/sdtm out/adam --specs specs
/// trialdata validate dm.xpt ae.xpt --format html --out validation.html
/// ```
/// Exit codes: 0 no errors (warnings/notices allowed); 1 errors found (report written);
/// 64 usage; 65 unreadable input or specs (nothing written).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate SDTM/ADaM datasets (.xpt, .json, .ndjson, .csv) against specs and conformance rules.",
        discussion: """
        A folder argument means every dataset file directly in it; when one dataset exists in \
        several formats (dm.xpt and dm.json) the first of xpt, json, ndjson, csv is used. \
        The report lists rules run, findings by severity, then each rule's findings with how \
        to fix them. Exit code 1 when any error is found.
        """
    )

    @Argument(help: "Dataset files or folders of dataset files.")
    var inputs: [String]

    @Option(help: "Specs folder (sdtm/, adam/, ct/).")
    var specs: String = "specs"

    @Option(help: "Report format: text, json, html or csv.")
    var format: String = "text"

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var out: String?

    @Option(help: "Validation settings YAML (default: SPECS/validation.yaml when present).")
    var config: String?

    @Option(help: "Run only these rule ids (comma-separated, e.g. TD0301,TD0403).")
    var rules: String?

    @Option(help: "Skip these rule ids (comma-separated).")
    var skip: String?

    @Option(help: "Text encoding of XPT/CSV inputs: utf8, latin1 or windows1252 (SAS WLATIN1).")
    var encoding: String = "utf8"

    @Option(help: "Findings listed per rule in the text report.")
    var occurrences: Int = 5

    @Flag(help: "Show per-rule timings (makes the report differ from run to run).")
    var timings = false

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be text, json, html or csv, not '\(format)'")
        }
        guard CSVOptions.Encoding(rawValue: encoding) != nil else {
            throw ValidationError("--encoding must be utf8, latin1 or windows1252, not '\(encoding)'")
        }
        guard occurrences >= 0 else { throw ValidationError("--occurrences must be ≥ 0") }
        let known = Set(RuleSet.standard.rules.map(\.id))
        for id in ruleIDs(rules) + ruleIDs(skip) where !known.contains(id) {
            throw ValidationError("unknown rule id '\(id)' (rule ids: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func run() throws {
        let reportFormat = ReportFormat(rawValue: format) ?? .text
        let report: ValidationReport
        do { report = try makeReport() } catch { throw CommandLineFailure.badInput(error) }
        let text = reportFormat.render(report, options: ReportOptions(occurrencesPerRule: occurrences, includeTimings: timings))
        if let out {
            do { try ValidateCommand.writeAtomically(text, to: out) } catch {
                CommandLineFailure.printError("error: \(out): cannot write the report: \(error.localizedDescription)")
                throw CommandLineFailure.internalError
            }
            let c = report.countsBySeverity
            CommandLineFailure.printError("validate: \(report.datasets.count) dataset(s), \(report.executedRuleCount)/\(report.rules.count) rules executed: \(c[.error] ?? 0) errors, \(c[.warning] ?? 0) warnings, \(c[.notice] ?? 0) notices → \(out)")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if report.hasErrors { throw CommandLineFailure.validationErrors }
    }

    /// Loads specs, settings and datasets and validates them.
    func makeReport() throws(InputError) -> ValidationReport {
        let library = try SpecLibrary.load(from: specs)
        let settings: ValidationConfiguration
        if let config { settings = try ValidationConfiguration.load(file: config) } else {
            settings = try ValidationConfiguration.load(specsFolder: specs)
        }
        var ruleSet = RuleSet.standard
        if rules != nil { ruleSet = ruleSet.only(Set(ruleIDs(rules))) }
        ruleSet = ruleSet.excluding(Set(ruleIDs(skip)))
        let (datasets, notes) = try ValidateCommand.readDatasets(inputs, encoding: CSVOptions.Encoding(rawValue: encoding) ?? .utf8)
        for n in notes { CommandLineFailure.printError(n) }
        return Validator(rules: ruleSet, configuration: settings).validate(datasets: datasets, specs: library)
    }

    /// Rule ids from a comma-separated option.
    func ruleIDs(_ option: String?) -> [String] {
        (option ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }

    /// Dataset file extensions in order of preference when one dataset has several files.
    static let extensions = ["xpt", "json", "ndjson", "csv"]

    /// Reads every dataset of `inputs` (files, or folders of dataset files); returns the
    /// datasets and notes on files skipped in favour of another format of the same dataset.
    static func readDatasets(_ inputs: [String], encoding: CSVOptions.Encoding) throws(InputError) -> ([Dataset], [String]) {
        var files: [String] = []
        var notes: [String] = []
        let fm = FileManager.default
        for input in inputs {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: input, isDirectory: &isDir) else {
                throw InputError(at: .file(input), "no such file or folder", expected: "a dataset file or a folder of them")
            }
            guard isDir.boolValue else { files.append(input); continue }
            let names = (try? fm.contentsOfDirectory(atPath: input)) ?? []
            var byStem: [String: [String]] = [:]
            var ignored: [String] = []
            for n in names {
                let ext = (n as NSString).pathExtension.lowercased()
                guard extensions.contains(ext), !n.lowercased().hasSuffix(".metadata.json") else { continue }
                byStem[((n as NSString).deletingPathExtension).lowercased(), default: []].append(n)
            }
            for stem in byStem.keys.sorted() {
                let choices = (byStem[stem] ?? []).sorted {
                    (extensions.firstIndex(of: ($0 as NSString).pathExtension.lowercased()) ?? 9)
                        < (extensions.firstIndex(of: ($1 as NSString).pathExtension.lowercased()) ?? 9)
                }
                guard let pick = choices.first else { continue }
                files.append(input + "/" + pick)
                ignored.append(contentsOf: choices.dropFirst())
            }
            if !ignored.isEmpty {
                notes.append("note: \(input): datasets present in several formats were read once (preferring \(extensions.joined(separator: " > "))); ignored: \(ignored.joined(separator: ", "))")
            }
        }
        if files.isEmpty {
            throw InputError(at: .file(inputs.joined(separator: " ")), "no dataset files found",
                             expected: "files ending in .xpt, .json, .ndjson or .csv")
        }
        var datasets: [Dataset] = []
        var seen: [String: String] = [:]
        for f in files {
            for ds in try DatasetReading.readAll(path: f, encoding: encoding) {
                let key = ds.name.uppercased()
                if let other = seen[key] {
                    throw InputError(at: .file(f), "dataset \(key) is also read from \(other)",
                                     expected: "each dataset once")
                }
                seen[key] = f
                datasets.append(ds)
            }
        }
        return (datasets, notes)
    }

    /// Writes `text` to a temporary file next to `path` and renames it into place.
    static func writeAtomically(_ text: String, to path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: path)
    }
}

/// Reads dataset files through DatasetIO's façade; XPT goes straight to `XPTReader` so that
/// `--encoding` applies to SAS files written in WLATIN1.
enum DatasetReading {
    /// Every dataset in `path`.
    static func readAll(path: String, encoding: CSVOptions.Encoding) throws(InputError) -> [Dataset] {
        let format = try DatasetFile.format(of: path)
        if format == .xpt { return try XPTReader.read(path: path, options: XPTReader.Options(encoding: encoding)) }
        return try DatasetFile.readAll(path: path, format: format)
    }
}
