import ArgumentParser
import Foundation
import Survival

/// `trialdata survival zph`: test of proportional hazards (R's `cox.zph`, survival ≥ 3 score test).
///
/// ```
/// trialdata survival zph --input adtte.csv --covariates TRT01P,AGE --transform km
/// ```
struct SurvivalZPHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zph", abstract: "Proportional-hazards test of a Cox model (R's cox.zph).")

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var model: SurvivalCoxOptions

    @Option(help: "Time transform: km (R default), rank, identity, log.")
    var transform: TimeTransform = .km

    func run() throws {
        try SurvivalCommand.emit(input) { try output() }
    }

    /// The text or JSON this command prints.
    func output() throws -> String {
        return try SurvivalCommand.output(input, variables: model.usedVariables) { table in
            let rows = try SurvivalRows(table: table, options: input, used: model.usedVariables)
            let fit = try model.fit(rows)
            let res = ProportionalHazardsTest.test(fit, transform: transform)
            if input.format == .json {
                let terms: [JSONValue] = res.terms.map { t in
                    .object([("term", .string(t.term)), ("chisq", .optional(t.test.chiSquare)),
                             ("df", .integer(t.test.df)), ("p", .optional(t.test.p))])
                }
                return JSONValue.object([
                    ("transform", .string(transform.rawValue)), ("terms", .array(terms)),
                    ("global", .object([("chisq", .optional(res.global.chiSquare)), ("df", .integer(res.global.df)),
                                        ("p", .optional(res.global.p))])),
                ]).text
            }
            let lines = (res.terms.map { ($0.term, $0.test) } + [("GLOBAL", res.global)]).map { name, t in
                [name, RFormat.signif(t.chiSquare, 4), String(t.df), RFormat.pValue(t.p, 3)]
            }
            return "cox.zph (transform = \"\(transform.rawValue)\")\n\n" + RFormat.table(header: ["", "chisq", "df", "p"], rows: lines) + "\n"
        }
    }
}
