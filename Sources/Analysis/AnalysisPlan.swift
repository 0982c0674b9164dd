import Foundation
import Yams

/// The statistical analysis plan as data (`mappings/<study>/analysis.yaml`): endpoints, group,
/// time points, covariates, risk-factor threshold, subgroups, propensity weighting, and which
/// ADaM variables hold what.
///
/// Times are in the unit of ADTTE's AVAL (days for CRLM); `timePoints` and `atRiskTimes` use it too.
/// Example: `let plan = try AnalysisPlan.load(path: "mappings/crlm/analysis.yaml")`.
public struct AnalysisPlan: Sendable, Codable, Equatable {
    /// A time-to-event endpoint (one PARAMCD of ADTTE).
    public struct Endpoint: Sendable, Codable, Equatable {
        /// ADTTE PARAMCD, e.g. `OS`.
        public var paramcd: String
        /// Display label, e.g. `Overall survival`.
        public var label: String
    }

    /// The treatment or exposure group.
    public struct Group: Sendable, Codable, Equatable {
        /// ADSL variable, e.g. `TRT01P`.
        public var variable: String
        /// Level that is the comparator (denominator of the hazard ratio), e.g. `Group II`.
        public var reference: String
        /// Display order of the levels; defaults to the levels' byte order.
        public var order: [String]?
    }

    /// A covariate named in the plan: ADSL variable, how it enters models, and its label.
    public struct CovariateSpec: Sendable, Codable, Equatable {
        /// ADSL variable name.
        public var variable: String
        /// `numeric` or `factor`.
        public var type: Kind
        /// Display label; defaults to the variable name.
        public var label: String?
        /// `log`: a numeric covariate enters as ln(x) (x must be > 0); nil = as is.
        public var transform: String?
        /// How the variable enters models.
        public enum Kind: String, Sendable, Codable { case numeric, factor }

        /// Creates a covariate entry.
        public init(variable: String, type: Kind, label: String? = nil, transform: String? = nil) {
            self.variable = variable
            self.type = type
            self.label = label
            self.transform = transform
        }
    }

    /// Settings of the risk-factor (prognostic) analysis.
    public struct RiskFactors: Sendable, Codable, Equatable {
        /// Endpoint PARAMCD (OS).
        public var endpoint: String
        /// Univariable p below which a factor enters the multivariable model.
        public var threshold: Double
        /// Candidate factors (ADSL variables).
        public var candidates: [CovariateSpec]
        /// Whether the group variable is forced into the multivariable model.
        public var includeGroup: Bool?
    }

    /// Propensity weighting settings (`iptw:` section).
    public struct IPTW: Sendable, Codable, Equatable {
        /// Covariates of the propensity model (ADSL variables).
        public var covariates: [CovariateSpec]
        /// `ate`, `att` or `overlap`.
        public var estimand: Estimand
        /// Stabilised weights (ATE only).
        public var stabilize: Bool?
        /// Trimming bound on the score, e.g. 0.05 (subjects outside [a, 1 − a] excluded).
        public var trim: Double?
        /// Truncation quantile of the weights, e.g. 0.01.
        public var truncate: Double?
    }

    /// Variable names in ADTTE.
    public struct ADTTEVariables: Sendable, Codable, Equatable {
        /// Subject key.
        public var subject: String = "USUBJID"
        /// Parameter code.
        public var paramcd: String = "PARAMCD"
        /// Analysis time.
        public var time: String = "AVAL"
        /// Censoring variable: 0 = event, a positive integer = censored (ADaM convention).
        public var censor: String = "CNSR"
    }

    /// Variable names and values in ADAE.
    public struct ADAEVariables: Sendable, Codable, Equatable {
        /// Subject key.
        public var subject: String = "USUBJID"
        /// Preferred (coded) term.
        public var term: String = "AEDECOD"
        /// Body system / system organ class.
        public var bodySystem: String = "AEBODSYS"
        /// Numeric CTCAE grade 1–5 (or text "1".."5").
        public var grade: String = "AETOXGR"
        /// Serious flag, `Y`/`N`.
        public var serious: String = "AESER"
        /// Relationship to radical local treatment.
        public var relationship: String = "AERELLOC"
        /// Optional record filter flag (e.g. TRTEMFL); rows where it is `Y` are counted.
        public var filterFlag: String?
    }

    /// Variable names in ADQS.
    public struct ADQSVariables: Sendable, Codable, Equatable {
        /// Subject key.
        public var subject: String = "USUBJID"
        /// Scale code.
        public var paramcd: String = "PARAMCD"
        /// Scale label.
        public var param: String = "PARAM"
        /// Visit label.
        public var visit: String = "AVISIT"
        /// Visit number (orders visits).
        public var visitNumber: String = "AVISITN"
        /// Score 0–100.
        public var value: String = "AVAL"
        /// Change from baseline.
        public var change: String = "CHG"
        /// Planned study day of each visit by visit number, for the completion-rate denominator
        /// (subjects whose OS follow-up reaches the day minus the window); nil = all subjects.
        public var visitDays: [String: Double]?
        /// Visit window in days (±), default 14.
        public var window: Double?
        /// Optional record filter flag (e.g. ANL01FL); rows where it is `Y` are summarised.
        public var filterFlag: String?
    }

