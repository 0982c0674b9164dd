import ArgumentParser
import Foundation
import TrialCore
import DatasetIO
import Analysis
import Reports

/// `trialdata balance`: propensity-score weights for a two-group comparison and the covariate
/// balance they achieve.
///
/// ```
/// trialdata balance --input out/adam/adsl.xpt --group TRT01P --reference "GROUP II" \
///     --covariates AGE,ECOGBL,EHSITEN,RASSTAT --factor ECOGBL --stabilize --trim 0.01 --out weights.csv
/// ```
struct BalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Propensity-score weights (IPTW/ATT/overlap) and standardized mean differences before/after.",
        discussion: """
        Fits logit P(group ≠ reference) on the covariates (R's glm, complete cases), writes one row \
        per subject (subject, group, PS, WEIGHT, USEDFL) to --out, and prints the balance table. \
        Character covariates are factors; numeric ones are linear unless listed in --factor.
        """)

    @Option(help: "Subject-level dataset (.xpt, .json, .csv), e.g. ADSL.")
    var input: String

    @Option(help: "Two-level group variable.")
    var group: String = "TRT01P"

    @Option(help: "Reference (control) level; default the first level in byte order, as R's factor.")
    var reference: String?

    @Option(help: "Subject identifier variable.")
    var subject: String = "USUBJID"

    @Option(help: "Comma-separated covariates of the propensity model.")
    var covariates: String

    @Option(help: "Comma-separated numeric covariates to treat as factors.")
    var factor: String = ""

    @Option(help: "ate, att or overlap.")
    var estimand: String = "ate"

    @Flag(help: "Stabilized weights (ATE only).")
    var stabilize = false

    @Option(help: "Exclude subjects with a score outside [a, 1 − a].")
    var trim: Double?

    @Option(help: "Cap the weights at their q and 1 − q quantiles.")
    var truncate: Double?

    @Option(help: "Weights file (.csv, .xpt or .json).")
    var out: String

    func run() throws {
        guard let est = Estimand(rawValue: estimand.lowercased()) else {
            throw ValidationError("--estimand: value '\(estimand)'; expected ate, att or overlap")
        }
        let names = covariates.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.isEmpty { throw ValidationError("--covariates: at least one covariate expected") }
        let factors = Set(factor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        do {
            let ds = try DatasetFile.read(path: input)
            let specs = try SubjectWeights.covariates(in: ds, names: names, factors: factors)
            let w = try SubjectWeights(adsl: ds, subject: subject, group: group, reference: reference, covariates: specs,
                                       options: WeightOptions(estimand: est, stabilize: stabilize, trim: trim, truncate: truncate))
            try DatasetFile.write(w.dataset, to: out, options: .init(csvMetadata: false))
            let r = w.result
            print(ReportTables.propensityModel(r).text)
            print(ReportTables.balance(r).text)
            if r.separation { CommandLineFailure.printError("warning: fitted probabilities numerically 0 or 1 (separation)") }
            if !r.converged { CommandLineFailure.printError("warning: the propensity model did not converge") }
            CommandLineFailure.printError("balance: \(r.n) subjects used, \(r.trimmed) trimmed; weights written to \(out)")
        } catch let e as InputError {
            throw CommandLineFailure.badInput(e)
        } catch let e as AnalysisError {
            CommandLineFailure.printError("error: \(input): \(e.description)")
            throw CommandLineFailure.dataError
        }
    }
}
