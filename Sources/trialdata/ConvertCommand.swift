import ArgumentParser
import DatasetIO
import EDCImport
import TrialCore

/// `trialdata convert IN OUT`: converts a dataset between SAS XPORT v5, Dataset-JSON v1.1
/// (JSON or NDJSON) and CSV, choosing each format by its file extension; an ODM 1.3.2 `.xml`
/// input is flattened to one CSV per ItemGroupOID in the output folder.
///
/// ```
/// trialdata convert adtte.xpt adtte.json
/// trialdata convert dm.csv dm.xpt --spec specs/sdtm/DM.yaml --length minimal
/// trialdata convert study.xml flat/
/// ```
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a dataset between .xpt, .json (Dataset-JSON v1.1), .ndjson and .csv, or flatten ODM .xml to CSVs.",
        discussion: """
        Formats are chosen by extension. An ODM 1.3.2 .xml input is flattened into OUT (a \
        folder): one <ItemGroupOID>.csv per item group, one row per ItemGroupData, with the \
        key columns SubjectKey, StudyEventOID, StudyEventRepeatKey, FormOID, FormRepeatKey, \
        ItemGroupRepeatKey, then the group's ItemOIDs. A .csv is written with a <base>.metadata.json \
        side-file holding labels, types, lengths and formats (read back automatically).
        With --spec the dataset takes the spec's variable order, labels, types, lengths and \
        formats; --length minimal shrinks character lengths to the longest value.
        An .xpt with several members converts to another .xpt only.
        Examples:
          trialdata convert adtte.xpt adtte.json
          trialdata convert adtte.json adtte.ndjson
          trialdata convert dm.csv dm.xpt --spec specs/sdtm/DM.yaml --length minimal
          trialdata convert study.xml flat/
        """
    )

    /// Input dataset file (.xpt, .json, .ndjson, .csv).
    @Argument(help: "Input file: .xpt, .json, .ndjson, .csv, or an ODM .xml.")
    var input: String

    /// Output dataset file (.xpt, .json, .ndjson, .csv).
    @Argument(help: "Output file: .xpt, .json, .ndjson or .csv (a folder for ODM input).")
    var output: String

    /// Dataset spec YAML to conform to.
    @Option(help: "Dataset spec (YAML) giving variable order, labels, types, lengths, formats.")
    var spec: String?

    /// Character length policy.
    @Option(help: "Character lengths: 'spec' (the spec's, default) or 'minimal' (longest value).")
    var length: String = "spec"

    func validate() throws {
        guard DatasetSpec.LengthPolicy(rawValue: length) != nil else {
            throw ValidationError("--length must be 'spec' or 'minimal', not '\(length)'")
        }
    }

    /// Flattens the ODM input into the output folder and prints what was written.
    func flattenODM() throws(InputError) {
        let report = try ODMFlattener.flatten(odmFile: input, outputDirectory: output)
        for d in report.diagnostics { CommandLineFailure.printError(d.description) }
        if report.suppressedDiagnostics > 0 {
            CommandLineFailure.printError("\(input): warning: \(report.suppressedDiagnostics) more warnings not shown")
        }
        for f in report.files { print("\(f.path): \(f.rows) rows, \(f.columns.count) columns (\(f.itemGroupOID))") }
        print("\(report.subjects) subjects, \(report.files.count) item groups")
    }

    func run() throws {
        // ODM input: `convert STUDY.xml OUTDIR/` flattens it with EDCImport's ODMFlattener.
        if input.lowercased().hasSuffix(".xml") {
            guard spec == nil, DatasetFormat(path: output) == nil else {
                CommandLineFailure.printError("\(output): error: ODM input is flattened into a folder of CSV files; give a folder (and no --spec)")
                throw ExitCode(64)
            }
            do {
                try flattenODM()
            } catch {
                throw CommandLineFailure.badInput(error)
            }
            return
        }
        do {
            let policy = DatasetSpec.LengthPolicy(rawValue: length) ?? .spec
            let outFormat = try DatasetFile.format(of: output)
            let members = try DatasetFile.readAll(path: input)
            let specification = try spec.map { (file) throws(InputError) in try SpecLibrary.loadDatasetSpec(file: file) }
            let options = DatasetFile.WriteOptions(spec: specification, lengths: policy)
            var warnings: [Diagnostic] = []
            if members.count > 1 {
                guard outFormat == .xpt, specification == nil else {
                    CommandLineFailure.printError("\(input): error: file holds \(members.count) datasets (\(members.map(\.name).joined(separator: ", "))); only an .xpt output (without --spec) can hold several")
                    throw ExitCode(64)
                }
                let prepared = try members.map { (m) throws(InputError) in try DatasetFile.prepare(m, options: options).0 }
                try XPTWriter.write(prepared, to: output)
            } else {
                warnings = try DatasetFile.write(members[0], to: output, format: outFormat, options: options)
            }
            for w in warnings { CommandLineFailure.printError(w.description) }
        } catch let e as InputError {
            throw CommandLineFailure.badInput(e)
        }
    }
}
