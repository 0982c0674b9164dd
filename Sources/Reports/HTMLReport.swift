import Analysis

/// The self-contained HTML report (inline CSS and SVG, no scripts, no network): title,
/// methods, KM plots, forest plot, Love plot, tables, validation and reconciliation.
///
/// Example: `let html = HTMLReport(results: r).html`.
public struct HTMLReport: Sendable {
    /// The results rendered.
    public let results: Results
    /// Draw confidence bands on the KM plots.
    public let bands: Bool

    /// Creates the report.
    public init(results: Results, bands: Bool = true) {
        self.results = results
        self.bands = bands
    }

    /// The figures as (file stem, SVG) pairs, in report order.
    public var figures: [(id: String, title: String, svg: String)] {
        var f: [(String, String, String)] = []
        for e in results.endpoints {
            let id = ReportTables.slug(e.paramcd)
            f.append(("km-\(id)", "Kaplan-Meier curves: \(e.label)", KaplanMeierPlot(endpoint: e, methods: results.methods, bands: bands).svg))
            if e.weightedKM != nil {
                f.append(("km-\(id)-weighted", "Propensity-weighted Kaplan-Meier curves: \(e.label)",
                          KaplanMeierPlot(endpoint: e, methods: results.methods, weighted: true, bands: false).svg))
            }
        }
        if results.endpoints.contains(where: { !$0.hazardRatios.isEmpty }) {
            f.append(("forest", "Hazard ratios for group: unadjusted, covariate-adjusted and propensity-weighted, and by subgroup", ForestPlot(results: results).svg))
        }
        if let p = results.propensity {
            f.append(("love", "Covariate balance before and after weighting (Love plot)", LovePlot(balance: p.balance).svg))
        }
        return f
    }

    /// The HTML document.
    public var html: String {
        let r = results
        let tables = ReportTables.all(r)
        let byId = Dictionary(uniqueKeysWithValues: tables.map { ($0.id, $0) })
        let figs = Dictionary(uniqueKeysWithValues: figures.map { ($0.id, $0) })
        var s = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="generator" content="\(Format.escape(r.methods.softwareVersion))">
        <title>\(Format.escape(r.title))</title>
        <style>
        body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222;line-height:1.4}
        h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;margin:12px 0 20px;font-size:13px}caption{text-align:left;font-weight:bold;padding:4px 0}
        th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;white-space:pre}th{background:#f1f1f1}tr.em td{font-weight:bold;background:#fafafa}
        figure{margin:12px 0}figcaption{font-size:13px;color:#555}.summary{background:#f6f8fa;padding:10px 14px;border-radius:4px}
        </style></head><body>
        <h1>\(Format.escape(r.title))</h1>
        <p class="summary">Study \(Format.escape(r.study)). \(r.groups.map { "\(Format.escape($0.name)): n = \($0.n)" }.joined(separator: "; ")). Computed by \(Format.escape(r.methods.softwareVersion)).</p>

        """
        func fig(_ id: String) -> String {
            guard let f = figs[id] else { return "" }
            return "<figure id=\"fig-\(f.id)\">\n\(f.svg)<figcaption>\(Format.escape(f.title))</figcaption></figure>\n"
        }
        func tab(_ id: String) -> String { byId[id]?.html ?? "" }
        s += "<h2>Statistical methods</h2>\n<p class=\"methods\">\(Format.escape(MethodsParagraph.text(r)))</p>\n"
        s += "<h2>Baseline characteristics</h2>\n" + tab("baseline")
        for e in r.endpoints {
            let id = ReportTables.slug(e.paramcd)
            s += "<h2>\(Format.escape(e.label))</h2>\n" + fig("km-\(id)") + tab("km-\(id)") + tab("hr-\(id)")
            s += fig("km-\(id)-weighted") + tab("km-\(id)-weighted") + tab("subgroups-\(id)")
        }
        if figs["forest"] != nil { s += "<h2>Hazard ratios</h2>\n" + fig("forest") }
        if r.riskFactors != nil { s += "<h2>Risk factors</h2>\n" + tab("risk-factors") + tab("cox-zph") }
        if r.propensity != nil { s += "<h2>Propensity score and balance</h2>\n" + tab("propensity-model") + fig("love") + tab("balance") }
        if r.adverseEvents != nil { s += "<h2>Adverse events</h2>\n" + tab("ae-overview") + tab("ae-relationship") + tab("ae-by-term") }
        if r.qualityOfLife != nil { s += "<h2>Quality of life (EORTC QLQ-C30)</h2>\n" + tab("qlq-c30-completion") + tab("qlq-c30") }
        if let run = r.run {
            s += "<h2>Data validation and reconciliation</h2>\n" + tab("reconciliation") + tab("validation")
            if !run.topFindings.isEmpty {
                s += "<p>Most frequent findings:</p>\n<ul class=\"findings\">" + run.topFindings.map { "<li>\(Format.escape($0))</li>" }.joined() + "</ul>\n"
            }
        }
        return s + "</body></html>\n"
    }
}
