/// How tied event times enter the Cox partial likelihood (R's `coxph(ties =)`).
public enum CoxTies: String, Sendable, CaseIterable, Codable {
    /// Efron's approximation; R's default.
    case efron
    /// Breslow's approximation; SAS PROC PHREG's default.
    case breslow
    /// The discrete exact partial likelihood (R's `exact`, SAS's TIES=DISCRETE).
    case exact
}

/// Options of a Cox fit, named and defaulted as in R's `coxph` and `coxph.control`.
public struct CoxOptions: Sendable {
    /// Tie handling; default `.efron` as R.
    public var ties: CoxTies = .efron
    /// Sandwich (dfbeta) variance; implied by a cluster variable.
    /// R (and this fit) switch it on by themselves when a case weight is not an integer.
    public var robust: Bool = false
    /// Coverage of the hazard-ratio intervals.
    public var confLevel: Double = 0.95
    /// Newton-Raphson iteration limit (R's `iter.max`).
    public var maxIterations: Int = 20
    /// Convergence: stop when |1 − ℓ_old/ℓ_new| ≤ epsilon (R's `eps`).
    public var epsilon: Double = 1e-9
    /// Pivot tolerance of the Cholesky factor (R's `toler.chol`, ε^0.75).
    public var cholTolerance: Double = SymmetricMatrix.defaultTolerance
    /// Tolerance flagging a coefficient that runs to infinity (R's `toler.inf`, sqrt(eps)).
    public var infiniteTolerance: Double = 3.1622776601683795e-05
    /// Merge times equal up to floating-point noise (R's `timefix`).
    public var timefix: Bool = true

    /// Default options (R's defaults).
    public init() {}
}

/// A test statistic with its chi-square reference distribution.
public struct ChiSquareTest: Sendable, Equatable {
    /// The statistic.
    public let chiSquare: Double
    /// Degrees of freedom.
    public let df: Int
    /// Upper-tail p-value.
    public let p: Double

    /// Builds the test and its p-value from χ²(df).
    public init(chiSquare: Double, df: Int) {
        self.chiSquare = chiSquare
        self.df = df
        self.p = df > 0 ? ChiSquareDistribution.upperTail(chiSquare, df: Double(df)) : .nan
    }
}

/// One row of a Cox coefficient table (R's `summary(coxph)`).
///
/// nil entries are R's NA: an aliased (singular) column has no coefficient. With a robust
/// variance, `z`, `p` and the interval use `robustStdErr`, as R's summary does.
public struct CoxCoefficient: Sendable, Equatable {
    /// Column name: `VAR` or `VAR=LEVEL`.
    public let term: String
    /// β, log hazard ratio per unit.
    public let coef: Double?
    /// exp(β).
    public let hazardRatio: Double?
    /// Model-based SE, sqrt of the inverse information diagonal.
    public let stdErr: Double?
    /// Sandwich SE (nil unless robust).
    public let robustStdErr: Double?
    /// β / SE (robust SE when robust).
    public let z: Double?
    /// Two-sided normal p-value of z.
    public let p: Double?
    /// Lower limit of the hazard-ratio interval, exp(β − z_{α/2} SE).
    public let hazardRatioLower: Double?
    /// Upper limit of the hazard-ratio interval.
    public let hazardRatioUpper: Double?
}

/// Harrell's concordance as `coxph` reports it, with its infinitesimal-jackknife SE.
///
/// C = (concordant + tied_x/2)/(concordant + discordant + tied_x); counts are weighted
/// (products of case weights) and only pairs within a stratum count.
public struct ConcordanceResult: Sendable, Equatable {
    /// Concordant pairs (higher risk score, shorter time).
    public let concordant: Double
    /// Discordant pairs.
    public let discordant: Double
    /// Comparable pairs with tied risk scores.
    public let tiedRisk: Double
    /// The concordance C.
    public let concordance: Double
    /// Infinitesimal-jackknife standard error of C.
    public let stdErr: Double
}

/// A fitted Cox proportional hazards model (R's `coxph` object, summary numbers included).
public struct CoxFit: Sendable {
    /// Tie handling used.
    public let ties: CoxTies
    /// Coefficient table, one row per design column.
    public let coefficients: [CoxCoefficient]
    /// Term names and their columns (R's `assign`).
    public let termNames: [String]
    /// For each term, the indices of its columns.
    public let assign: [[Int]]
    /// Model-based variance (inverse information at β̂), p×p; zero rows for aliased columns.
    public let variance: SymmetricMatrix
    /// Sandwich variance when robust or clustered.
    public let robustVariance: SymmetricMatrix?
    /// Log partial likelihood at β = 0 (the initial values).
    public let loglikNull: Double
    /// Log partial likelihood at β̂.
    public let loglik: Double
    /// Newton-Raphson iterations used.
    public let iterations: Int
    /// False when the iteration limit was reached or a coefficient runs to ±∞
    /// (monotone likelihood / separation); then the estimates are not maximum-likelihood estimates.
    public let converged: Bool
    /// Columns whose coefficient appears infinite (R's "Loglik converged before variable …").
    public let infiniteCoefficients: [String]
    /// Rows used.
    public let n: Int
    /// Events (unweighted count of event rows, as R's `nevent`).
    public let events: Int
    /// Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)), df = number of estimated coefficients.
    public let likelihoodRatio: ChiSquareTest
    /// Wald test β̂ᵀ V⁻¹ β̂ (robust V when robust).
    public let wald: ChiSquareTest
    /// Score (log-rank) test U(0)ᵀ I(0)⁻¹ U(0), model-based.
    public let score: ChiSquareTest
    /// Harrell's C with its IJ SE.
    public let concordance: ConcordanceResult
    /// Linear predictor xβ̂ + offset − Σ β̂·mean(x) per caller row (R's `linear.predictors`).
    public let linearPredictors: [Double]
    /// β̂ with 0 for aliased columns (for internal use by diagnostics).
    let beta: [Double]
    /// Sorted data used by the fit (for `cox.zph`).
    let data: CoxData
}
