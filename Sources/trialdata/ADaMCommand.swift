import ADaM
import ArgumentParser
import DatasetIO
import Foundation
import TrialCore

/// `trialdata adam SDTM_DIR --out DIR`: derives ADSL, ADTTE, ADAE and ADQS from SDTM datasets
/// (ours or another tool's) as the study's mapping folder declares.
///
/// ```
/// trialdata adam out/sdtm --out out/adam
/// trialdata adam out/sdtm --out out/adam --mapping mappings/crlm --format xpt,json
/// ```
struct ADaMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adam",
        abstract: "Derive ADaM ADSL, ADTTE, ADAE and ADQS from SDTM datasets.",
        discussion: """
        Reads every dataset file in SDTM_DIR (dm.xpt, ae.json, rs.csv, …; when a domain exists \
        in several formats: .xpt, then .json, .ndjson, .csv). The mapping folder declares the \
        SDTM variables used, the event and censoring sources of each time-to-event endpoint \
        (endpoints.yaml), the ADSL covariates (adsl.yaml), visit windows, ADQS and ADAE rules \
        (adam.yaml). Outputs adsl, adtte, adae, adqs in each requested format, conformed to \
        the ADaM specs when --specs holds them; all files are written to a temporary folder \
        first and moved into DIR only when every one is complete.
        Examples:
          trialdata adam out/sdtm --out out/adam
          trialdata adam other-tool-sdtm/ --out adam/ --mapping mappings/crlm --format xpt,csv
        """
    )

    /// Folder with the SDTM dataset files.
    @Argument(help: "Folder with SDTM datasets (.xpt, .json, .ndjson or .csv; one per domain).")
    var sdtmDirectory: String

    /// Output folder.
    @Option(name: .long, help: "Output folder for adsl/adtte/adae/adqs.")
    var out: String

    /// Mapping folder with adsl.yaml, endpoints.yaml and adam.yaml.
    @Option(name: .long, help: "Study mapping folder (adsl.yaml, endpoints.yaml, adam.yaml).")
    var mapping: String = "mappings/crlm"

    /// Specs folder (specs/adam/*.yaml are used).
    @Option(name: .long, help: "Specs folder; outputs are conformed to specs/adam/*.yaml when present.")
    var specs: String = "specs"

    /// Output formats.
    @Option(name: .long, help: "Comma-separated output formats: xpt, json, ndjson, csv.")
    var format: String = "xpt"

    func validate() throws {
        for f in formats where DatasetFormat(rawValue: f) == nil {
            throw ValidationError("--format: unknown format '\(f)' (expected xpt, json, ndjson or csv)")
        }
        if formats.isEmpty { throw ValidationError("--format: give at least one of xpt, json, ndjson, csv") }
    }

    var formats: [String] {
        format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    func run() throws {
        do {
            try execute()
        } catch {
            throw CommandLineFailure.badInput(error)
        }
    }

    /// Reads SDTM, derives ADaM through the library, writes the outputs and prints a summary.
    func execute() throws(InputError) {
        let sdtm = try Self.readSDTM(folder: sdtmDirectory)
        let config = try ADaMConfig.load(mappingDirectory: mapping)
        var library: SpecLibrary? = nil
        if FileManager.default.fileExists(atPath: specs + "/adam") {
            library = try SpecLibrary.load(from: specs)
        } else {
            CommandLineFailure.printError("\(specs): note: no specs/adam folder; datasets are written as derived")
        }
        let result = try ADaMDerivation.deriveAll(sdtm: sdtm, config: config, specs: library)
        for d in result.diagnostics where d.severity != .note { CommandLineFailure.printError(d.description) }
        let written = try Self.write(result.datasets, to: out, formats: formats.compactMap { DatasetFormat(rawValue: $0) })
        for d in result.datasets { print("\(d.name): \(d.rowCount) rows") }
        for path in written { print("wrote \(path)") }
    }

    /// Reads one dataset per domain from `folder`, named by the file's base name (`dm.xpt` → DM).
    static func readSDTM(folder: String) throws(InputError) -> [String: Dataset] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw InputError(at: .file(folder), "cannot read the SDTM folder", expected: "a folder of .xpt/.json/.csv datasets")
        }
        let preference: [DatasetFormat] = [.xpt, .json, .ndjson, .csv]
        var chosen: [String: (String, Int)] = [:]
        for name in names {
            guard let f = DatasetFormat(path: name), let rank = preference.firstIndex(of: f) else { continue }
            let base = String(name[..<name.lastIndex(of: ".")!]).uppercased()
            if base.hasSuffix(".METADATA") || base.isEmpty { continue }
            if let cur = chosen[base], cur.1 <= rank { continue }
            chosen[base] = (folder + "/" + name, rank)
        }
        guard chosen["DM"] != nil else {
            throw InputError(at: .file(folder), "no DM dataset in the SDTM folder", expected: "dm.xpt, dm.json, dm.ndjson or dm.csv")
        }
        var out: [String: Dataset] = [:]
        for (base, (path, _)) in chosen.sorted(by: { $0.key < $1.key }) {
            out[base] = try DatasetFile.read(path: path)
        }
        return out
    }

    /// Writes every dataset in every format into a temporary folder inside `folder`, then
    /// moves the files into place; returns the final paths.
    static func write(_ datasets: [Dataset], to folder: String, formats: [DatasetFormat]) throws(InputError) -> [String] {
        let fm = FileManager.default
        let staging = folder + "/.adam-staging-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw InputError(at: .file(folder), "cannot create the output folder: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: staging) }
        var staged: [String] = []
        for d in datasets {
            for f in formats {
                let name = d.name.lowercased() + "." + f.rawValue
                for w in try DatasetFile.write(d, to: staging + "/" + name, format: f) { CommandLineFailure.printError(w.description) }
                staged.append(name)
                if f == .csv { staged.append(d.name.lowercased() + ".metadata.json") }
            }
        }
        var final: [String] = []
        for name in staged where fm.fileExists(atPath: staging + "/" + name) {
            let target = folder + "/" + name
            try AtomicFile.replace(target, with: staging + "/" + name)
            final.append(target)
        }
        return final
    }
}
