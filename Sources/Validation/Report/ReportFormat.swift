/// The output formats of a validation report, each rendered by a library function so that the
/// CLI only prints:
/// ```swift
/// let html = ReportFormat.html.render(report)
/// ```
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Plain text for a terminal: summary, then findings grouped by rule with the first occurrences.
    case text
    /// Everything as JSON (every finding).
    case json
    /// One self-contained HTML page (inline CSS and JS, no network) to sort and filter findings.
    case html
    /// One CSV row per finding (RFC 4180).
    case csv

    /// Renders `report` in this format.
    public func render(_ report: ValidationReport, options: ReportOptions = ReportOptions()) -> String {
        switch self {
        case .text: return TextReport.render(report, options: options)
        case .json: return JSONReport.render(report, options: options)
        case .html: return HTMLReport.render(report, options: options)
        case .csv: return CSVReport.render(report)
        }
    }
}
