import ArgumentParser
import Foundation
import Survival

/// `trialdata survival km`: Kaplan-Meier curves, medians with CIs, RMST and survival at times.
///
/// ```
/// trialdata survival km --input adtte.csv --group TRT01P --conf-type log-log --times 365,730 --rmst-tau 730
/// ```
struct SurvivalKMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km", abstract: "Kaplan-Meier estimates (R's survfit; median as quantile.survfit).")

    @OptionGroup var input: SurvivalInputOptions

    @Option(help: "Grouping variable: one curve per level.")
    var group: String?

    @Option(help: "Case-weight variable.")
    var weights: String?

    @Option(name: .customLong("conf-type"), help: "Interval scale: log (R default), log-log (SAS default), plain.")
    var confType: ConfidenceType = .log

    @Option(name: .customLong("conf-level"), help: "Confidence level of the intervals.")
    var confLevel: Double = 0.95

    @Option(help: "Comma-separated times at which to report survival, e.g. 365,730.")
    var times: String?

    @Option(name: .customLong("rmst-tau"), help: "Horizon of the restricted mean survival time.")
    var rmstTau: Double?

    func validate() throws {
        if !(confLevel > 0 && confLevel < 1) { throw ValidationError("--conf-level must be between 0 and 1") }
        for t in splitList(times) where Double(t) == nil { throw ValidationError("--times: \(t) is not a number") }
        if let rmstTau, !(rmstTau > 0) { throw ValidationError("--rmst-tau must be > 0") }
    }

    func run() throws {
        try SurvivalCommand.emit(input) { try output() }
    }

    /// The text or JSON this command prints.
    func output() throws -> String {
        let used = [group, weights].compactMap { $0 }
        return try SurvivalCommand.output(input, variables: used) { table in
            let rows = try SurvivalRows(table: table, options: input, used: used)
            let w = try weights.map { try rows.weights($0) }
            let at = splitList(times).compactMap(Double.init)
            var curves: [(JSONValue, String, KaplanMeierCurve)] = []
            if let group {
                let g = rows.grouping(group)
                let fits = try survivalCall(rows) { () throws(SurvivalError) in
                    try KaplanMeier.fit(time: rows.time, event: rows.event, group: g.coding.codes,
                                        groupCount: g.coding.levels.count, weights: w, confType: confType, confLevel: confLevel)
                }
                for (k, c) in fits.enumerated() { if let c { curves.append((g.jsonLevels[k], "\(group)=\(g.coding.levels[k])", c)) } }
            } else {
                let c = try survivalCall(rows) { () throws(SurvivalError) in
                    try KaplanMeier.fit(time: rows.time, event: rows.event, weights: w, confType: confType, confLevel: confLevel)
                }
                curves.append((.null, "", c))
            }
            return input.format == .json
                ? json(rows: rows, curves: curves, at: at)
                : text(rows: rows, curves: curves, at: at)
        }
    }

    func json(rows: SurvivalRows, curves: [(JSONValue, String, KaplanMeierCurve)], at: [Double]) -> String {
        let strata: [JSONValue] = curves.map { group, _, c in
            let m = c.median
            let rmst: JSONValue = rmstTau.map { tau in
                let r = c.restrictedMean(tau: tau)
                return .object([("tau", .number(tau)), ("estimate", .number(r.estimate)), ("se", .optional(r.stdErr))])
            } ?? .null
            let atTimes: [JSONValue] = c.survival(at: at).map { s in
                .object([("time", .number(s.time)), ("surv", .number(s.survival)), ("std_err", .optional(s.stdErr)),
                         ("lower", .optional(s.lower)), ("upper", .optional(s.upper)), ("n_risk", .number(s.nRisk))])
            }
            let table: [JSONValue] = c.rows.map { r in
                .object([("time", .number(r.time)), ("n_risk", .number(r.nRisk)), ("n_event", .number(r.nEvent)),
                         ("n_censor", .number(r.nCensor)), ("surv", .number(r.survival)), ("std_err", .optional(r.stdErr)),
                         ("lower", .optional(r.lower)), ("upper", .optional(r.upper))])
            }
            return .object([("group", group), ("n", .integer(c.n)), ("events", .number(c.events)),
                            ("median", .optional(m.estimate)), ("median_lower", .optional(m.lower)),
                            ("median_upper", .optional(m.upper)), ("rmst", rmst), ("at_times", .array(atTimes)),
                            ("table", .array(table))])
        }
        return JSONValue.object([
            ("method", .string("kaplan-meier")), ("conf_type", .string(confType.rawValue)),
            ("conf_level", .number(confLevel)), ("n_used", .integer(rows.rows.count)),
            ("n_dropped", .integer(rows.nDropped)), ("strata", .array(strata)),
        ]).text
    }

    func text(rows: SurvivalRows, curves: [(JSONValue, String, KaplanMeierCurve)], at: [Double]) -> String {
        let pct = RFormat.signif(confLevel, 4)
        var out = "Kaplan-Meier estimate (conf.type = \"\(confType.rawValue)\", conf.int = \(pct))\n"
        if rows.nDropped > 0 { out += "  (\(rows.nDropped) observations deleted due to missingness)\n" }
        out += "\n"
        var header = ["", "n", "events"]
        if rmstTau != nil { header += ["rmean", "se(rmean)"] }
        header += ["median", "\(pct)LCL", "\(pct)UCL"]
        let body = curves.enumerated().map { k, entry -> [String] in
            let (_, label, c) = entry
            var r = [label.isEmpty ? "[\(k + 1),]" : label, String(c.n), RFormat.signif(c.events, 6)]
            if let tau = rmstTau {
                let rm = c.restrictedMean(tau: tau)
                r += [RFormat.signif(rm.estimate, 5), RFormat.signif(rm.stdErr, 5)]
            }
            let m = c.median
            r += [RFormat.signif(m.estimate, 5), RFormat.signif(m.lower, 5), RFormat.signif(m.upper, 5)]
            return r
        }
        out += RFormat.table(header: header, rows: body) + "\n"
        if let tau = rmstTau { out += "    * restricted mean with upper limit = \(RFormat.signif(tau, 6))\n" }
        if !at.isEmpty {
            for (_, label, c) in curves {
                out += "\n"
                if !label.isEmpty { out += "                \(label)\n" }
                let lines = c.survival(at: at).map { s in
                    [RFormat.signif(s.time, 6), RFormat.signif(s.nRisk, 6), RFormat.signif(s.survival, 4),
                     RFormat.signif(s.stdErr, 4), RFormat.signif(s.lower, 4), RFormat.signif(s.upper, 4)]
                }
                out += RFormat.table(header: ["time", "n.risk", "survival", "std.err", "lower \(Int((confLevel * 100).rounded()))% CI",
                                              "upper \(Int((confLevel * 100).rounded()))% CI"], rows: lines) + "\n"
            }
        }
        return out
    }
}

extension ConfidenceType: ExpressibleByArgument {}
