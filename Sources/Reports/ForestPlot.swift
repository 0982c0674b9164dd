import Foundation
import Analysis

/// Forest plot of hazard ratios (log scale) as standalone SVG: per endpoint the unadjusted,
/// adjusted and IPTW estimates, then the subgroup estimates.
public struct ForestPlot: Sendable {
    /// One line of the plot.
    public struct Line: Sendable, Equatable {
        /// Label on the left.
        public let label: String
        /// HR with limits; nil draws the label only (a heading or a non-estimable row).
        public let hr: Double?
        /// Lower limit.
        public let lower: Double?
        /// Upper limit.
        public let upper: Double?
        /// Heading rows are bold and have no estimate.
        public let heading: Bool
    }

    /// The lines in order.
    public let lines: [Line]
    /// Axis title, e.g. `Hazard ratio (Group I vs Group II)`.
    public let axisTitle: String

    /// The lines for all endpoints of `results`.
    public init(results: Results) {
        var lines: [Line] = []
        var comparison = ""
        for e in results.endpoints {
            lines.append(Line(label: e.label, hr: nil, lower: nil, upper: nil, heading: true))
            for h in e.hazardRatios {
                comparison = "\(h.comparison) vs \(h.reference)"
                let name = h.method == "unadjusted" ? "Unadjusted" : h.method == "adjusted" ? "Covariate-adjusted" : "IPTW (robust SE)"
                lines.append(Line(label: "  " + name, hr: h.hr, lower: h.lower, upper: h.upper, heading: false))
            }
            for sg in e.subgroups {
                lines.append(Line(label: "  \(sg.label): \(sg.level)", hr: sg.estimate?.hr, lower: sg.estimate?.lower,
                                  upper: sg.estimate?.upper, heading: false))
            }
        }
        self.lines = lines
        self.axisTitle = "Hazard ratio (\(comparison)), log scale"
    }

    /// The SVG document.
    public var svg: String {
        let width = 760.0, labelW = 260.0, textW = 170.0, top = 30.0, rowH = 20.0
        let plotW = width - labelW - textW - 20
        let height = top + Double(lines.count) * rowH + 50
        let values = lines.flatMap { [$0.lower, $0.upper, $0.hr] }.compactMap { $0 }.filter { $0 > 0 && $0.isFinite }
        var lo = min(values.min() ?? 0.5, 0.5), hi = max(values.max() ?? 2, 2)
        lo = max(lo, 0.01); hi = min(hi, 100)
        // 1-2-5 steps: on the log axis no two labels collide (0.2 and 0.25 did).
        let ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].filter { $0 >= lo && $0 <= hi }
        func x(_ v: Double) -> Double {
            let c = min(max(v, lo), hi)
            return labelW + (log(c) - log(lo)) / (log(hi) - log(lo)) * plotW
        }
        func n(_ v: Double) -> String { Format.fixed(v, 2) }
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" class="forest-plot" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>Forest plot of hazard ratios</title>
        <text x="\(n(width - textW))" y="18" font-weight="bold">HR (95% CI)</text>

        """
        let bottom = top + Double(lines.count) * rowH
        s += "<line x1=\"\(n(x(1)))\" y1=\"\(n(top - 5))\" x2=\"\(n(x(1)))\" y2=\"\(n(bottom))\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>\n"
        s += "<line x1=\"\(n(labelW))\" y1=\"\(n(bottom))\" x2=\"\(n(labelW + plotW))\" y2=\"\(n(bottom))\" stroke=\"#444\"/>\n"
        for t in ticks {
            s += "<text class=\"xtick\" x=\"\(n(x(t)))\" y=\"\(n(bottom + 15))\" text-anchor=\"middle\">\(t < 1 ? Format.fixed(t, 2) : Format.fixed(t, 0))</text>"
        }
        s += "\n<text class=\"xlabel\" x=\"\(n(labelW + plotW / 2))\" y=\"\(n(bottom + 35))\" text-anchor=\"middle\">\(Format.escape(axisTitle))</text>\n"
        for (k, l) in lines.enumerated() {
            let cy = top + Double(k) * rowH + rowH / 2
            s += "<text x=\"6\" y=\"\(n(cy + 4))\"\(l.heading ? " font-weight=\"bold\"" : "") xml:space=\"preserve\">\(Format.escape(l.label))</text>"
            if let hr = l.hr {
                if let a = l.lower, let b = l.upper {
                    s += "<line class=\"forest-ci\" x1=\"\(n(x(a)))\" y1=\"\(n(cy))\" x2=\"\(n(x(b)))\" y2=\"\(n(cy))\" stroke=\"#333\"/>"
                }
                s += "<rect class=\"forest-point\" x=\"\(n(x(hr) - 4))\" y=\"\(n(cy - 4))\" width=\"8\" height=\"8\" fill=\"#0072B2\"/>"
                s += "<text x=\"\(n(width - textW))\" y=\"\(n(cy + 4))\">\(Format.ci(Format.fixed(hr, 2), Format.fixed(l.lower, 2), Format.fixed(l.upper, 2)))</text>"
            } else if !l.heading {
                s += "<text x=\"\(n(width - textW))\" y=\"\(n(cy + 4))\">not estimable</text>"
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }
}
