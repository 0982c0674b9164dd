/// The population a weighted comparison targets, which fixes the weight formula.
///
/// With propensity score e = P(treated | X) and A = 1 for the treated:
/// - `ate`: whole population, w = A/e + (1 − A)/(1 − e);
/// - `att`: the treated, w = A + (1 − A)·e/(1 − e);
/// - `overlap`: the population with clinical equipoise, w = A(1 − e) + (1 − A)e (Li, Morgan,
///   Zaslavsky 2018).
public enum Estimand: String, Sendable, Codable, CaseIterable {
    /// Average treatment effect in the whole population (IPTW).
    case ate
    /// Average treatment effect in the treated.
    case att
    /// Overlap weights.
    case overlap

    /// The weight of one subject with score `e`, `treated` or not.
    public func weight(score e: Double, treated: Bool) -> Double {
        switch self {
        case .ate: return treated ? 1 / e : 1 / (1 - e)
        case .att: return treated ? 1 : e / (1 - e)
        case .overlap: return treated ? 1 - e : e
        }
    }
}
