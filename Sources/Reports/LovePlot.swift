import Analysis

/// Love plot as standalone SVG: absolute standardized mean difference of each covariate (and
/// factor level) before (open circles) and after (filled) weighting, with the 0.1 threshold.
public struct LovePlot: Sendable {
    /// The balance table.
    public let balance: BalanceTable

    /// Creates the plot.
    public init(balance: BalanceTable) { self.balance = balance }

    /// The SVG document.
    public var svg: String {
        let width = 760.0, labelW = 240.0, top = 40.0, rowH = 18.0
        let plotW = width - labelW - 30
        let rows = balance.rows
        let height = top + Double(rows.count) * rowH + 60
        let maxV = max(0.5, (rows.flatMap { [abs($0.smdBefore), abs($0.smdAfter)] }.max() ?? 0) * 1.05)
        func x(_ v: Double) -> Double { labelW + abs(v) / maxV * plotW }
        func n(_ v: Double) -> String { Format.fixed(v, 2) }
        let bottom = top + Double(rows.count) * rowH
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" class="love-plot" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>Covariate balance (Love plot)</title>
        <circle cx="\(n(labelW))" cy="16" r="4" fill="none" stroke="#D55E00"/><text x="\(n(labelW + 8))" y="20">before weighting</text>
        <circle cx="\(n(labelW + 140))" cy="16" r="4" fill="#0072B2"/><text x="\(n(labelW + 148))" y="20">after weighting</text>

        """
        s += "<line x1=\"\(n(x(0.1)))\" y1=\"\(n(top - 5))\" x2=\"\(n(x(0.1)))\" y2=\"\(n(bottom))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
        s += "<line x1=\"\(n(labelW))\" y1=\"\(n(top - 5))\" x2=\"\(n(labelW))\" y2=\"\(n(bottom))\" stroke=\"#444\"/>\n"
        s += "<line x1=\"\(n(labelW))\" y1=\"\(n(bottom))\" x2=\"\(n(labelW + plotW))\" y2=\"\(n(bottom))\" stroke=\"#444\"/>\n"
        var t = 0.0
        while t <= maxV + 1e-9 {
            s += "<text class=\"xtick\" x=\"\(n(x(t)))\" y=\"\(n(bottom + 15))\" text-anchor=\"middle\">\(Format.fixed(t, 1))</text>"
            t += 0.1 * (maxV > 1 ? 5 : 1)
        }
        s += "\n<text class=\"xlabel\" x=\"\(n(labelW + plotW / 2))\" y=\"\(n(bottom + 35))\" text-anchor=\"middle\">Absolute standardized mean difference</text>\n"
        for (k, r) in rows.enumerated() {
            let cy = top + Double(k) * rowH + rowH / 2
            s += "<text x=\"6\" y=\"\(n(cy + 4))\">\(Format.escape(r.name))</text>"
            s += "<line x1=\"\(n(labelW))\" y1=\"\(n(cy))\" x2=\"\(n(labelW + plotW))\" y2=\"\(n(cy))\" stroke=\"#eee\"/>"
            s += "<circle class=\"smd-before\" cx=\"\(n(x(r.smdBefore)))\" cy=\"\(n(cy))\" r=\"4\" fill=\"none\" stroke=\"#D55E00\"/>"
            s += "<circle class=\"smd-after\" cx=\"\(n(x(r.smdAfter)))\" cy=\"\(n(cy))\" r=\"4\" fill=\"#0072B2\"/>\n"
        }
        return s + "</svg>\n"
    }
}
