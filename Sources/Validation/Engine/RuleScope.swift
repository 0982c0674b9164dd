/// Which datasets a rule looks at.
///
/// A rule never runs on a dataset outside its scope; when no input dataset is in scope the
/// report lists the rule as "not executed" with the reason (no silent skips).
public enum RuleScope: Sendable, Hashable {
    /// Every dataset (SDTM, ADaM or unknown).
    case all
    /// Every SDTM dataset.
    case sdtm
    /// Every ADaM dataset.
    case adam
    /// ADaM time-to-event datasets (ADaM datasets with a CNSR variable, e.g. ADTTE).
    case adamTimeToEvent
    /// Datasets with these names (upper case), e.g. `["AE"]`; for SDTM, a split dataset
    /// (QS1, QSPH) counts as its DOMAIN.
    case datasets([String])

    /// Human-readable form for reports: `all datasets`, `SDTM`, `AE, DM`.
    public var description: String {
        switch self {
        case .all: return "all datasets"
        case .sdtm: return "SDTM datasets"
        case .adam: return "ADaM datasets"
        case .adamTimeToEvent: return "ADaM time-to-event datasets (with CNSR)"
        case .datasets(let names): return names.joined(separator: ", ")
        }
    }
}
