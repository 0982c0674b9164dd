import Analysis

/// The report's tables built from `Results` (every cell is a formatted computed number).
public enum ReportTables {
    /// All tables in report order.
    public static func all(_ r: Results) -> [ReportTable] {
        var t: [ReportTable] = [baseline(r)]
        for e in r.endpoints {
            t.append(kaplanMeier(e, r.methods, weighted: false))
            t.append(hazardRatios(e))
            if e.weightedKM != nil { t.append(kaplanMeier(e, r.methods, weighted: true)) }
            if !e.subgroups.isEmpty { t.append(subgroups(e)) }
        }
        if let rf = r.riskFactors { t.append(riskFactors(rf)); if !rf.proportionalHazards.isEmpty { t.append(zph(rf)) } }
        if let p = r.propensity { t.append(propensityModel(p)); t.append(balance(p)) }
        if let ae = r.adverseEvents { t += adverseEvents(ae) }
        if let q = r.qualityOfLife { t += qualityOfLife(q) }
        if let run = r.run { t += runTables(run) }
        return t
    }

    static func slug(_ s: String) -> String {
        String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// Baseline characteristics with SMD.
    static func baseline(_ r: Results) -> ReportTable {
        let b = r.baseline
        let header = ["Characteristic"] + zip(b.groups, b.n).map { "\($0) (N = \($1))" } + ["Overall (N = \(b.n.last ?? 0))", "SMD"]
        var rows: [[String]] = [], em: Set<Int> = []
        for v in b.variables {
            if let num = v.numeric {
                em.insert(rows.count)
                rows.append([v.label + ", median [Q1, Q3]"] + num.map {
                    "\(Format.fixed($0.median, 1)) [\(Format.fixed($0.q1, 1)), \(Format.fixed($0.q3, 1))]"
                } + [Format.fixed(v.smd, 3)])
                rows.append(["  mean (SD)"] + num.map { "\(Format.fixed($0.mean, 1)) (\(Format.fixed($0.sd, 1)))" } + [""])
            } else if let levels = v.levels {
                em.insert(rows.count)
                rows.append([v.label + ", n (%)"] + Array(repeating: "", count: b.n.count) + [""])
                for l in levels {
                    rows.append(["  " + l.level] + zip(l.count, l.percent).map { Format.countPercent($0, $1) } + [Format.fixed(l.smd, 3)])
                }
            }
            if v.missing.contains(where: { $0 > 0 }) { rows.append(["  missing"] + v.missing.map(String.init) + [""]) }
        }
        return ReportTable(id: "baseline", title: "Baseline characteristics by group (SMD: standardized mean difference, \(b.groups.dropFirst().first ?? "") vs \(b.groups.first ?? ""))",
                           header: header, rows: rows, emphasised: em)
    }

    /// KM summary per group.
    static func kaplanMeier(_ e: EndpointResult, _ m: MethodsInfo, weighted: Bool) -> ReportTable {
        let curves = weighted ? (e.weightedKM ?? []) : e.km
        let pct = Format.fixed(m.confLevel * 100, 0)
        var header = ["Group", "N", "Events", "Median, months (\(pct)% CI)"]
        for t in m.timePoints { header.append("\(Format.fixed(t / m.daysPerMonth / 12, 0))-year survival, % (\(pct)% CI)") }
        let rows = curves.map { c -> [String] in
            var row = [c.group, String(c.n), weighted ? Format.fixed(c.events, 1) : Format.fixed(c.events, 0),
                       Format.ci(Format.months(c.median, daysPerMonth: m.daysPerMonth), Format.months(c.medianLower, daysPerMonth: m.daysPerMonth),
                                 Format.months(c.medianUpper, daysPerMonth: m.daysPerMonth))]
            for r in c.rates {
                row.append(Format.ci(Format.fixed(r.survival * 100, 1), Format.fixed(r.lower.map { $0 * 100 }, 1), Format.fixed(r.upper.map { $0 * 100 }, 1)))
            }
            return row
        }
        let title = weighted ? "\(e.label): propensity-weighted Kaplan-Meier estimates"
                             : "\(e.label): Kaplan-Meier estimates (log-rank χ² = \(Format.fixed(e.logRank.chiSquare, 2)), df = \(e.logRank.df), \(Format.pEquals(e.logRank.p)))"
        return ReportTable(id: "km-\(slug(e.paramcd))\(weighted ? "-weighted" : "")", title: title, header: header, rows: rows)
    }

    /// Group hazard ratios side by side.
    static func hazardRatios(_ e: EndpointResult) -> ReportTable {
        let rows = e.hazardRatios.map { h in
            [h.method == "unadjusted" ? "Unadjusted" : h.method == "adjusted" ? "Covariate-adjusted" : "IPTW",
             h.description, "\(h.comparison) vs \(h.reference)", String(h.n), String(h.events),
             Format.ci(Format.fixed(h.hr, 2), Format.fixed(h.lower, 2), Format.fixed(h.upper, 2)), Format.p(h.p),
             h.robust ? "robust" : "model", h.converged ? "yes" : "NO"]
        }
        return ReportTable(id: "hr-\(slug(e.paramcd))", title: "\(e.label): hazard ratio for group (Cox regression)",
                           header: ["Estimate", "Model", "Comparison", "N", "Events", "HR (95% CI)", "p", "SE", "Converged"], rows: rows)
    }

    /// Subgroup hazard ratios.
    static func subgroups(_ e: EndpointResult) -> ReportTable {
        let rows = e.subgroups.map { s in
            [s.label, s.level, s.n.map(String.init).joined(separator: " / "), s.events.map(String.init).joined(separator: " / "),
             s.estimate.map { Format.ci(Format.fixed($0.hr, 2), Format.fixed($0.lower, 2), Format.fixed($0.upper, 2)) } ?? "not estimable",
             Format.p(s.estimate?.p)]
        }
        return ReportTable(id: "subgroups-\(slug(e.paramcd))", title: "\(e.label): hazard ratio for group within subgroups (unadjusted)",
                           header: ["Subgroup", "Level", "N per group", "Events per group", "HR (95% CI)", "p"], rows: rows)
    }

    /// Univariable and multivariable risk factors.
    static func riskFactors(_ rf: RiskFactorTable) -> ReportTable {
        var rows: [[String]] = []
        var em: Set<Int> = []
        func key(_ r: RiskFactorTable.Row) -> String { r.variable + "|" + (r.level ?? "") }
        let multi = Dictionary(rf.multivariable.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for u in rf.univariable {
            em.insert(rows.count)
            rows.append([u.label, "", "", Format.p(u.termTest.p) + (u.selected ? " *" : ""), "", ""])
            for r in u.rows {
                let m = multi[key(r)]
                rows.append(["  " + (r.level.map { "\($0) vs \(r.reference ?? "")" } ?? "per unit"),
                             Format.ci(Format.fixed(r.hr, 2), Format.fixed(r.lower, 2), Format.fixed(r.upper, 2)), Format.p(r.p), "",
                             m.map { Format.ci(Format.fixed($0.hr, 2), Format.fixed($0.lower, 2), Format.fixed($0.upper, 2)) } ?? "",
                             m.map { Format.p($0.p) } ?? ""])
            }
        }
        for r in rf.multivariable where !rf.univariable.contains(where: { $0.variable == r.variable }) {
            rows.append([r.label + (r.level.map { ": \($0) vs \(r.reference ?? "")" } ?? ""), "", "", "",
                         Format.ci(Format.fixed(r.hr, 2), Format.fixed(r.lower, 2), Format.fixed(r.upper, 2)), Format.p(r.p)])
        }
        return ReportTable(id: "risk-factors", title: "Risk factors for \(rf.endpoint): univariable and multivariable Cox regression (* entered the multivariable model, likelihood-ratio p < \(Format.fixed(rf.threshold, 2)); multivariable N = \(rf.multivariableN), events = \(rf.multivariableEvents))",
                           header: ["Factor", "Univariable HR (95% CI)", "p", "Term p (LR)", "Multivariable HR (95% CI)", "p"], rows: rows, emphasised: em)
    }

    /// cox.zph of the multivariable model.
    static func zph(_ rf: RiskFactorTable) -> ReportTable {
        var rows = rf.proportionalHazards.map { [$0.name, Format.fixed($0.chiSquare, 3), String($0.df), Format.p($0.p)] }
        if let g = rf.proportionalHazardsGlobal { rows.append(["GLOBAL", Format.fixed(g.chiSquare, 3), String(g.df), Format.p(g.p)]) }
        return ReportTable(id: "cox-zph", title: "Proportional-hazards check of the multivariable model (cox.zph, KM time transform)",
                           header: ["Term", "χ²", "df", "p"], rows: rows)
    }

    /// Propensity model coefficients.
    public static func propensityModel(_ p: PropensityResult) -> ReportTable {
        ReportTable(id: "propensity-model", title: "Propensity model: logistic regression of \(p.treatedGroup) vs \(p.controlGroup) (N = \(p.n), converged: \(p.converged ? "yes" : "NO")\(p.separation ? ", SEPARATION detected" : ""))",
                    header: ["Term", "Estimate (log-odds)", "SE", "z", "p"],
                    rows: p.coefficients.map { [$0.name, Format.fixed($0.estimate, 4), Format.fixed($0.stdErr, 4), Format.fixed($0.z, 2), Format.p($0.p)] })
    }

    /// Balance before/after weighting.
    public static func balance(_ p: PropensityResult) -> ReportTable {
        let b = p.balance
        var rows = b.rows.map { r in
            [r.name, Format.fixed(r.meanBefore[0], 3), Format.fixed(r.meanBefore[1], 3), Format.fixed(r.smdBefore, 3),
             Format.fixed(r.meanAfter[0], 3), Format.fixed(r.meanAfter[1], 3), Format.fixed(r.smdAfter, 3)]
        }
        rows.append(["Effective sample size", String(b.n[0]), String(b.n[1]), "", Format.fixed(b.effectiveSampleSize[0], 1), Format.fixed(b.effectiveSampleSize[1], 1), ""])
        let o = p.options
        let opts = "\(o.estimand.rawValue.uppercased()) weights\(o.stabilize ? ", stabilized" : "")\(o.trim.map { ", trimmed at \($0)" } ?? "")\(o.truncate.map { ", truncated at the \($0) quantiles" } ?? "")"
        return ReportTable(id: "balance", title: "Covariate balance before and after weighting (\(opts); weights \(Format.fixed(p.weightRange[0], 2))–\(Format.fixed(p.weightRange[2], 2)), median \(Format.fixed(p.weightRange[1], 2)))",
                           header: ["Covariate", "Mean \(p.controlGroup)", "Mean \(p.treatedGroup)", "SMD before",
                                    "Weighted mean \(p.controlGroup)", "Weighted mean \(p.treatedGroup)", "SMD after"], rows: rows)
    }

    /// AE overview, by term and grade, by relationship.
    static func adverseEvents(_ ae: AdverseEventSummary) -> [ReportTable] {
        let gh = zip(ae.groups, ae.n).map { "\($0) (N = \($1))" }
        let overview = ReportTable(id: "ae-overview", title: "Adverse events: subjects with at least one event",
                                   header: ["Category"] + gh,
                                   rows: ae.overview.map { l in [l.category] + zip(l.count, l.percent).map { Format.countPercent($0, $1) } })
        var header = ["Body system / term"]
        for g in ae.groups { header += ["\(g) any", "G1", "G2", "G3", "G4", "G5"] }
        var em: Set<Int> = []
        var rows: [[String]] = []
        for r in ae.byTerm {
            if r.term == nil { em.insert(rows.count) }
            var row = [r.term.map { "  " + $0 } ?? r.bodySystem]
            for g in ae.groups.indices { row.append(Format.countPercent(r.any[g], r.percent[g])); row += r.byGrade[g].map(String.init) }
            rows.append(row)
        }
        let byTerm = ReportTable(id: "ae-by-term", title: "Adverse events by body system and term: subjects, by maximum CTCAE grade",
                                 header: header, rows: rows, emphasised: em)
        let rel = ReportTable(id: "ae-relationship", title: "Adverse events by relationship to radical local treatment",
                              header: ["Relationship"] + gh,
                              rows: ae.byRelationship.map { l in [l.category] + zip(l.count, l.percent).map { Format.countPercent($0, $1) } })
        return [overview, byTerm, rel]
    }

    /// QLQ-C30 scores and completion.
    static func qualityOfLife(_ q: QualityOfLifeSummary) -> [ReportTable] {
        let rows = q.cells.map { c in
            [c.param, c.group, c.visit, String(c.value.n), Format.fixed(c.value.mean, 1), Format.fixed(c.value.sd, 1),
             Format.fixed(c.value.median, 1), "\(Format.fixed(c.value.min, 1))–\(Format.fixed(c.value.max, 1))",
             String(c.change.n), Format.fixed(c.change.mean, 1), Format.fixed(c.change.sd, 1)]
        }
        let scores = ReportTable(id: "qlq-c30", title: "EORTC QLQ-C30 scale scores (0–100) by group and visit, and change from baseline",
                                 header: ["Scale", "Group", "Visit", "n", "Mean", "SD", "Median", "Range", "n change", "Mean change", "SD change"], rows: rows)
        let comp = ReportTable(id: "qlq-c30-completion", title: "QLQ-C30 completion by visit (completed / expected)",
                               header: ["Group", "Visit", "Completed", "Expected", "%"],
                               rows: q.completion.map { [$0.group, $0.visit, String($0.completed), String($0.expected), Format.fixed($0.percent, 1)] })
        return [scores, comp]
    }

    /// Reconciliation and validation.
    static func runTables(_ run: RunSummary) -> [ReportTable] {
        let rec = ReportTable(id: "reconciliation", title: "Reconciliation of source records (\(run.source) export): records in = mapped + rejected",
                              header: ["Source", "Records in", "Mapped", "Rejected", "Balanced"],
                              rows: run.reconciliation.map { [$0.source, String($0.recordsIn), String($0.mapped), String($0.rejected),
                                                               $0.recordsIn == $0.mapped + $0.rejected ? "yes" : "NO"] })
        let val = ReportTable(id: "validation", title: "Validation findings per dataset",
                              header: ["Dataset", "Records", "Errors", "Warnings", "Notes"],
                              rows: run.validation.map { [$0.dataset, String($0.records), String($0.errors), String($0.warnings), String($0.notes)] })
        return [rec, val]
    }
}
