import ArgumentParser
import Foundation
import Survival

/// `trialdata survival logrank`: the G-rho family of tests (R's `survdiff`).
///
/// ```
/// trialdata survival logrank --input adtte.csv --group TRT01P --strata STRAT1,STRAT2 --rho 0
/// ```
struct SurvivalLogRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank", abstract: "Log-rank (rho = 0) / Peto-Peto (rho = 1) test (R's survdiff).")

    @OptionGroup var input: SurvivalInputOptions

    @Option(help: "Grouping variable.")
    var group: String

    @Option(help: "Stratification variable(s), comma-separated.")
    var strata: String?

    @Option(help: "Exponent of the weight S(t-)^rho: 0 log-rank, 1 Peto-Peto.")
    var rho: Double = 0

    func validate() throws {
        if !rho.isFinite { throw ValidationError("--rho must be a finite number") }
    }

    func run() throws {
        try SurvivalCommand.emit(input) { try output() }
    }

    /// The text or JSON this command prints.
    func output() throws -> String {
        let strataVars = splitList(strata)
        let used = [group] + strataVars
        return try SurvivalCommand.output(input, variables: used) { table in
            let rows = try SurvivalRows(table: table, options: input, used: used)
            let g = rows.grouping(group)
            let s = rows.combinedStrata(strataVars)
            let res = try survivalCall(rows) { () throws(SurvivalError) in
                try LogRankTest.test(time: rows.time, event: rows.event, group: g.coding.codes,
                                     groupCount: g.coding.levels.count, strata: s?.codes, rho: rho)
            }
            let name = rho == 0 ? "log-rank" : (rho == 1 ? "peto-peto" : "harrington-fleming")
            if input.format == .json {
                let groups: [JSONValue] = (0..<g.coding.levels.count).map { k in
                    .object([("group", g.jsonLevels[k]), ("n", .integer(res.n[k])),
                             ("observed", .number(res.observed[k])), ("expected", .number(res.expected[k]))])
                }
                return JSONValue.object([
                    ("test", .string(name)), ("rho", .number(rho)), ("chisq", .number(res.chiSquare)),
                    ("df", .integer(res.df)), ("p", .optional(res.p)), ("groups", .array(groups)),
                ]).text
            }
            var out = "survdiff: \(name) test (rho = \(RFormat.signif(rho, 4)))"
            if let s { out += ", stratified by \(strataVars.joined(separator: ", ")) (\(s.labels.count) strata)" }
            out += "\n"
            if rows.nDropped > 0 { out += "  (\(rows.nDropped) observations deleted due to missingness)\n" }
            out += "\n"
            let lines = (0..<g.coding.levels.count).map { k -> [String] in
                let o = res.observed[k], e = res.expected[k], v = res.variance[k, k]
                return ["\(group)=\(g.coding.levels[k])", String(res.n[k]), RFormat.signif(o, 3), RFormat.signif(e, 3),
                        RFormat.signif((o - e) * (o - e) / e, 3), RFormat.signif((o - e) * (o - e) / v, 3)]
            }
            out += RFormat.table(header: ["", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"], rows: lines) + "\n"
            out += "\n Chisq= \(RFormat.signif(res.chiSquare, 3))  on \(res.df) degrees of freedom, p= \(RFormat.pValue(res.p, 2)) \n"
            return out
        }
    }
}