    /// Study identifier for titles.
    public var study: String
    /// Study title for the report heading.
    public var title: String?
    /// Subject key in ADSL.
    public var subject: String
    /// The group.
    public var group: Group
    /// Unit of AVAL: `days`.
    public var timeUnit: String
    /// Landmark times for survival rates (e.g. 365, 730).
    public var timePoints: [Double]
    /// Times for the number-at-risk table (e.g. every 3 months in days).
    public var atRiskTimes: [Double]
    /// Days per month used for plots (30.4375).
    public var daysPerMonth: Double
    /// Confidence level, e.g. 0.95.
    public var confLevel: Double
    /// KM interval type: `log`, `log-log` or `plain`.
    public var confType: String
    /// Cox ties: `efron`, `breslow`, `exact`.
    public var ties: String
    /// Endpoints.
    public var endpoints: [Endpoint]
    /// Covariates for the adjusted group hazard ratio.
    public var adjustFor: [CovariateSpec]
    /// Risk-factor analysis.
    public var riskFactors: RiskFactors?
    /// Subgroup variables (ADSL, categorical) for the forest plot.
    public var subgroups: [CovariateSpec]
    /// Baseline characteristics table rows.
    public var baseline: [CovariateSpec]
    /// Propensity weighting; nil = not asked.
    public var iptw: IPTW?
    /// ADTTE variables.
    public var adtte: ADTTEVariables
    /// ADAE variables; nil = no AE analysis.
    public var adae: ADAEVariables?
    /// ADQS variables; nil = no QoL analysis.
    public var adqs: ADQSVariables?

    /// Reads and checks a YAML plan; errors name the file.
    public static func load(path: String) throws(AnalysisError) -> AnalysisPlan {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .badPlan(file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses a YAML plan from text; `file` names it in errors.
    public static func parse(yaml text: String, file: String) throws(AnalysisError) -> AnalysisPlan {
        let plan: AnalysisPlan
        do { plan = try YAMLDecoder().decode(AnalysisPlan.self, from: text) } catch {
            throw .badPlan(file: file, message: AnalysisPlan.describe(error))
        }
        try plan.check(file: file)
        return plan
    }

    /// Checks ranges and names.
    func check(file: String) throws(AnalysisError) {
        if endpoints.isEmpty { throw .badPlan(file: file, message: "endpoints: at least one endpoint expected") }
        if !(confLevel > 0 && confLevel < 1) { throw .badPlan(file: file, message: "confLevel: value '\(confLevel)'; expected a number in (0, 1)") }
        if !["log", "log-log", "plain"].contains(confType) { throw .badPlan(file: file, message: "confType: value '\(confType)'; expected log, log-log or plain") }
        if !["efron", "breslow", "exact"].contains(ties) { throw .badPlan(file: file, message: "ties: value '\(ties)'; expected efron, breslow or exact") }
        if let rf = riskFactors, !(rf.threshold > 0 && rf.threshold <= 1) {
            throw .badPlan(file: file, message: "riskFactors.threshold: value '\(rf.threshold)'; expected a p-value in (0, 1]")
        }
        if let rf = riskFactors, !endpoints.contains(where: { $0.paramcd == rf.endpoint }) {
            throw .badPlan(file: file, message: "riskFactors.endpoint: value '\(rf.endpoint)'; expected one of the endpoints' paramcd")
        }
        for c in adjustFor + subgroups + baseline + (riskFactors?.candidates ?? []) + (iptw?.covariates ?? []) {
            if let t = c.transform, t != "log" || c.type != .numeric {
                throw .badPlan(file: file, message: "\(c.variable).transform: value '\(t)'; expected log on a numeric covariate")
            }
        }
        if let w = iptw {
            do { try WeightOptions(estimand: w.estimand, stabilize: w.stabilize ?? false, trim: w.trim, truncate: w.truncate).validate() } catch {
                throw .badPlan(file: file, message: "iptw: \(error.description)")
            }
        }
    }

    /// A decoding error as "key.path: what".
    static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, ctx):
            return (ctx.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".") + ": required key missing"
        case let DecodingError.typeMismatch(type, ctx), let DecodingError.valueNotFound(type, ctx):
            return ctx.codingPath.map(\.stringValue).joined(separator: ".") + ": expected \(type) (\(ctx.debugDescription))"
        case let DecodingError.dataCorrupted(ctx):
            return ctx.codingPath.map(\.stringValue).joined(separator: ".") + ": \(ctx.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
