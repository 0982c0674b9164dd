import TrialCore

/// The four ADaM datasets of a study and the diagnostics their derivation produced.
public struct ADaMResult: Sendable {
    /// Subject-level analysis dataset.
    public var adsl: Dataset
    /// Time-to-event analysis dataset.
    public var adtte: Dataset
    /// Adverse events analysis dataset.
    public var adae: Dataset
    /// QLQ-C30 scale scores analysis dataset.
    public var adqs: Dataset
    /// Notes and warnings (nothing here stopped the derivation).
    public var diagnostics: [Diagnostic]

    /// The datasets in output order: ADSL, ADTTE, ADAE, ADQS.
    public var datasets: [Dataset] { [adsl, adtte, adae, adqs] }
}
