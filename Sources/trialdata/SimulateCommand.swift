import ArgumentParser
import Foundation
import Simulation

/// `trialdata simulate`: writes a synthetic CRLM-LOCAL study export and its `truth.json`.
///
/// ```
/// trialdata simulate --subjects 240 --seed 20260401 --out /tmp/crlm --format both
/// ```
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a synthetic study export (CSV and/or ODM 1.3.2) and truth.json.",
        discussion: "Deterministic: the same --subjects and --seed give the same bytes.")

    @Option(help: "Number of subjects.")
    var subjects: Int = 240

    @Option(help: "Seed of the random streams (unsigned 64-bit).")
    var seed: UInt64 = 20_260_401

    @Option(help: "Output folder (created if missing).")
    var out: String

    func validate() throws {
        guard subjects >= 1 else { throw ValidationError("--subjects must be at least 1") }
    }

    func run() throws {
        let study = StudySimulator(config: .crlm(subjects: subjects, seed: seed)).generate()
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            CommandLineFailure.printError("\(out): cannot create folder: \(error)")
            throw CommandLineFailure.internalError
        }
        do {
            try AtomicFileWriter.write(study.truth.jsonData(), to: (out as NSString).appendingPathComponent("truth.json"))
        } catch {
            CommandLineFailure.printError(error.description)
            throw CommandLineFailure.internalError
        }
        let s = study.truth.sample
        print("simulated \(subjects) subjects (Group I \(s.groupI), Group II \(s.groupII)); deaths \(s.deaths); naive OS HR \(String(format: "%.3f", s.naiveOSHazardRatio)), true marginal OS HR \(String(format: "%.3f", study.truth.marginal.osHazardRatio))")
    }
}
