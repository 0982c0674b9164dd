import ArgumentParser
import EDCImport
import Foundation
import Simulation
import TrialCore

/// `trialdata simulate`: writes a synthetic CRLM-LOCAL study folder (CSV and/or ODM 1.3.2
/// exports, `study.yaml`) and its `truth.json`.
///
/// ```
/// trialdata simulate --subjects 240 --seed 2 --out /tmp/crlm --format both
/// ```
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a synthetic study export (CSV and/or ODM 1.3.2) with study.yaml and truth.json.",
        discussion: """
        Deterministic: the same --subjects and --seed give the same bytes. The exports invert the \
        study mapping (--mapping, default mappings/crlm), so `trialdata import OUT` binds them back.
        """)

    @Option(help: "Number of subjects.")
    var subjects: Int = ExampleStudy.subjects

    @Option(help: "Seed of the random streams (unsigned 64-bit).")
    var seed: UInt64 = ExampleStudy.seed

    @Option(help: "Output study folder (created if missing).")
    var out: String

    @Option(help: "Exports to write: csv, odm or both.")
    var format: ExportFormat = .both

    @Option(help: "Mapping folder holding import.yaml.")
    var mapping: String = "mappings/crlm"

    @Flag(help: "Seed the faults of a real export (unknown code, impossible date, orphan AE, duplicate, unbalanced quote, unknown ItemOID, death before inclusion) and write expected-rejections.json; needs --format both.")
    var dirty = false

    func validate() throws {
        guard subjects >= 1 else { throw ValidationError("--subjects must be at least 1") }
        guard !dirty || format == .both else { throw ValidationError("--dirty needs --format both") }
    }

    func run() throws {
        let studyMapping: StudyMapping
        do { studyMapping = try StudyMapping.load(directory: mapping) } catch {
            throw CommandLineFailure.badInput(error)
        }
        let study = StudySimulator(config: .crlm(subjects: subjects, seed: seed)).generate()
        do {
            try StudyFolderWriter(mapping: studyMapping, mappingDirectory: mapping).write(study, to: out, format: format)
            if dirty {
                let expected = try DirtyStudyWriter(mapping: studyMapping).seed(study.data, in: out)
                print("seeded \(expected.csv.faults.count) CSV and \(expected.odm.faults.count) ODM faults (expected-rejections.json)")
            }
        } catch {
            CommandLineFailure.printError(error.description)
            throw CommandLineFailure.internalError
        }
        let s = study.truth.sample
        print("simulated \(subjects) subjects into \(out): Group I \(s.groupI), Group II \(s.groupII); deaths \(s.deaths); "
              + "naive OS HR \(String(format: "%.3f", s.naiveOSHazardRatio)), true marginal OS HR "
              + "\(String(format: "%.3f", study.truth.marginal.osHazardRatio)) (conditional \(String(format: "%.3f", study.truth.marginal.conditionalOSHazardRatio)))")
    }
}

extension ExportFormat: ExpressibleByArgument {}
