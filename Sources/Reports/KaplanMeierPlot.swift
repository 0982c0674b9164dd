import Analysis

/// Kaplan-Meier curves of one endpoint as standalone SVG: step curves per group with censor
/// marks, optional pointwise confidence bands, medians and the log-rank p on the plot, and the
/// number-at-risk table under the x-axis.
///
/// The x-axis is in months (time / `daysPerMonth`), from 0 to the last at-risk time.
///
/// Thinning (what is drawn stays within one pixel of the exact curve, whatever the number of
/// subjects; a pixel is one SVG user unit, the plot area is 670 px wide): a step whose drop lies
/// less than 1 px to the right of the previous drawn drop is merged into it (the drop is drawn
/// to the lower level at the earlier x, so every drop is kept and no level is skipped by more
/// than a pixel); steps without a drop (censorings only) add no path point. The confidence band's
/// limits are thinned the same way. A censor mark is left out when it lies within 1 px, both
/// horizontally and vertically, of the previous mark drawn. A curve therefore has at most one
/// drawn corner per pixel column (≤ 671) and at most ~one censor mark per pixel column and
/// level, instead of one per subject. `results.json` and the tables keep every step.
/// Example: `KaplanMeierPlot(endpoint: e, methods: r.methods).svg`.
public struct KaplanMeierPlot: Sendable {
    /// The endpoint.
    public let endpoint: EndpointResult
    /// Options (time points, days per month).
    public let methods: MethodsInfo
    /// Draw the IPTW-weighted curves instead of the unweighted ones.
    public let weighted: Bool
    /// Draw confidence bands.
    public let bands: Bool

    /// Creates a plot.
    public init(endpoint: EndpointResult, methods: MethodsInfo, weighted: Bool = false, bands: Bool = true) {
        self.endpoint = endpoint
        self.methods = methods
        self.weighted = weighted
        self.bands = bands
    }

