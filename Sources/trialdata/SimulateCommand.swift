import ArgumentParser
import EDCImport
import Foundation
import Simulation
import TrialCore

/// `trialdata simulate`: writes a synthetic CRLM-LOCAL study folder (CSV and/or ODM 1.3.2
/// exports, `study.yaml`) and its `truth.json`.
///
/// ```
/// trialdata simulate --subjects 240 --seed 20260401 --out /tmp/crlm --format both
/// ```
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a synthetic study export (CSV and/or ODM 1.3.2) with study.yaml and truth.json.",
        discussion: """
        Deterministic: the same --subjects and --seed give the same bytes. The exports invert the
        study mapping (--mapping, default mappings/crlm), so `trialdata import OUT` binds them back.
        """)

    @Option(help: "Number of subjects.")
    var subjects: Int = 240

    @Option(help: "Seed of the random streams (unsigned 64-bit).")
    var seed: UInt64 = 20_260_401

    @Option(help: "Output study folder (created if missing).")
    var out: String

    @Option(help: "Exports to write: csv, odm or both.")
    var format: ExportFormat = .both

    @Option(help: "Mapping folder holding import.yaml.")
    var mapping: String = "mappings/crlm"

    func validate() throws {
        guard subjects >= 1 else { throw ValidationError("--subjects must be at least 1") }
    }

    func run() throws {
        let studyMapping: StudyMapping
        do { studyMapping = try StudyMapping.load(directory: mapping) } catch {
            throw CommandLineFailure.badInput(error)
        }
        let study = StudySimulator(config: .crlm(subjects: subjects, seed: seed)).generate()
        do {
            try StudyFolderWriter(mapping: studyMapping, mappingDirectory: mapping).write(study, to: out, format: format)
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
