import Foundation

/// A Weibull proportional-hazards model for one event time, in days from inclusion.
///
/// Baseline cumulative hazard H₀(t) = (t / scaleDays)^shape; a subject with linear predictor η
/// has S(t | η) = exp(−H₀(t)·e^η). A time is drawn by inversion from a uniform U:
/// T = scaleDays · (−ln U · e^(−η))^(1/shape).
public struct WeibullPHModel: Sendable, Hashable, Codable {
    /// Weibull shape k (> 1: hazard rising with time).
    public var shape: Double
    /// Weibull scale λ in days, for η = 0.
    public var scaleDays: Double
    /// Log hazard ratios.
    public var coefficients: HazardCoefficients

    /// Creates a model.
    public init(shape: Double, scaleDays: Double, coefficients: HazardCoefficients) {
        self.shape = shape
        self.scaleDays = scaleDays
        self.coefficients = coefficients
    }

    /// The event time (days) whose survival probability is `u` ∈ (0, 1) for linear predictor `eta`.
    public func time(survivalProbability u: Double, linearPredictor eta: Double) -> Double {
        scaleDays * pow(-log(u) * exp(-eta), 1 / shape)
    }

    /// S(t | η) = exp(−(t/λ)^k · e^η).
    public func survival(atDay t: Double, linearPredictor eta: Double) -> Double {
        exp(-pow(t / scaleDays, shape) * exp(eta))
    }
}
