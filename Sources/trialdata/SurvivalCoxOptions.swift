import ArgumentParser
import Foundation
import Survival

/// Model options shared by `survival cox` and `survival zph`.
struct SurvivalCoxOptions: ParsableArguments {
    @Option(help: "Covariates, comma-separated. Character columns are factors (treatment contrasts, first level as reference).")
    var covariates: String

    @Option(name: .customLong("factor"), help: "Treat these numeric covariates as factors (repeatable or comma-separated).")
    var factors: [String] = []

    @Option(help: "Stratification variable(s), comma-separated: separate baseline hazards.")
    var strata: String?

    @Option(help: "Tie handling: efron (R default), breslow (SAS default), exact (discrete).")
    var ties: CoxTies = .efron

    @Option(help: "Case-weight variable.")
    var weights: String?

    @Option(help: "Cluster variable: robust variance with scores summed within clusters.")
    var cluster: String?

    @Flag(help: "Robust (sandwich) variance; z, p and intervals then use the robust SE, as R's summary.")
    var robust: Bool = false

    @Option(name: .customLong("conf-level"), help: "Confidence level of the hazard-ratio intervals.")
    var confLevel: Double = 0.95

    func validate() throws {
        if splitList(covariates).isEmpty { throw ValidationError("--covariates needs at least one variable") }
        if !(confLevel > 0 && confLevel < 1) { throw ValidationError("--conf-level must be between 0 and 1") }
        let covs = Set(splitList(covariates))
        for f in factors.flatMap({ splitList($0) }) where !covs.contains(f) {
            throw ValidationError("--factor \(f) is not one of --covariates")
        }
    }

    /// Variables the model reads.
    var usedVariables: [String] {
        splitList(covariates) + splitList(strata) + [weights, cluster].compactMap { $0 }
    }

    /// The design matrix; the per-term arrays are freed on return.
    func makeDesign(_ rows: SurvivalRows) throws -> DesignMatrix {
        let factorSet = Set(factors.flatMap { splitList($0) })
        var terms: [ModelTerm] = []
        for name in splitList(covariates) {
            let col = rows.table.column(name)
            if col.isText || factorSet.contains(name) {
                terms.append(.factor(name: name, coding: rows.grouping(name).coding))
            } else {
                terms.append(.numeric(name: name, values: try rows.numbers(name, what: "covariate")))
            }
        }
        return try survivalCall(rows) { () throws(SurvivalError) in try DesignMatrix(terms: terms) }
    }

    /// Fits the model on the rows.
    func fit(_ rows: SurvivalRows) throws -> CoxFit {
        let s = rows.combinedStrata(splitList(strata))
        let w = try weights.map { try rows.weights($0) }
        let cl = cluster.map { rows.grouping($0).coding.codes }
        let design = try makeDesign(rows)
        rows.release(usedVariables)   // the design holds the covariates now
        var o = CoxOptions()
        o.ties = ties
        o.robust = robust
        o.confLevel = confLevel
        // Not in a closure: a captured design could not be handed over (consumed) without a copy.
        do throws(SurvivalError) {
            return try CoxModel.fit(time: rows.time, event: rows.event, design: consume design, strata: s?.codes,
                                    weights: w, cluster: cl, options: o)
        } catch {
            throw SurvivalDataError(error, rows: rows)
        }
    }
}

extension CoxTies: ExpressibleByArgument {}
extension TimeTransform: ExpressibleByArgument {}
