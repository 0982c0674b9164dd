import Analysis

/// The statistical-methods paragraph, generated from the options the results were computed
/// with (so that it cannot disagree with them).
public enum MethodsParagraph {
    /// The paragraph as plain text.
    public static func text(_ r: Results) -> String {
        let m = r.methods
        let pct = Format.fixed(m.confLevel * 100, 0)
        let ci = m.confType == "log" ? "log (R's default)" : m.confType == "log-log" ? "log-log (SAS's default)" : "plain (linear)"
        let ties = m.ties == "efron" ? "Efron's method (R's default)" : m.ties == "breslow" ? "Breslow's method (SAS's default)" : "the exact discrete likelihood"
        let years = m.timePoints.map { Format.fixed($0 / m.daysPerMonth / 12, 0) }.joined(separator: " and ")
        var s = "Survival was estimated by the Kaplan-Meier method by \(m.groupVariable); pointwise \(pct)% confidence intervals use the \(ci) transformation of the Greenwood standard error, and the median's interval is read from the limits (Brookmeyer-Crowley). Survival rates are reported at \(years) year(s). Groups were compared with the log-rank test. Hazard ratios (\(pct)% Wald intervals) versus \(m.referenceGroup) come from Cox proportional-hazards regression with ties handled by \(ties)"
        s += m.adjustedFor.isEmpty ? "." : "; the adjusted model includes \(m.adjustedFor.joined(separator: ", "))."
        if let rf = r.riskFactors {
            s += " Candidate risk factors for \(rf.endpoint) were screened in univariable Cox models; those with likelihood-ratio p < \(Format.fixed(rf.threshold, 2)) entered a multivariable model, whose proportional-hazards assumption was checked with the score test of cox.zph (Kaplan-Meier time transform)."
        }
        if let p = r.propensity {
            let o = p.options
            s += " Because allocation was not randomized, a propensity score for \(p.treatedGroup) was estimated by logistic regression (IRLS) on \(Set(p.balance.rows.map(\.term)).count) baseline covariates; \(o.estimand.rawValue.uppercased()) weights\(o.stabilize ? " (stabilized by the marginal group probability)" : "")\(o.trim.map { ", excluding subjects with scores outside [\($0), \(1 - $0)]" } ?? "")\(o.truncate.map { ", truncated at the \($0) and \(1 - $0) quantiles" } ?? "") were applied. Balance was assessed by standardized mean differences (threshold 0.1). The weighted hazard ratio uses a Cox model with case weights and the robust sandwich variance; weighted Kaplan-Meier curves use the weights as case weights."
        }
        s += " Baseline characteristics are summarized as median [Q1, Q3] or n (%). Adverse events are counted once per subject at the maximum CTCAE grade. QLQ-C30 scales are summarized per visit with change from baseline. Missing covariate values were handled by complete-case analysis per model. All computations: \(m.softwareVersion) (numerics validated against R's survival package)."
        return s
    }
}
