import Analysis

/// What a finished run produced and found.
public struct RunOutcome: Sendable {
    /// Per-stage timings and counts, in order.
    public let stages: [StageReport]
    /// The analysis results (as written to results.json).
    public let results: Results
    /// Reconciliation and validation summary (as shown in the report).
    public let summary: RunSummary
    /// True when validation found errors (exit code 1; outputs were written).
    public let validationErrors: Bool
    /// Files written, relative to the output folder.
    public let files: [String]
    /// Notes and warnings of the stages (not errors: those stop the run).
    public let diagnostics: [String]
}
