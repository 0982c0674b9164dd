import ArgumentParser
import Foundation
import Survival

/// `trialdata survival cox`: Cox proportional hazards regression (R's `coxph` + `summary`).
///
/// ```
/// trialdata survival cox --input adtte.csv --covariates TRT01P,AGE,ECOG --factor ECOG --strata REGION --format json
/// ```
struct SurvivalCoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox", abstract: "Cox proportional hazards model (R's coxph).")

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var model: SurvivalCoxOptions

    func run() throws {
        try SurvivalCommand.emit(input) { try output() }
    }

    /// The text or JSON this command prints.
    func output() throws -> String {
        return try SurvivalCommand.output(input, variables: model.usedVariables) { table in
            let rows = try SurvivalRows(table: table, options: input, used: model.usedVariables)
            let fit = try model.fit(rows)
            return input.format == .json ? Self.json(fit, rows: rows) : Self.text(fit, rows: rows, confLevel: model.confLevel)
        }
    }

    static func testJSON(_ t: ChiSquareTest) -> JSONValue {
        .object([("chisq", .optional(t.chiSquare)), ("df", .integer(t.df)), ("p", .optional(t.p))])
    }

    static func json(_ fit: CoxFit, rows: SurvivalRows) -> String {
        let coefs: [JSONValue] = fit.coefficients.map { c in
            .object([("term", .string(c.term)), ("coef", .optional(c.coef)), ("hr", .optional(c.hazardRatio)),
                     ("se", .optional(c.stdErr)), ("robust_se", .optional(c.robustStdErr)), ("z", .optional(c.z)),
                     ("p", .optional(c.p)), ("hr_lower", .optional(c.hazardRatioLower)), ("hr_upper", .optional(c.hazardRatioUpper))])
        }
        return JSONValue.object([
            ("n", .integer(fit.n)), ("events", .integer(fit.events)), ("n_dropped", .integer(rows.nDropped)),
            ("ties", .string(fit.ties.rawValue)), ("iterations", .integer(fit.iterations)), ("converged", .bool(fit.converged)),
            ("loglik_null", .optional(fit.loglikNull)), ("loglik", .optional(fit.loglik)), ("coefficients", .array(coefs)),
            ("tests", .object([("likelihood_ratio", testJSON(fit.likelihoodRatio)), ("wald", testJSON(fit.wald)),
                               ("score", testJSON(fit.score))])),
            ("concordance", .object([("c", .optional(fit.concordance.concordance)), ("se", .optional(fit.concordance.stdErr))])),
        ]).text
    }

    /// Laid out like R's `summary(coxph)`.
    static func text(_ fit: CoxFit, rows: SurvivalRows, confLevel: Double) -> String {
        var out = "coxph (ties = \"\(fit.ties.rawValue)\")\n\n"
        out += "  n= \(fit.n), number of events= \(fit.events) \n"
        if rows.nDropped > 0 { out += "   (\(rows.nDropped) observations deleted due to missingness)\n" }
        out += "\n"
        let robust = fit.robustVariance != nil
        var header = ["", "coef", "exp(coef)", "se(coef)"]
        if robust { header.append("robust se") }
        header += ["z", "Pr(>|z|)"]
        let lines = fit.coefficients.map { c -> [String] in
            var r = [c.term, RFormat.signif(c.coef), RFormat.signif(c.hazardRatio), RFormat.signif(c.stdErr)]
            if robust { r.append(RFormat.signif(c.robustStdErr)) }
            r += [RFormat.fixed(c.z, 3), RFormat.pValue(c.p, 3)]
            return r
        }
        out += RFormat.table(header: header, rows: lines) + "\n\n"
        let lvl = RFormat.signif(confLevel, 2).replacingOccurrences(of: "0.", with: ".")
        let ci = fit.coefficients.map { c -> [String] in
            [c.term, RFormat.signif(c.hazardRatio), RFormat.signif(c.hazardRatio.map { 1 / $0 }),
             RFormat.signif(c.hazardRatioLower), RFormat.signif(c.hazardRatioUpper)]
        }
        out += RFormat.table(header: ["", "exp(coef)", "exp(-coef)", "lower \(lvl)", "upper \(lvl)"], rows: ci) + "\n\n"
        out += "Concordance= \(RFormat.fixed(fit.concordance.concordance, 3))  (se = \(RFormat.fixed(fit.concordance.stdErr, 3)) )\n"
        func line(_ label: String, _ t: ChiSquareTest) -> String {
            "\(label)= \(RFormat.fixed(t.chiSquare, 2))  on \(t.df) df,   p=\(RFormat.pValue(t.p, 1))\n"
        }
        out += line("Likelihood ratio test", fit.likelihoodRatio)
        out += line("Wald test            ", fit.wald)
        out += line("Score (logrank) test ", fit.score)
        if robust { out += "   (Note: the likelihood ratio and score tests assume independence of\n     observations within a cluster, the Wald and robust score tests do not).\n" }
        if !fit.converged {
            out += "\nWarning: the fit did not converge"
            if !fit.infiniteCoefficients.isEmpty {
                out += " (monotone likelihood: coefficient may be infinite for \(fit.infiniteCoefficients.joined(separator: ", ")))"
            }
            out += "; the estimates above are the last iterate, not maximum-likelihood estimates.\n"
        }
        return out
    }
}
