/// How much a rendered report shows.
public struct ReportOptions: Sendable, Hashable {
    /// Findings listed per rule in the text report (the rest are counted).
    public var occurrencesPerRule: Int
    /// Findings embedded per rule in the HTML report (the rest are counted; JSON and CSV
    /// always hold every finding).
    public var htmlFindingsPerRule: Int
    /// Whether per-rule wall-clock times are shown (off by default so that the same input
    /// gives the same bytes).
    public var includeTimings: Bool

    /// Creates options; defaults: 5 occurrences per rule in text, 2,000 per rule in HTML, no timings.
    public init(occurrencesPerRule: Int = 5, htmlFindingsPerRule: Int = 2000, includeTimings: Bool = false) {
        self.occurrencesPerRule = occurrencesPerRule
        self.htmlFindingsPerRule = htmlFindingsPerRule
        self.includeTimings = includeTimings
    }
}