    /// The SVG document.
    public var svg: String {
        let curves = weighted ? (endpoint.weightedKM ?? []) : endpoint.km
        let width = 800.0, left = 110.0, right = 20.0, top = 40.0, plotH = 300.0
        let plotW = width - left - right
        let riskTop = top + plotH + 55
        let height = riskTop + 22 + Double(curves.count) * 18 + 10
        let dpm = methods.daysPerMonth
        let xMaxDays = methods.atRiskTimes.max() ?? (curves.flatMap { $0.steps.map(\.time) }.max() ?? 1)
        let xMax = xMaxDays / dpm
        func x(_ days: Double) -> Double { left + min(days, xMaxDays) / dpm / xMax * plotW }
        func y(_ s: Double) -> Double { top + (1 - s) * plotH }
        func n(_ v: Double) -> String { Format.fixed(v, 2) }
        let title = endpoint.label + (weighted ? " — propensity-weighted (IPTW)" : "")
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" class="km-plot" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>\(Format.escape(title))</title>
        <text x="\(n(left))" y="20" font-size="15" font-weight="bold">\(Format.escape(title))</text>

        """
        // Axes and grid.
        s += "<g class=\"axes\" stroke=\"#444\" fill=\"none\">"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(left + plotW))\" y2=\"\(n(top + plotH))\"/>"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotH))\"/></g>\n"
        for k in 0...4 {
            let v = Double(k) / 4
            s += "<line x1=\"\(n(left))\" y1=\"\(n(y(v)))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y(v)))\" stroke=\"#ddd\"/>"
            s += "<text class=\"ytick\" x=\"\(n(left - 6))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\">\(Format.fixed(v, 2))</text>\n"
        }
        for t in methods.atRiskTimes {
            s += "<line x1=\"\(n(x(t)))\" y1=\"\(n(top + plotH))\" x2=\"\(n(x(t)))\" y2=\"\(n(top + plotH + 5))\" stroke=\"#444\"/>"
            s += "<text class=\"xtick\" x=\"\(n(x(t)))\" y=\"\(n(top + plotH + 18))\" text-anchor=\"middle\">\(Format.fixed(t / dpm, 0))</text>\n"
        }
        s += "<text class=\"xlabel\" x=\"\(n(left + plotW / 2))\" y=\"\(n(top + plotH + 36))\" text-anchor=\"middle\">Months since inclusion</text>\n"
        s += "<text class=\"ylabel\" transform=\"translate(18 \(n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(Format.escape(endpoint.label)) probability</text>\n"
        // Bands, curves, censor marks.
        for (g, c) in curves.enumerated() {
            let colour = Palette.group(g)
            let steps = c.steps.filter { $0.time <= xMaxDays }
            if bands && !steps.isEmpty {
                // Step functions of the limits from (0, 1) to the last step with both limits defined.
                var pts: [(x: Double, u: Double, l: Double)] = [(x(0), 1, 1)]
                for st in steps {
                    guard let u = st.upper, let l = st.lower else { break }
                    pts.append((x(st.time), u, l))
                }
                let end = c.steps.contains { $0.time > xMaxDays } ? x(xMaxDays) : pts.last!.x
                pts = Self.thinned(pts, x: { $0.x }, same: { $0.u == $1.u && $0.l == $1.l }, replacing: { ($0.x, $1.u, $1.l) })
                var upper: [String] = [], lower: [String] = []
                for k in pts.indices {
                    let nextX = k + 1 < pts.count ? pts[k + 1].x : end
                    upper += ["\(n(pts[k].x)) \(n(y(pts[k].u)))", "\(n(nextX)) \(n(y(pts[k].u)))"]
                    lower += ["\(n(pts[k].x)) \(n(y(pts[k].l)))", "\(n(nextX)) \(n(y(pts[k].l)))"]
                }
                let d = "M " + (upper + lower.reversed()).joined(separator: " L ") + " Z"
                s += "<path class=\"km-band\" d=\"\(d)\" fill=\"\(colour)\" fill-opacity=\"0.12\" stroke=\"none\"/>\n"
            }
            var d = "M \(n(x(0))) \(n(y(1)))"
            let corners = Self.thinned([(x: x(0), y: y(1))] + steps.map { (x: x($0.time), y: y($0.survival)) },
                                       x: { $0.x }, same: { $0.y == $1.y }, replacing: { ($0.x, $1.y) })
            for p in corners.dropFirst() { d += " H \(n(p.x)) V \(n(p.y))" }
            if let last = c.steps.last {
                d += " H \(n(x(min(last.time, xMaxDays))))"
            }
            s += "<path class=\"km-curve\" data-group=\"\(Format.escape(c.group))\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            var marks = ""
            var lastMark: (x: Double, y: Double)? = nil
            for st in steps where st.nCensor > 0 {
                let cx = x(st.time), cy = y(st.survival)
                if let m = lastMark, abs(cx - m.x) < 1, abs(cy - m.y) < 1 { continue }
                marks += "M \(n(cx)) \(n(cy - 4)) V \(n(cy + 4)) "
                lastMark = (cx, cy)
            }
            if !marks.isEmpty {
                s += "<path class=\"km-censor\" d=\"\(marks)\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>\n"
            }
        }
        // Legend with medians, and the log-rank p.
        var ly = top + plotH - 12 - Double(curves.count) * 16
        for (g, c) in curves.enumerated() {
            let med = Format.ci(Format.months(c.median, daysPerMonth: dpm), Format.months(c.medianLower, daysPerMonth: dpm),
                                Format.months(c.medianUpper, daysPerMonth: dpm))
            s += "<rect x=\"\(n(left + plotW - 330))\" y=\"\(n(ly - 9))\" width=\"14\" height=\"3\" fill=\"\(Palette.group(g))\"/>"
            s += "<text class=\"legend\" x=\"\(n(left + plotW - 310))\" y=\"\(n(ly - 4))\">\(Format.escape(c.group)) (n = \(c.n)): median \(med) mo</text>\n"
            ly += 16
        }
        if !weighted {
            s += "<text class=\"logrank\" x=\"\(n(left + plotW - 330))\" y=\"\(n(ly - 4))\">Log-rank \(Format.escape(Format.pEquals(endpoint.logRank.p)))</text>\n"
        }
        // Number at risk.
        s += "<text x=\"10\" y=\"\(n(riskTop))\" font-weight=\"bold\">Number at risk</text>\n"
        for (g, c) in curves.enumerated() {
            let ry = riskTop + 20 + Double(g) * 18
            s += "<text x=\"10\" y=\"\(n(ry))\" fill=\"\(Palette.group(g))\">\(Format.escape(String(c.group.prefix(14))))</text>"
            for (t, r) in zip(methods.atRiskTimes, c.atRisk) {
                s += "<text class=\"atrisk\" x=\"\(n(x(t)))\" y=\"\(n(ry))\" text-anchor=\"middle\">\(Format.fixed(r, weighted ? 1 : 0))</text>"
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }

    /// The corners of a step function drawn in pixels (`x` ascending, the first point the start,
    /// never moved): a point that does not change the level (`same` as the last kept) is dropped;
    /// a point less than 1 px right of the last kept corner replaces that corner's level
    /// (`replacing(kept, new)` keeps the kept x and takes the new level).
    static func thinned<P>(_ points: [P], x: (P) -> Double, same: (P, P) -> Bool, replacing: (P, P) -> P) -> [P] {
        var out: [P] = []
        out.reserveCapacity(min(points.count, 1024))
        for p in points {
            guard let last = out.last else { out.append(p); continue }
            if same(last, p) { continue }
            // The first point is the curve's start (x = 0, S = 1): it is never moved.
            if x(p) - x(last) < 1 && out.count > 1 { out[out.count - 1] = replacing(last, p) } else { out.append(p) }
        }
        return out
    }
}
